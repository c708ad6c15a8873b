from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "campaign.opinions"
    label = "opinions"
    verbose_name = _("Opinions and suggestions")

    def ready(self):
        from django.core import checks

        from .rules import register_rules
        from .similar import check_trigram_locale

        register_rules()
        checks.register(check_trigram_locale, checks.Tags.database)
