"""The one access layer: which units, members and accounts a user may see or change.

Scope by role (DOMAIN.md "Who uses it"):
- office and higher supervision: every unit; higher supervision only reads;
- unit secretary and cadre: their own unit and everything below it;
- supervision member: the units assigned to their group;
- county leader: their contact units and everything below them;
- anyone else: nothing.

Outside a user's scope an object does not exist for them (404). Inside it but without
the right to change it, a write is refused with 403.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Member, Role, TeamSeat, Unit, User

_NOTHING = Q(pk__in=[])


def _contact_paths(user):
    cached = getattr(user, "_contact_paths", None)
    if cached is None:
        cached = list(user.contact_units.values_list("path", flat=True))
        user._contact_paths = cached
    return cached


def _own_unit_path(user):
    cached = getattr(user, "_own_unit_path", None)
    if cached is None and user.unit_id:
        cached = Unit.objects.filter(pk=user.unit_id).values_list("path", flat=True).first()
        user._own_unit_path = cached
    return cached


def unit_scope_q(user, prefix=""):
    """A Q over Unit (or, with ``prefix='unit__'``, over a model with a unit FK)."""
    if not user.is_authenticated or not user.is_active:
        return _NOTHING
    if user.is_superuser or user.role in (Role.OFFICE, Role.INSPECTOR):
        return Q()
    if user.role in (Role.SECRETARY, Role.CADRE):
        path = _own_unit_path(user)
        return Q(**{f"{prefix}path__startswith": path}) if path else _NOTHING
    if user.role == Role.SUPERVISOR:
        return Q(**{f"{prefix}group_id": user.group_id}) if user.group_id else _NOTHING
    if user.role == Role.LEADER:
        paths = _contact_paths(user)
        if not paths:
            return _NOTHING
        return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))
    return _NOTHING


def unit_in_scope(user, unit):
    """Whether ``unit`` (anything with ``path`` and ``group_id``) lies in ``user``'s scope:
    ``unit_scope_q`` decided in Python, for units already read (a breadcrumb's ancestors),
    with no query beyond the user's own unit or contact paths, read once per request."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role in (Role.OFFICE, Role.INSPECTOR):
        return True
    if user.role in (Role.SECRETARY, Role.CADRE):
        path = _own_unit_path(user)
        return bool(path) and unit.path.startswith(path)
    if user.role == Role.SUPERVISOR:
        return bool(user.group_id) and unit.group_id == user.group_id
    if user.role == Role.LEADER:
        return any(unit.path.startswith(p) for p in _contact_paths(user))
    return False


def scope_units(user):
    return Unit.objects.filter(unit_scope_q(user))


def scope_members(user):
    return Member.objects.filter(unit_scope_q(user, prefix="unit__"))


def is_office(user):
    return user.is_authenticated and user.is_active and user.is_office


def sees_everything(user):
    return is_office(user) or (user.is_authenticated and user.role == Role.INSPECTOR)


def in_units_group(user, unit):
    """Whether ``user`` is a member of the supervision group that covers ``unit``."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.SUPERVISOR
        and bool(user.group_id)
        and user.group_id == unit.group_id
    )


def can_edit_unit(user, unit):
    """Changing a unit's own fields, its place in the tree and its group: the office."""
    return is_office(user)


def can_manage_members(user, unit):
    """Keeping a unit's roster: the office, or the secretary of that unit or one above it."""
    if is_office(user):
        return True
    if user.role == Role.SECRETARY:
        path = _own_unit_path(user)
        return bool(path) and unit.path.startswith(path)
    return False


def get_unit_for_user(user, pk, write=False):
    """The unit, or 404 outside the user's scope; 403 if ``write`` and the user may not."""
    unit = (
        Unit.objects.filter(unit_scope_q(user))
        .select_related("parent", "sector", "group", "secretary")
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise Http404
    if write and not can_manage_members(user, unit):
        raise PermissionDenied
    return unit


def get_member_for_user(user, pk, write=False):
    member = scope_members(user).select_related("unit").filter(pk=pk).first()
    if member is None:
        raise Http404
    if write and not can_manage_members(user, member.unit):
        raise PermissionDenied
    return member


def require_office(user, write=True):
    """Office pages: the office may use them; higher supervision may read them (403 on
    a write); for everyone else they do not exist."""
    if is_office(user):
        return
    if not write and sees_everything(user):
        return
    if user.is_authenticated and user.role == Role.INSPECTOR:
        raise PermissionDenied
    raise Http404


def get_account_for_office(user, pk):
    require_office(user)
    account = User.objects.filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


def may_manage_team(user, unit):
    """Keeping a unit's leadership team (班子): the office, or the unit's own secretary."""
    if not unit.has_team:
        return False
    if is_office(user):
        return True
    return user.is_active and user.role == Role.SECRETARY and user.unit_id == unit.pk


def get_team_unit_for_user(user, pk, write=False):
    """The unit of a team page: 404 outside the user's scope or for a unit of a kind
    without a team; 403 if ``write`` and the user may not keep the team."""
    unit = get_unit_for_user(user, pk)
    if not unit.has_team:
        raise Http404
    if write and not may_manage_team(user, unit):
        raise PermissionDenied
    return unit


def get_in_scope(queryset, user, pk, may_write=None):
    """The row ``pk`` of ``queryset`` (rows that belong to a unit), or 404 when its unit
    lies outside the user's scope; with ``may_write`` (row -> bool), 403 when it says no."""
    row = queryset.filter(unit_scope_q(user, prefix="unit__")).filter(pk=pk).first()
    if row is None:
        raise Http404
    if may_write is not None and not may_write(row):
        raise PermissionDenied
    return row


def get_seat_for_user(user, pk, write=False):
    """A team seat, or 404 when its unit lies outside the user's scope; 403 on a write
    by someone who may only read the team."""
    seats = TeamSeat.objects.select_related("unit", "cadre")
    may_write = (lambda seat: may_manage_team(user, seat.unit)) if write else None
    return get_in_scope(seats, user, pk, may_write)
