"""Who may do what with a submitted item: one predicate per action, used by the services,
the views and the templates (through ``can``). Outside a user's scope an item does not
exist (404); so does an action the user may not take at the item's level."""

from django.db.models import Q
from django.http import Http404

from campaign.org.access import in_units_group, is_office, unit_scope_q
from campaign.org.models import Role

from . import kinds
from .models import Level, ReviewItem, State


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def may_start(user, unit):
    """Whether ``user`` may open a record of ``kind`` for ``unit``: a team's record is kept by
    the unit's secretary and drafted under its head (DOMAIN.md); a kind with its own rule
    (a cadre's own material) says so in ``may_edit``."""
    if not _active(user) or user.unit_id != unit.pk:
        return False
    return user.role == Role.SECRETARY or unit.head_id == user.pk


def may_edit(user, item):
    """Whether ``user`` keeps ``item``'s record (writes, revises, submits it)."""
    if not _active(user):
        return False
    try:
        rule = kinds.get(item.kind).may_edit
    except LookupError:
        return False
    if rule is not None:
        return rule(user, item.record)
    return may_start(user, item.unit)


def may_open(user, unit, kind, record):
    """Whether ``user`` may open ``record`` of ``kind`` for review: the kind's own rule (a
    cadre's own material), else the unit's keepers."""
    rule = kinds.get(kind).may_edit
    return rule(user, record) if rule is not None else may_start(user, unit)


def may_revise(user, item):
    return may_edit(user, item) and item.state != State.IN_REVIEW


def may_submit(user, item):
    return may_edit(user, item) and item.state in (State.DRAFT, State.SENT_BACK)


def qualifies(user, item, level):
    """Whether ``user`` reviews ``item`` at ``level``."""
    if level == Level.HEAD:
        return item.unit.head_id == user.pk
    if level == Level.GROUP:
        return in_units_group(user, item.unit)
    if level == Level.OFFICE:
        return is_office(user)
    return False


def is_reviewer(user, item):
    """Whether ``user`` reviews ``item`` at one of its levels."""
    return _active(user) and any(qualifies(user, item, lv) for lv in item.levels)


def may_review(user, item):
    """Whether ``user`` reviews ``item`` at the level it is waiting at now."""
    if item.state != State.IN_REVIEW or not _active(user):
        return False
    if user.pk == item.submitted_by_id:
        return False  # a reviewer never reviews their own submission
    return qualifies(user, item, item.level)


def answers_checks(user, item):
    """Whether the reviewer answers the kind's yes/no checks here instead of a plain pass."""
    return may_review(user, item) and item.level in item.review_kind.checks_at


def may_sign_by_exception(user, item):
    """Only the campaign office signs off an item whose rules are not met, with a reason."""
    return item.state == State.IN_REVIEW and _active(user) and is_office(user)


def may_set_chain(user):
    return _active(user) and is_office(user)


def can(user, item):
    """The ``can`` mapping templates read."""
    reviewing = may_review(user, item)
    checks = reviewing and item.level in item.review_kind.checks_at
    return {
        "edit": may_revise(user, item),
        "submit": may_submit(user, item),
        "review": reviewing,
        "check": checks,
        "pass": reviewing and not checks,
        "except": may_sign_by_exception(user, item),
    }


def waiting_q(user):
    """Items waiting for ``user`` at whichever levels they review."""
    waiting = Q(level=Level.HEAD, unit__head=user)
    if user.role == Role.SUPERVISOR and user.group_id:
        waiting |= Q(level=Level.GROUP, unit__group_id=user.group_id)
    if is_office(user):
        waiting |= Q(level=Level.OFFICE)
    return waiting & Q(state=State.IN_REVIEW) & ~Q(submitted_by=user)


def items_in_scope(user):
    return ReviewItem.objects.filter(unit_scope_q(user, prefix="unit__"))


def get_item_for_user(user, pk):
    item = (
        items_in_scope(user)
        .select_related("unit", "unit__group", "requirement", "phase", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def get_item_to_edit(user, pk):
    item = get_item_for_user(user, pk)
    if not may_edit(user, item):
        raise Http404
    return item


def get_item_to_review(user, pk):
    """For a reviewer of the item at any level (or the office); the service then checks
    the level, so a reviewer who comes second is told the item was already handled."""
    item = get_item_for_user(user, pk)
    if not (is_reviewer(user, item) or is_office(user)):
        raise Http404
    return item
