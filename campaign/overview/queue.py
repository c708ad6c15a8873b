"""The review queue for every kind of record: what waits for me, what I reviewed, what
was sent back and what was signed off among the items I review, with filters."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from campaign.history.models import HistoryEntry
from campaign.org.access import is_office
from campaign.org.models import Role, Unit
from campaign.review import access
from campaign.review.models import ReviewItem, State

REVIEW_STEPS = [
    "review.item.passed",
    "review.item.sent_back",
    "review.item.signed_off",
    "review.item.excepted",
]


def reviewer_q(user):
    """The items ``user`` reviews at some level (or keeps, for a unit's own people)."""
    mine = Q(unit__head=user)
    if user.role == Role.SUPERVISOR and user.group_id:
        mine |= Q(unit__group_id=user.group_id)
    if is_office(user):
        mine |= Q(pk__isnull=False)
    if user.unit_id and user.role in (Role.SECRETARY, Role.CADRE):
        mine |= Q(unit_id=user.unit_id)
    return mine


def reviewed_by(user):
    ct = ContentType.objects.get_for_model(ReviewItem)
    return (
        HistoryEntry.objects.filter(content_type=ct, actor=user, code__in=REVIEW_STEPS)
        .annotate(item_id=Cast("object_id", BigIntegerField()))
        .values("item_id")
    )


def queue_items(user, form=None):
    show = form.cleaned_data.get("show") if form is not None and form.is_valid() else ""
    items = access.items_in_scope(user)
    if show == "reviewed":
        items = items.filter(pk__in=reviewed_by(user))
    elif show == "sent_back":
        items = items.filter(reviewer_q(user), state=State.SENT_BACK)
    elif show == "signed":
        items = items.filter(reviewer_q(user), state=State.PASSED)
    else:
        items = items.filter(access.waiting_q(user))
    return items.select_related("unit", "requirement", "submitted_by")


def waiting_for(user):
    """What waits for ``user`` to review (the home pages lead with it)."""
    return queue_items(user).order_by("state_changed_at", "id")


def filter_queue(items, form, plan):
    if not form.is_valid():
        return items
    data = form.cleaned_data
    if data["q"]:
        items = items.filter(unit__name__icontains=data["q"])
    if data.get("town"):
        path = Unit.objects.filter(pk=data["town"]).values_list("path", flat=True).first()
        items = items.filter(unit__path__startswith=path or "-")
    if data["kind"]:
        items = items.filter(kind=data["kind"])
    if data["waiting"]:
        items = items.filter(
            state_changed_at__lt=timezone.now() - datetime.timedelta(days=data["waiting"])
        )
    if data["overdue"] and plan is not None:
        late = Q(pk__in=[])
        for requirement in plan.requirements:
            for wave in plan.overdue_waves(requirement):
                late |= Q(requirement=requirement, unit__wave=wave)
        items = items.filter(late)
    return items
