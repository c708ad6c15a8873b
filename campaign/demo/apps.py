from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo county, built through the portal's own service functions."""

    name = "campaign.demo"
    label = "demo"
    verbose_name = _("Demo county")
