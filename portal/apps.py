from django.apps import AppConfig
from django.conf import settings


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        # SQLite's file, the filesystem broker and the beat schedule live under var/.
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
