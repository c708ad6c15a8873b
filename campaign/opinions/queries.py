"""Read queries over opinions, computed in the database."""

from django.db.models import Count, Q

from campaign.phases import clock

from .models import OPEN_STATUSES, Category, Channel, Status


def opinion_counts(opinions):
    """Counts by status, channel and category, and overdue answers: three queries."""
    today = clock.today()
    totals = opinions.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, answer_due__lt=today)),
        **{s.value: Count("pk", filter=Q(status=s)) for s in Status},
    )
    by_channel = dict(opinions.order_by().values_list("channel").annotate(n=Count("pk")))
    by_category = dict(opinions.order_by().values_list("category").annotate(n=Count("pk")))
    return {
        "totals": totals,
        "statuses": [(s, totals[s.value]) for s in Status],
        "channels": [(c, by_channel.get(c.value, 0)) for c in Channel],
        "categories": [(c, by_category.get(c.value, 0)) for c in Category],
    }
