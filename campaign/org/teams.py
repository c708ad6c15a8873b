"""Leadership teams (班子): the seats of a unit's leading cadres.

Every change is one atomic service function with a keyword-only ``actor`` that refuses a
bad step with ``OrgError`` (nothing changed) and writes one history row on the team's
unit. The head seat (主要负责人) and ``Unit.head`` are kept the same person: a head seat
sets the unit's head through ``services.update_unit``; removing or demoting it clears it.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from campaign.history.services import record

from . import services
from .models import PATH_STEP, TEAM_KINDS, Role, TeamSeat, Unit, UnitKind, User
from .services import OrgError

Position = TeamSeat.Position


def oversee_scope(unit):
    """The units a seat of ``unit``'s team may oversee (分管): for a county leadership team
    any organisation of the county, else the unit's own sub-units."""
    if unit.kind == UnitKind.LEADERSHIP:
        base = Unit.objects.filter(path__startswith=unit.path[:PATH_STEP])
    else:
        base = Unit.objects.filter(path__startswith=unit.path)
    return base.organisations().exclude(pk=unit.pk)


def team_cadres(unit):
    """Cadre accounts of ``unit`` that may take a seat on its team."""
    return User.objects.filter(role=Role.CADRE, unit=unit, is_active=True)


def _check_team(unit):
    if unit.kind not in TEAM_KINDS:
        raise OrgError(_("A unit of this kind has no leadership team."))


def _check_oversees(unit, oversees):
    oversees = list(oversees)
    if not oversees:
        return oversees
    allowed = set(
        oversee_scope(unit).filter(pk__in=[u.pk for u in oversees]).values_list("pk", flat=True)
    )
    outside = [u.name for u in oversees if u.pk not in allowed]
    if outside:
        if unit.kind == UnitKind.LEADERSHIP:
            message = _("A seat may oversee only units of the county: %(names)s is not one.")
        else:
            message = _("A seat may oversee only units under %(unit)s: %(names)s is not one.")
        raise OrgError(message % {"unit": unit.name, "names": "、".join(outside)})
    return oversees


def _check_head(unit, position, seat=None):
    if position != Position.HEAD:
        return
    heads = TeamSeat.objects.filter(unit=unit, position=Position.HEAD)
    if seat is not None:
        heads = heads.exclude(pk=seat.pk)
    holder = heads.select_related("cadre").first()
    if holder is not None:
        raise OrgError(
            _("The team already has a principal leader (%(name)s): a team has only one.")
            % {"name": holder.cadre.display_name}
        )


def _check_cadre(unit, cadre):
    if cadre.role != Role.CADRE:
        raise OrgError(_("Only a cadre account can take a seat on a leadership team."))
    if cadre.unit_id != unit.pk:
        raise OrgError(
            _("%(name)s is a cadre of another unit: a seat takes a cadre of this unit.")
            % {"name": cadre.display_name}
        )
    if TeamSeat.objects.filter(unit=unit, cadre=cadre).exists():
        raise OrgError(
            _("%(name)s already has a seat on this team.") % {"name": cadre.display_name}
        )


def new_cadre_username(unit):
    """A free login for a new cadre of ``unit``: ``gb<unit>-<n>``."""
    base = f"gb{unit.pk}-"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def _new_cadre(actor, unit, new_cadre):
    """Create a cadre account of ``unit`` the way the accounts service does."""
    username = (new_cadre.get("username") or "").strip() or new_cadre_username(unit)
    if User.objects.filter(username__iexact=username).exists():
        raise OrgError(_("The login “%(username)s” is taken.") % {"username": username})
    full_name = (new_cadre.get("full_name") or "").strip()
    if not full_name:
        raise OrgError(_("Give the new cadre's full name."))
    return services.save_account(
        actor=actor,
        username=username,
        full_name=full_name,
        role=Role.CADRE,
        unit=unit,
        is_active=True,
    )


def _sync_head(actor, unit):
    """``Unit.head`` follows the team's head seat; a head demoted or taken off the team
    leaves the unit without a head (a head with no seat at all stays until one is given)."""
    head_seat = TeamSeat.objects.filter(unit=unit, position=Position.HEAD).first()
    if head_seat is not None:
        if unit.head_id != head_seat.cadre_id:
            services.update_unit(actor=actor, unit=unit, head=head_seat.cadre)
    elif unit.head_id and TeamSeat.objects.filter(unit=unit, cadre_id=unit.head_id).exists():
        services.update_unit(actor=actor, unit=unit, head=None)


def _describe(seat):
    return f"{seat.cadre.display_name}({seat.title},{seat.get_position_display()})"


@transaction.atomic
def add_seat(
    *,
    actor,
    unit,
    cadre=None,
    new_cadre=None,
    position,
    title,
    oversees=(),
    phone="",
    order=None,
):
    """Seat ``cadre`` (or a new cadre made from ``new_cadre``: {full_name, username}) on
    ``unit``'s team as ``position`` with ``title``, overseeing ``oversees``."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_team(unit)
    _check_head(unit, position)
    oversees = _check_oversees(unit, oversees)
    if not (title or "").strip():
        raise OrgError(_("Give the cadre's title, e.g. 副局长."))
    if cadre is None:
        if not new_cadre:
            raise OrgError(_("Choose a cadre of the unit or give a new cadre's name."))
        cadre = _new_cadre(actor, unit, new_cadre)
    else:
        _check_cadre(unit, cadre)
    if order is None:
        order = (TeamSeat.objects.filter(unit=unit).aggregate(m=Max("order"))["m"] or 0) + 1
    seat = TeamSeat.objects.create(
        unit=unit, cadre=cadre, position=position, title=title.strip(), order=order, phone=phone
    )
    seat.oversees.set(oversees)
    record(
        actor=actor,
        code="org.team.seat_added",
        obj=unit,
        changes={
            "seat": [None, _describe(seat)],
            "oversees": [None, "、".join(u.name for u in oversees)],
        },
    )
    _sync_head(actor, unit)
    return seat


SEAT_FIELDS = ("position", "title", "phone")


@transaction.atomic
def update_seat(*, actor, seat, oversees=None, **values):
    """Change a seat's position, title, phone and (if given) what it oversees."""
    seat = TeamSeat.objects.select_related("unit", "cadre").select_for_update().get(pk=seat.pk)
    unit = seat.unit
    if "position" in values:
        _check_head(unit, values["position"], seat=seat)
    if "title" in values and not (values["title"] or "").strip():
        raise OrgError(_("Give the cadre's title, e.g. 副局长."))
    changed = {}
    for field in SEAT_FIELDS:
        if field in values and getattr(seat, field) != values[field]:
            old = seat.get_position_display() if field == "position" else getattr(seat, field)
            setattr(seat, field, values[field])
            new = seat.get_position_display() if field == "position" else values[field]
            changed[field] = [str(old), str(new)]
    if oversees is not None:
        oversees = _check_oversees(unit, oversees)
        old = list(seat.oversees.order_by("path"))
        if {u.pk for u in old} != {u.pk for u in oversees}:
            seat.oversees.set(oversees)
            changed["oversees"] = [
                "、".join(u.name for u in old),
                "、".join(u.name for u in oversees),
            ]
    if not changed:
        return seat
    seat.save()
    record(
        actor=actor,
        code="org.team.seat_updated",
        obj=unit,
        changes=changed,
        reason=seat.cadre.display_name,
    )
    _sync_head(actor, unit)
    return seat


@transaction.atomic
def remove_seat(*, actor, seat):
    """Take the cadre off the team (their account stays); a head seat clears Unit.head."""
    seat = TeamSeat.objects.select_related("unit", "cadre").select_for_update().get(pk=seat.pk)
    unit = seat.unit
    was_head = seat.position == Position.HEAD
    record(
        actor=actor,
        code="org.team.seat_removed",
        obj=unit,
        changes={"seat": [_describe(seat), None]},
    )
    cadre_id = seat.cadre_id
    seat.delete()
    if was_head and unit.head_id == cadre_id:
        services.update_unit(actor=actor, unit=unit, head=None)


@transaction.atomic
def move_seat(*, actor, seat, up):
    """Move a seat one place up (``up=True``) or down the team's order; at an end, nothing."""
    seat = TeamSeat.objects.select_related("unit", "cadre").select_for_update().get(pk=seat.pk)
    seats = list(TeamSeat.objects.filter(unit_id=seat.unit_id).order_by("order", "id"))
    index = next(k for k, s in enumerate(seats) if s.pk == seat.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(seats):
        return seat
    seats[index], seats[other] = seats[other], seats[index]
    for number, s in enumerate(seats, start=1):
        s.order = number
    TeamSeat.objects.bulk_update(seats, ["order"])
    record(
        actor=actor,
        code="org.team.seat_moved",
        obj=seat.unit,
        changes={"order": [index + 1, other + 1]},
        reason=seat.cadre.display_name,
    )
    seat.order = other + 1
    return seat


def seats_of(unit):
    """The team of ``unit`` in order, with cadres and overseen units (three queries)."""
    return (
        TeamSeat.objects.filter(unit=unit)
        .select_related("cadre")
        .prefetch_related("oversees")
        .order_by("order", "id")
    )


def seats_of_cadre(cadre):
    """The seats ``cadre`` holds, with their units and overseen units (two queries)."""
    return (
        TeamSeat.objects.filter(cadre=cadre)
        .select_related("unit")
        .prefetch_related("oversees")
        .order_by("unit__path")
    )


__all__ = [
    "add_seat",
    "move_seat",
    "new_cadre_username",
    "oversee_scope",
    "remove_seat",
    "seats_of",
    "seats_of_cadre",
    "team_cadres",
    "update_seat",
]
