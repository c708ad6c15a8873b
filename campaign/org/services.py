"""Every change to the organisation goes through one of these functions.

Each is atomic, takes a keyword-only ``actor``, refuses a bad step with ``OrgError``
(nothing changed) and writes one history row with a dotted code.
"""

from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from campaign.history.services import apply_changes, record

from .models import (
    PATH_MAX_CHILDREN,
    PATH_STEP,
    Member,
    Role,
    SupervisionGroup,
    TeamSeat,
    Unit,
    User,
    path_segment,
)


class OrgError(Exception):
    """A refused step; the message is for the user."""


def _next_child_path(parent):
    """The path for a new last child of ``parent`` (or a new root); locks the parent row."""
    if parent is not None:
        Unit.objects.select_for_update().filter(pk=parent.pk).first()
        siblings = Unit.objects.filter(parent=parent)
        prefix = parent.path
    else:
        siblings = Unit.objects.filter(parent__isnull=True)
        prefix = ""
    last = siblings.aggregate(m=Max("path"))["m"]
    number = int(last[-PATH_STEP:]) + 1 if last else 1
    if number > PATH_MAX_CHILDREN:
        raise OrgError(
            _("A unit cannot have more than %(n)s sub-units.") % {"n": PATH_MAX_CHILDREN}
        )
    return prefix + path_segment(number)


UNIT_FIELDS = ("name", "kind", "parent", "wave", "sector", "group", "secretary", "head")


@transaction.atomic
def create_unit(*, actor, name, kind, parent=None, wave, sector=None, group=None):
    unit = Unit(name=name, kind=kind, parent=parent, wave=wave, sector=sector, group=group)
    unit.path = _next_child_path(parent)
    unit.depth = len(unit.path) // PATH_STEP - 1
    unit.save()
    record(actor=actor, code="org.unit.created", obj=unit, changes={"name": [None, name]})
    return unit


@transaction.atomic
def update_unit(*, actor, unit, **values):
    """Change a unit's fields; a new parent moves it with its whole subtree."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    new_parent = values.get("parent", unit.parent)
    moving = (new_parent.pk if new_parent else None) != unit.parent_id
    if moving and new_parent is not None and new_parent.path.startswith(unit.path):
        raise OrgError(_("A unit cannot be moved under itself or one of its sub-units."))
    secretary = values.get("secretary")
    if secretary is not None and secretary.unit_id != unit.pk:
        raise OrgError(_("The secretary must be a member of this unit."))
    head = values.get("head")
    if head is not None and head.unit_id != unit.pk:
        raise OrgError(_("The unit head must have an account of this unit."))
    if "head" in values and (head.pk if head else None) != unit.head_id:
        seated = TeamSeat.objects.filter(unit=unit, position=TeamSeat.Position.HEAD)
        if seated.exclude(cadre=head).exists():
            raise OrgError(
                _("The unit head holds the head seat of its leadership team: change it there.")
            )
    changed = apply_changes(unit, UNIT_FIELDS, values)
    if not changed:
        return unit
    if moving:
        _move_subtree(unit, new_parent)
    unit.save()
    record(actor=actor, code="org.unit.updated", obj=unit, changes=changed)
    return unit


def _move_subtree(unit, new_parent):
    """Rewrite the path of ``unit`` and every unit below it in one UPDATE."""
    old_path = unit.path
    new_path = _next_child_path(new_parent)
    depth_change = (len(new_path) - len(old_path)) // PATH_STEP
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    unit.path = new_path
    unit.depth = len(new_path) // PATH_STEP - 1


@transaction.atomic
def delete_unit(*, actor, unit):
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.children.exists():
        raise OrgError(_("This unit still has sub-units: move or delete them first."))
    if unit.members.exists():
        raise OrgError(_("This unit still has party members: move or delete them first."))
    if unit.accounts.exists():
        raise OrgError(_("Accounts still belong to this unit: change them first."))
    record(actor=actor, code="org.unit.deleted", obj=unit, changes={"path": [unit.path, None]})
    unit.contact_leaders.clear()
    unit.delete()


@transaction.atomic
def assign_group(*, actor, group, units, include_subunits=False):
    """Put ``units`` (and, if asked, everything below them) under supervision ``group``."""
    units = list(units)
    if not units:
        raise OrgError(_("Choose at least one unit."))
    query = Unit.objects.filter(pk__in=[u.pk for u in units])
    if include_subunits:
        query = Unit.objects.filter(reduce(or_, (Q(path__startswith=u.path) for u in units)))
    query = query.organisations()
    count = query.exclude(group=group).update(group=group)
    record(
        actor=actor,
        code="org.group.units_assigned",
        obj=group,
        changes={"units": [None, count]},
        reason=", ".join(u.name for u in units[:20]),
    )
    return count


GROUP_FIELDS = ("number", "name", "leader_name", "phone")


@transaction.atomic
def save_group(*, actor, group=None, **values):
    if group is None:
        group = SupervisionGroup.objects.create(**values)
        record(
            actor=actor, code="org.group.created", obj=group, changes={"name": [None, group.name]}
        )
        return group
    changed = apply_changes(group, GROUP_FIELDS, values)
    if changed:
        group.save()
        record(actor=actor, code="org.group.updated", obj=group, changes=changed)
    return group


MEMBER_FIELDS = (
    "unit",
    "name",
    "gender",
    "birth_year",
    "position",
    "phone",
    "is_retired",
    "is_frail",
    "is_migrant",
    "is_frontline",
)


@transaction.atomic
def save_member(*, actor, member=None, **values):
    if member is None:
        member = Member.objects.create(**values)
        record(
            actor=actor,
            code="org.member.created",
            obj=member,
            changes={"name": [None, member.name]},
        )
        return member
    old_unit_id = member.unit_id
    changed = apply_changes(member, MEMBER_FIELDS, values)
    if changed:
        member.save()
        if "unit" in changed:
            Unit.objects.filter(pk=old_unit_id, secretary=member).update(secretary=None)
        record(actor=actor, code="org.member.updated", obj=member, changes=changed)
    return member


@transaction.atomic
def delete_member(*, actor, member):
    Unit.objects.filter(secretary=member).update(secretary=None)
    record(
        actor=actor, code="org.member.deleted", obj=member, changes={"name": [member.name, None]}
    )
    member.delete()


ACCOUNT_FIELDS = ("username", "full_name", "role", "unit", "group", "email", "is_active")


def _check_account(role, unit, group, contact_units):
    if role in (Role.SECRETARY, Role.CADRE) and unit is None:
        raise OrgError(_("A unit secretary or cadre account needs a unit."))
    if role == Role.SUPERVISOR and group is None:
        raise OrgError(_("A supervision group member account needs a group."))
    if role == Role.LEADER and not contact_units:
        raise OrgError(_("A county leader account needs at least one contact unit."))


@transaction.atomic
def save_account(*, actor, account=None, contact_units=(), password=None, **values):
    """Create or change an account; fields that do not fit the role are cleared."""
    role = values.get("role", account.role if account else None)
    unit = values.get("unit") if role in (Role.SECRETARY, Role.CADRE) else None
    group = values.get("group") if role == Role.SUPERVISOR else None
    contact_units = list(contact_units) if role == Role.LEADER else []
    _check_account(role, unit, group, contact_units)
    values.update(unit=unit, group=group)
    creating = account is None
    if creating:
        account = User(**values)
        account.set_password(password) if password else account.set_unusable_password()
        account.is_staff = role == Role.OFFICE
        account.save()
        changed = {"username": [None, account.username], "role": [None, role]}
    else:
        changed = apply_changes(account, ACCOUNT_FIELDS, values)
        account.is_staff = account.role == Role.OFFICE or account.is_superuser
        account.save()
    old_contacts = set() if creating else set(account.contact_units.values_list("pk", flat=True))
    new_contacts = {u.pk for u in contact_units}
    if old_contacts != new_contacts:
        account.contact_units.set(contact_units)
        changed["contact_units"] = [len(old_contacts), len(new_contacts)]
    if changed:
        code = "org.account.created" if creating else "org.account.updated"
        record(actor=actor, code=code, obj=account, changes=changed)
    return account


@transaction.atomic
def set_account_password(*, actor, account, password):
    account.set_password(password)
    account.save(update_fields=["password"])
    record(actor=actor, code="org.account.password_set", obj=account)
    return account


__all__ = [
    "OrgError",
    "assign_group",
    "create_unit",
    "delete_member",
    "delete_unit",
    "save_account",
    "save_group",
    "save_member",
    "set_account_password",
    "update_unit",
]
