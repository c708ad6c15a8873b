"""Who may see a submitted item and who may act on it. Outside a user's scope an item
does not exist (404); so does an action the user may not take at the item's level."""

from django.http import Http404

from campaign.org.access import unit_scope_q

from .models import ReviewItem
from .services import is_reviewer, may_edit


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
    """For a reviewer of the item at any level; the service then checks the level, so a
    reviewer who comes second is told the item was already handled."""
    item = get_item_for_user(user, pk)
    if not is_reviewer(user, item):
        raise Http404
    return item
