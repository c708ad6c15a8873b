"""The opinion list's filters, shared by the list page and the Excel export."""

from django.db.models import Q

from campaign.phases import clock

from .models import OPEN_STATUSES


def filter_opinions(queryset, form):
    """Apply a bound, valid ``OpinionFilterForm``; an invalid form filters nothing."""
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data["q"]:
        queryset = queryset.filter(
            Q(content__icontains=data["q"]) | Q(receipt_code=data["q"].upper())
        )
    for field in ("channel", "category", "status"):
        if data[field]:
            queryset = queryset.filter(**{field: data[field]})
    if data["unit"]:
        queryset = queryset.filter(unit__path__startswith=data["unit"].path)
    if data["since"]:
        queryset = queryset.filter(received_on__gte=data["since"])
    if data["until"]:
        queryset = queryset.filter(received_on__lte=data["until"])
    if data["overdue"]:
        queryset = queryset.filter(status__in=OPEN_STATUSES, answer_due__lt=clock.today())
    return queryset
