from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhasesConfig(AppConfig):
    name = "campaign.phases"
    label = "phases"
    verbose_name = _("Phases and requirements")
