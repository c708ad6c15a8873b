from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyConfig(AppConfig):
    name = "campaign.study"
    label = "study"
    verbose_name = _("Study")

    def ready(self):
        from . import reports

        reports.register_kinds()
        reports.register_rules()
