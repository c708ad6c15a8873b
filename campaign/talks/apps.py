from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "campaign.talks"
    label = "talks"
    verbose_name = _("One-to-one talks")

    def ready(self):
        from . import coverage

        coverage.register_rules()
