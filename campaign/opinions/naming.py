"""The naming rule (DOMAIN.md "Opinions"): an opinion that names a person is hidden from
that person and, when the person is the secretary or the head of the unit concerned,
from everyone attached to that unit (they work under the person named); never from
anyone else.

When the person named is the one who would handle it (the unit's secretary or head),
it is handled one level up: by the nearest party organisation above the unit (a village
→ its town), else by the unit's supervision group, else by the campaign office.
"""

from django.db.models import F, Q
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.models import Role, Unit, User


def boss_named_q():
    """Opinions whose person named is the secretary or the head of the unit concerned."""
    return Q(named_person__role=Role.SECRETARY, named_person__unit=F("unit")) | Q(
        unit__head=F("named_person")
    )


def hidden_q(user):
    """The opinions hidden from ``user`` by the naming rule (for a Q over Opinion)."""
    hidden = Q(named_person=user)
    if user.unit_id:
        hidden |= Q(unit_id=user.unit_id) & boss_named_q()
    return hidden


def names_unit_boss(opinion):
    """Whether the person named is the secretary or the head of the unit concerned
    (reads ``opinion.named_person`` and ``opinion.unit``)."""
    if not opinion.named_person_id or not opinion.unit_id:
        return False
    if _is_secretary_of(opinion.named_person, opinion.unit_id):
        return True
    return opinion.unit.head_id == opinion.named_person_id


def _is_secretary_of(user, unit_id):
    return user.role == Role.SECRETARY and user.unit_id == unit_id


def is_hidden_from(user, opinion):
    """``hidden_q`` decided in Python for one opinion."""
    if not user.is_authenticated:
        return False
    if opinion.named_person_id == user.pk:
        return True
    return bool(user.unit_id) and user.unit_id == opinion.unit_id and names_unit_boss(opinion)


def handler_for(opinion):
    """(handler unit, handler group) for a routed opinion: both None when the unit
    concerned handles it, or, when it names the unit's secretary or head and there is
    neither a party organisation above the unit nor a supervision group, the office."""
    if not names_unit_boss(opinion):
        return None, None
    unit, named = opinion.unit, opinion.named_person
    above = (
        Unit.objects.organisations()
        .filter(path__in=unit.ancestor_paths())
        .exclude(head_id=named.pk)  # nor to a unit the person named heads or is secretary of
        .exclude(pk=named.unit_id if named.role == Role.SECRETARY else None)
        .order_by("-depth")
        .first()
    )
    if above is not None:
        return above, None
    return None, unit.group


def handled_up(opinion):
    """Whether a routed opinion is handled above the unit concerned (by the unit or group
    of ``handler_for``, or by the office)."""
    routed = opinion.routed_at is not None
    return bool(opinion.handler_unit_id or opinion.handler_group_id) or (
        routed and names_unit_boss(opinion)
    )


def handler_name(opinion):
    """Who handles an opinion handled one level up, as people read it."""
    if opinion.handler_unit_id:
        return opinion.handler_unit.name
    if opinion.handler_group_id:
        return opinion.handler_group.name
    return _("the campaign office")


def handed_up_note(opinion):
    """The note the detail page shows on an opinion handled one level up, else ''."""
    if not handled_up(opinion):
        return ""
    return _(
        "This opinion concerns the unit's own secretary or head: as the rules require, "
        "it is handled one level up, by %(handler)s."
    ) % {"handler": handler_name(opinion)}


def set_handler(actor, opinion, was_up=False):
    """After a routing or a correction (``was_up``: ``handled_up`` before it): hand a
    routed opinion up when it names the unit's secretary or head, or back to the unit when
    it no longer does, with one history row when that changes. Returns whether the
    opinion is handled one level up."""
    from .models import Opinion

    if opinion.routed_at is None:
        return False
    unit, group = handler_for(opinion)
    up = names_unit_boss(opinion)
    old_unit, old_group = opinion.handler_unit, opinion.handler_group
    if (old_unit, old_group) == (unit, group) and up == was_up:
        return up
    Opinion.objects.filter(pk=opinion.pk).update(handler_unit=unit, handler_group=group)
    opinion.handler_unit, opinion.handler_group = unit, group
    changes = {}
    if old_unit != unit:
        changes["handler_unit"] = [_plain(old_unit), _plain(unit)]
    if old_group != group:
        changes["handler_group"] = [_plain(old_group), _plain(group)]
    if not up:
        code = "opinions.opinion.handed_back"
    elif unit is None and group is None:
        code = "opinions.opinion.handed_to_office"
    else:
        code = "opinions.opinion.handed_up"
    record(actor=actor, code=code, obj=opinion, changes=changes)
    return up


def _plain(value):
    return None if value is None else str(value)


def find_named_account(unit, name):
    """The account a name written at intake or in a correction stands for: the one whose
    display name is exactly ``name`` among the secretaries, the head and the other
    accounts of ``unit``; None when there is none or no single one (the secretary or the
    head first: naming them hides the opinion from the whole unit anyway)."""
    name = (name or "").strip()
    if unit is None or not name:
        return None
    found = list(
        User.objects.filter(is_active=True)
        .filter(Q(unit=unit) | Q(pk=unit.head_id))
        .filter(Q(full_name=name) | Q(full_name="", username=name))
        .order_by("pk")
    )
    bosses = [u for u in found if u.pk == unit.head_id or _is_secretary_of(u, unit.pk)]
    if bosses:
        return bosses[0]
    return found[0] if len(found) == 1 else None
