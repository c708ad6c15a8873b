"""One history row per change made by a service function (who, when, what, why)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HistoryEntry(models.Model):
    created_at = models.DateTimeField(_("time"), default=timezone.now)
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

    def shown_changes(self):
        """[(label, old, new)] as people read them: a field's label instead of its name,
        a choice's label instead of its stored value."""
        model = self.content_type.model_class()
        shown = []
        for name, change in (self.changes or {}).items():
            label, display = _field_display(model, name)
            if isinstance(change, list) and len(change) == 2:
                shown.append((label, display(change[0]), display(change[1])))
            else:
                shown.append((label, None, display(change)))
        return shown

    @property
    def label(self):
        from .codes import LABELS

        return LABELS.get(self.code, self.code)


def _field_display(model, name):
    try:
        field = model._meta.get_field(name) if model else None
    except Exception:
        field = None
    labels = {
        "reasons": _("reasons"),
        "checks": _("checks"),
        "unmet": _("rules not met"),
        "levels": _("review levels"),
        "members": _("members"),
    }
    labels.update(getattr(model, "HISTORY_LABELS", {}))
    label = getattr(field, "verbose_name", None) or labels.get(name, name)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if not choices and name in getattr(model, "HISTORY_CHOICES", {}):
        choices = dict(model.HISTORY_CHOICES[name])

    def display(value):
        if isinstance(value, list):
            return "、".join(str(display(v)) for v in value) or "—"
        if isinstance(value, dict):
            return "；".join(f"{k}: {display(v)}" for k, v in value.items())
        if value is None or value == "":
            return "—"
        if value is True:
            return _("yes")
        if value is False:
            return _("no")
        return choices.get(value, value)

    return label, display
