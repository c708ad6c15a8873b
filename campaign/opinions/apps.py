from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "campaign.opinions"
    label = "opinions"
    verbose_name = _("Opinions and suggestions")

    def ready(self):
        from .rules import register_rules

        register_rules()
