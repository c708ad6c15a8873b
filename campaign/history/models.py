"""One history row per change made by a service function (who, when, what, why)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryEntry(models.Model):
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A dotted code, e.g. ``org.unit.created``; its label is in ``campaign.history.codes``.
    code = models.CharField(_("action"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        indexes = [
            # An object's page lists its history, newest first.
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="history_target_time"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.object_repr}"

    @property
    def label(self):
        from .codes import LABELS

        return LABELS.get(self.code, self.code)
