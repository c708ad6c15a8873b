from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """One row, touched every minute by the Celery beat schedule through the worker:
    the health check tells from it whether the background jobs run."""

    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return str(self.beat_at)
