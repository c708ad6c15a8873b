"""Correcting what intake got wrong: the category, the unit concerned, the person named.

The office, or whoever may answer the opinion, corrects it with a reason; the change and
the reason go into its history. Moving it to another unit keeps its deadline (the answer
is due as it was from its first routing) and an opinion not yet routed stays unrouted.
After the change the naming rule is applied again (naming.set_handler)."""

from django.db import transaction
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.access import is_office

from . import naming
from .access import may_correct, may_correct_to
from .models import Status
from .services import OpinionError, _move

NOT_GIVEN = object()
MIN_REASON = 4


@transaction.atomic
def correct_opinion(
    *,
    actor,
    opinion,
    reason,
    category=NOT_GIVEN,
    unit=NOT_GIVEN,
    named_person=NOT_GIVEN,
    named_person_name=NOT_GIVEN,
):
    """Change only the fields given; refused when nothing changes. Returns whether the
    opinion is now handled one level up."""
    reason = (reason or "").strip()
    _check(actor, opinion, reason, unit)
    seen, was_up = opinion.status, naming.handled_up(opinion)
    values = _new_values(opinion, category, unit, named_person, named_person_name)
    changes = _changes(opinion, values)
    if not changes:
        raise OpinionError(_("Nothing to correct: these are the values already recorded."))
    was_handling = _who_handles(opinion)
    for field, value in values.items():
        setattr(opinion, field, value)
    fields = {f: values[f] for f in changes}
    if seen == Status.HANDLING and _who_handles(opinion) != was_handling:
        fields["status"] = Status.ROUTED  # whoever handles it now has to take it up
        changes["status"] = [seen, Status.ROUTED]
    _move(opinion, seen, **fields)
    record(
        actor=actor,
        code="opinions.opinion.corrected",
        obj=opinion,
        changes=changes,
        reason=reason,
    )
    return naming.set_handler(actor, opinion, was_up)


def _who_handles(opinion):
    """Who handles the opinion as it stands: a unit, a supervision group or the office."""
    if not naming.names_unit_boss(opinion):
        return ("unit", opinion.unit_id)
    unit, group = naming.handler_for(opinion)
    if unit is not None:
        return ("unit", unit.pk)
    return ("group", group.pk) if group is not None else ("office", None)


def _check(actor, opinion, reason, unit):
    if not may_correct(actor, opinion):
        raise OpinionError(_("You may not correct this opinion."))
    if opinion.status in (Status.MERGED, Status.CLOSED):
        raise OpinionError(_("A merged or closed opinion cannot be corrected."))
    if len(reason) < MIN_REASON:
        raise OpinionError(_("Give the reason for the correction (at least 4 characters)."))
    if unit is NOT_GIVEN:
        return
    if unit is None:
        if opinion.status != Status.RECEIVED:
            raise OpinionError(_("A routed opinion keeps a unit: choose the right one."))
        if not is_office(actor):
            raise OpinionError(_("Only the campaign office takes the unit off an opinion."))
    elif not unit.is_organisation:
        raise OpinionError(_("Route it to a party organisation, not to a heading."))
    elif not may_correct_to(actor, unit):
        raise OpinionError(_("Move it only to a party organisation among your own units."))


def _new_values(opinion, category, unit, named_person, named_person_name):
    values = {}
    if category is not NOT_GIVEN:
        values["category"] = category
    if unit is not NOT_GIVEN:
        values["unit"] = unit
    if named_person_name is not NOT_GIVEN:
        values["named_person_name"] = (named_person_name or "").strip()
    if named_person is not NOT_GIVEN:
        values["named_person"] = named_person
        if named_person is not None and named_person_name is NOT_GIVEN:
            values["named_person_name"] = named_person.display_name
    elif "named_person_name" in values:
        name = values["named_person_name"]
        if not name:
            values["named_person"] = None  # it names nobody
        elif name != opinion.named_person_name:
            # a new name: the account it stands for in the unit concerned, if any
            target = values.get("unit", opinion.unit)
            values["named_person"] = naming.find_named_account(target, name)
    if "named_person" not in values and "unit" in values and not opinion.named_person_id:
        # moved to another unit: the name may stand for one of its accounts
        found = naming.find_named_account(values["unit"], opinion.named_person_name)
        if found is not None:
            values["named_person"] = found
    return values


def _changes(opinion, values):
    """{field: [old, new]} for what really changes; a unit or an account by its name."""
    changes = {}
    for field, new in values.items():
        old = getattr(opinion, field)
        if old == new:
            continue
        if field in ("unit", "named_person"):
            changes[field] = [None if old is None else str(old), None if new is None else str(new)]
        else:
            changes[field] = [old, new]
    return changes
