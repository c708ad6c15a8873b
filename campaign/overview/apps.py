from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The top floor: pages that read across apps (a unit's page, progress, the
    supervision workspace, the review queue, campaign set-up)."""

    name = "campaign.overview"
    label = "overview"
    verbose_name = _("Overview")
