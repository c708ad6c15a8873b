"""Read queries over opinions, computed in the database."""

from django.db.models import Count, Q

from campaign.phases import clock

from .models import OPEN_STATUSES, Category, Channel, Moderation, Status

SHOWN = Q(moderation=Moderation.NONE)


def opinion_counts(opinions):
    """Counts by status, channel and category, and overdue answers, of the opinions not
    hidden by moderation; those hidden are counted apart (``totals["hidden"]``), so pass
    the scope with them (``opinions_for(user, with_hidden=True)``). Three queries."""
    today = clock.today()
    totals = opinions.aggregate(
        total=Count("pk", filter=SHOWN),
        hidden=Count("pk", filter=~SHOWN),
        overdue=Count("pk", filter=SHOWN & Q(status__in=OPEN_STATUSES, answer_due__lt=today)),
        **{s.value: Count("pk", filter=SHOWN & Q(status=s)) for s in Status},
    )
    shown = opinions.filter(SHOWN).order_by()
    by_channel = dict(shown.values_list("channel").annotate(n=Count("pk")))
    by_category = dict(shown.values_list("category").annotate(n=Count("pk")))
    return {
        "totals": totals,
        "statuses": [(s, totals[s.value]) for s in Status],
        "channels": [(c, by_channel.get(c.value, 0)) for c in Channel],
        "categories": [(c, by_category.get(c.value, 0)) for c in Category],
    }
