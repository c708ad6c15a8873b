"""Who may read and record a team's one-to-one talks.

Reading follows who may see the unit (``campaign.org.access``); outside it a talk does
not exist (404). A talk is recorded by either party, the unit's own secretary or the
campaign office; anyone else who sees the unit is refused a write (403).
"""

from django.core.exceptions import PermissionDenied

from campaign.org.access import get_in_scope, get_team_unit_for_user, is_office
from campaign.org.models import Role, TeamSeat

from .models import Talk


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def on_team(user, unit):
    """Whether ``user`` holds a seat on ``unit``'s team (read once per request)."""
    cache = user.__dict__.setdefault("_talk_team_units", {})
    if unit.pk not in cache:
        cache[unit.pk] = (
            user.role == Role.CADRE and TeamSeat.objects.filter(unit=unit, cadre=user).exists()
        )
    return cache[unit.pk]


def may_record_talk(user, unit, talk=None):
    """The office, the unit's own secretary, or a party: for a recorded ``talk`` either of
    its two, else a cadre on the team (who records the talks they held)."""
    if not _active(user) or not unit.has_team:
        return False
    if is_office(user):
        return True
    if user.role == Role.SECRETARY and user.unit_id == unit.pk:
        return True
    if talk is not None:
        return user.pk in (talk.first_id, talk.second_id)
    return on_team(user, unit)


def get_talks_unit_for_user(user, pk, write=False):
    """The team unit of a talks page: 404 outside the reader's scope; 403 on a write by
    someone who may not record."""
    unit = get_team_unit_for_user(user, pk)
    if write and not may_record_talk(user, unit):
        raise PermissionDenied
    return unit


def get_talk_for_user(user, pk, write=False):
    talks = Talk.objects.select_related("unit", "first", "second")
    may_write = (lambda talk: may_record_talk(user, talk.unit, talk)) if write else None
    return get_in_scope(talks, user, pk, may_write)
