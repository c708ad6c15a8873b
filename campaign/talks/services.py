"""Every change to one-to-one talks is one of these functions.

Each runs in a transaction, refuses a step that does not fit with ``TalkError`` (nothing
changed) and writes one history row: ``talks.talk.recorded|updated|deleted``. ``at`` is
when the change happened (default: now), for the demo timeline.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.models import Role, TeamSeat
from campaign.phases import clock
from campaign.phases.models import WavePlan

from .access import may_record_talk
from .coverage import pair_key
from .models import FIVE_KEYS, NOTE_LENGTH, Talk

THING_FIELDS = [f"{key}_{part}" for key in FIVE_KEYS for part in ("done", "note")]


class TalkError(Exception):
    """A refused step; the message is for the user."""


def _check_actor(actor, unit, talk=None):
    if not may_record_talk(actor, unit, talk):
        raise TalkError(
            _(
                "Only either party of the talk, the unit's own secretary or the campaign "
                "office can record it."
            )
        )


def _check_pair(unit, first, second):
    """Both on the team, or one on it and the other the head of a unit they oversee."""
    if first is None or second is None:
        raise TalkError(_("Choose the two cadres who talked."))
    if first.pk == second.pk:
        raise TalkError(_("A talk is held between two different cadres."))
    seats = {
        s.cadre_id: s
        for s in TeamSeat.objects.filter(unit=unit, cadre_id__in=[first.pk, second.pk])
    }
    if len(seats) == 2:
        return
    if not seats:
        raise TalkError(
            _("Neither %(a)s nor %(b)s is on the leadership team of %(unit)s.")
            % {"a": first.display_name, "b": second.display_name, "unit": unit.name}
        )
    member = first if first.pk in seats else second
    other = second if member is first else first
    if not seats[member.pk].oversees.filter(head=other).exists():
        raise TalkError(
            _(
                "%(name)s is not on the leadership team of %(unit)s, nor the head of a unit "
                "that %(member)s oversees."
            )
            % {"name": other.display_name, "unit": unit.name, "member": member.display_name}
        )


def _check_date(unit, held_on):
    if held_on is None:
        raise TalkError(_("Give the date of the talk."))
    if held_on > clock.today():
        raise TalkError(_("The date cannot be in the future."))
    plan = (
        WavePlan.objects.filter(phase__number=2, wave=unit.wave)
        .order_by("phase__campaign_id")
        .only("starts_on")
        .first()
    )
    if plan is not None and held_on < plan.starts_on:
        raise TalkError(
            _("The talk cannot be dated before phase 2 started for the unit's wave (%(date)s).")
            % {"date": f"{plan.starts_on:%Y-%m-%d}"}
        )


def _things(values):
    things = {}
    for key in FIVE_KEYS:
        things[f"{key}_done"] = bool(values.get(f"{key}_done"))
        things[f"{key}_note"] = (values.get(f"{key}_note") or "").strip()[:NOTE_LENGTH]
    return things


def _ordered(first, second):
    return (first, second) if first.pk < second.pk else (second, first)


def _shown(value):
    if value is None or value == "":
        return None
    if hasattr(value, "pk"):
        return str(value)
    return value if isinstance(value, bool) else str(value)


@transaction.atomic
def record_talk(*, actor, unit, first, second, held_on, at=None, **things):
    """A new talk of ``unit``'s team between ``first`` and ``second`` on ``held_on``,
    with the five things: ``<key>_done`` and ``<key>_note`` for each key of ``FIVE``."""
    _check_actor(actor, unit)
    if not unit.has_team:
        raise TalkError(_("A unit of this kind has no leadership team."))
    _check_pair(unit, first, second)
    keeper = actor.is_office or (actor.role == Role.SECRETARY and actor.unit_id == unit.pk)
    if not keeper and actor.pk not in (first.pk, second.pk):
        raise TalkError(_("A cadre records only the talks they held themselves."))
    _check_date(unit, held_on)
    first, second = _ordered(first, second)
    at = at or timezone.now()
    talk = Talk.objects.create(
        unit=unit,
        first=first,
        second=second,
        held_on=held_on,
        recorded_by=actor,
        created_at=at,
        updated_at=at,
        **_things(things),
    )
    changes = {
        "first": [None, str(first)],
        "second": [None, str(second)],
        "held_on": [None, str(held_on)],
    }
    changes.update({f: [None, v] for f, v in _things(things).items() if v})
    record(actor=actor, code="talks.talk.recorded", obj=talk, changes=changes, at=at)
    return talk


@transaction.atomic
def update_talk(*, actor, talk, at=None, **values):
    """Change a talk's date, pair or five things; only what is given changes."""
    talk = (
        Talk.objects.select_for_update().select_related("unit", "first", "second").get(pk=talk.pk)
    )
    _check_actor(actor, talk.unit, talk)
    first = values.pop("first", talk.first)
    second = values.pop("second", talk.second)
    held_on = values.pop("held_on", talk.held_on)
    if pair_key(first.pk, second.pk) != (talk.first_id, talk.second_id):
        _check_pair(talk.unit, first, second)
    _check_date(talk.unit, held_on)
    first, second = _ordered(first, second)
    new = {"first": first, "second": second, "held_on": held_on}
    current = {f: getattr(talk, f) for f in THING_FIELDS}
    new.update(_things({**current, **{k: v for k, v in values.items() if k in THING_FIELDS}}))
    changes = {}
    for name, value in new.items():
        old = getattr(talk, name)
        if old != value:
            changes[name] = [_shown(old), _shown(value)]
            setattr(talk, name, value)
    if not changes:
        return talk
    talk.updated_at = at or timezone.now()
    talk.save()
    record(actor=actor, code="talks.talk.updated", obj=talk, changes=changes, at=at)
    return talk


@transaction.atomic
def delete_talk(*, actor, talk, at=None):
    """Delete a talk; its history stays, on the talk's unit."""
    talk = Talk.objects.select_related("unit", "first", "second").get(pk=talk.pk)
    _check_actor(actor, talk.unit, talk)
    unit = talk.unit
    changes = {"talk": [str(talk), None]}
    talk.delete()
    record(actor=actor, code="talks.talk.deleted", obj=unit, changes=changes, at=at)
