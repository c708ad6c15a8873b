from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExaminationConfig(AppConfig):
    name = "campaign.examination"
    label = "examination"
    verbose_name = _("Self-examination materials")

    def ready(self):
        from .review import register_kind

        register_kind()
