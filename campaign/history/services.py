from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import HistoryEntry


def plain(value):
    """A value as history stores it: JSON-able, a related object by its name."""
    if hasattr(value, "pk"):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def apply_changes(obj, fields, values):
    """Set ``values`` on ``obj``; return {field: [old, new]} for what really changed."""
    changed = {}
    for field in fields:
        if field not in values:
            continue
        new, old = values[field], getattr(obj, field, None)
        if old != new:
            changed[field] = [plain(old), plain(new)]
            setattr(obj, field, new)
    return changed


def record(*, actor, code, obj, changes=None, reason="", at=None):
    """Write one history row for ``obj``. Call it inside the service's transaction;
    ``at`` is the time of the change (default: now)."""
    return HistoryEntry.objects.create(
        created_at=at or timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        code=code,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
        reason=reason,
    )


def history_for(obj):
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return HistoryEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related(
        "actor", "content_type"
    )
