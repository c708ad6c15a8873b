"""Every change to study records is one of these functions.

Each runs in a transaction, refuses a step that does not fit with ``StudyError``
(nothing changed), and writes one history row: ``study.activity.created|updated|deleted``
and ``study.check.recorded``.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.access import in_units_group
from campaign.org.models import Member, Role
from campaign.phases import clock

from .models import MAX_HALF_DAYS, ActivityKind, Attendance, LearningCheck, StudyActivity

ACTIVITY_FIELDS = ("kind", "held_on", "half_days", "format", "topic", "supervisor")


class StudyError(Exception):
    """A refused step; the message is for the user."""


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def may_record_activity(user, unit):
    """A unit's study activities are kept by that unit's own secretary."""
    return _active(user) and user.role == Role.SECRETARY and user.unit_id == unit.pk


def may_record_check(user, unit):
    """A learning check is recorded by a member of the unit's supervision group."""
    return _active(user) and in_units_group(user, unit)


def _check_date(day):
    if day > clock.today():
        raise StudyError(_("The date cannot be in the future."))


def _check_supervisor(unit, supervisor):
    if supervisor is None:
        return
    if (
        supervisor.role != Role.SUPERVISOR
        or not unit.group_id
        or supervisor.group_id != unit.group_id
    ):
        raise StudyError(_("The supervision member present must belong to the unit's group."))


def _clean_activity(unit, values):
    """The values to store: checked, with what does not apply to the kind left out."""
    values = {field: values.get(field) for field in ACTIVITY_FIELDS}
    values["topic"] = (values["topic"] or "").strip()[:200]
    values["format"] = values["format"] or ""
    if values["kind"] not in ActivityKind.values:
        raise StudyError(_("Choose the kind of study activity."))
    if not values["topic"]:
        raise StudyError(_("Write down the topic."))
    if values["held_on"] is None:
        raise StudyError(_("Give the date."))
    _check_date(values["held_on"])
    if values["kind"] == ActivityKind.CONCENTRATED:
        if not values["format"]:
            raise StudyError(_("Say how the concentrated study session was held."))
        if not values["half_days"] or not 1 <= values["half_days"] <= MAX_HALF_DAYS:
            raise StudyError(
                _("A concentrated study session lasts 1 to %(n)s half-days.") % {"n": MAX_HALF_DAYS}
            )
    else:
        values["half_days"] = None
    _check_supervisor(unit, values["supervisor"])
    return values


def _attendee_ids(unit, attendees):
    ids = sorted({getattr(m, "pk", m) for m in attendees or []})
    if not ids:
        raise StudyError(_("Choose the members who took part."))
    if Member.objects.filter(pk__in=ids, unit=unit).count() != len(ids):
        raise StudyError(_("Attendees must be members of the unit."))
    return ids


def _refuse_unless_secretary(actor, unit):
    if not may_record_activity(actor, unit):
        raise StudyError(_("Only the unit's own secretary can record its study activities."))
    if not unit.is_organisation:
        raise StudyError(_("Study activities are recorded for party organisations."))


def _shown(value):
    """A value as history shows it (an account by its name)."""
    if value is None or value == "":
        return None
    return str(value)


def _key(value):
    return getattr(value, "pk", value) or None


@transaction.atomic
def create_activity(*, actor, unit, attendees, at=None, **values):
    """A new study activity of ``unit`` with the members who took part (or were reached);
    ``at``: when it was recorded (default: now)."""
    _refuse_unless_secretary(actor, unit)
    values = _clean_activity(unit, values)
    ids = _attendee_ids(unit, attendees)
    at = at or timezone.now()
    activity = StudyActivity.objects.create(
        unit=unit, recorded_by=actor, created_at=at, updated_at=at, **values
    )
    Attendance.objects.bulk_create(Attendance(activity=activity, member_id=i) for i in ids)
    changes = {f: [None, _shown(v)] for f, v in values.items() if _shown(v) is not None}
    changes["attendees"] = [None, len(ids)]
    record(actor=actor, code="study.activity.created", obj=activity, changes=changes, at=at)
    return activity


def _attendance_changes(activity, ids):
    old = set(Attendance.objects.filter(activity=activity).values_list("member_id", flat=True))
    new = set(ids)
    if old == new:
        return {}
    Attendance.objects.filter(activity=activity, member_id__in=old - new).delete()
    Attendance.objects.bulk_create(Attendance(activity=activity, member_id=i) for i in new - old)
    names = dict(Member.objects.filter(pk__in=old ^ new).values_list("pk", "name"))
    added = "、".join(names[i] for i in sorted(new - old) if i in names)
    removed = "、".join(names[i] for i in sorted(old - new) if i in names)
    changes = {"attendees": [len(old), len(new)]}
    if added:
        changes["attendees_added"] = [None, added]
    if removed:
        changes["attendees_removed"] = [removed, None]
    return changes


@transaction.atomic
def update_activity(*, actor, activity, attendees, **values):
    activity = StudyActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    unit = activity.unit
    _refuse_unless_secretary(actor, unit)
    values = _clean_activity(unit, values)
    ids = _attendee_ids(unit, attendees)
    changes = {}
    for field, value in values.items():
        old = getattr(activity, field)
        if _key(old) != _key(value):
            changes[field] = [_shown(old), _shown(value)]
            setattr(activity, field, value)
    if changes:
        activity.updated_at = timezone.now()
        activity.save()
    changes.update(_attendance_changes(activity, ids))
    if changes:
        record(actor=actor, code="study.activity.updated", obj=activity, changes=changes)
    return activity


@transaction.atomic
def delete_activity(*, actor, activity):
    activity = StudyActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    _refuse_unless_secretary(actor, activity.unit)
    changes = {
        "kind": [activity.kind, None],
        "held_on": [str(activity.held_on), None],
        "topic": [activity.topic, None],
    }
    record(actor=actor, code="study.activity.deleted", obj=activity, changes=changes)
    activity.delete()


@transaction.atomic
def record_check(*, actor, unit, checked_on, method, result, note=""):
    """A supervision group member records how well a unit has learnt (检验学习效果)."""
    if not may_record_check(actor, unit):
        raise StudyError(_("Only a member of the unit's supervision group can check its learning."))
    if not unit.is_organisation:
        raise StudyError(_("Learning is checked in party organisations."))
    if method not in LearningCheck.Method.values or result not in LearningCheck.Result.values:
        raise StudyError(_("Choose the method and the result."))
    _check_date(checked_on)
    note = (note or "").strip()
    if result == LearningCheck.Result.POOR and not note:
        raise StudyError(_("Say what falls short, so that the unit can follow up."))
    check = LearningCheck.objects.create(
        unit=unit,
        group_id=actor.group_id,
        checked_on=checked_on,
        method=method,
        result=result,
        note=note,
        checked_by=actor,
    )
    changes = {
        "result": [None, result],
        "method": [None, method],
        "checked_on": [None, str(checked_on)],
    }
    record(actor=actor, code="study.check.recorded", obj=check, changes=changes)
    return check
