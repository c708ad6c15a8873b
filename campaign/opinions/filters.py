"""The opinion list's filters (a django-filter FilterSet), shared by the list page and the
Excel export: a bad value is ignored and reported on the form; the others still apply."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaign.core import params
from campaign.org.forms import indented
from campaign.phases import clock

from .models import OPEN_STATUSES, Category, Channel, Opinion, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _UnitField(params.ModelChoiceFilterField):
    def label_from_instance(self, obj):
        return indented(obj)


class _UnitFilter(params.ModelChoiceFilter):
    field_class = _UnitField


class OpinionFilterSet(params.FilterSet):
    q = params.SearchFilter(label=_("Text"), method="search")
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Channel.choices, empty_label=_("All channels")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=_("All categories")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All statuses")
    )
    unit = _UnitFilter(
        label=_("Unit (with sub-units)"),
        queryset=None,
        method="in_unit",
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="received_on", lookup_expr="gte", widget=DATE
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="received_on", lookup_expr="lte", widget=DATE
    )
    overdue = django_filters.BooleanFilter(
        label=_("Answer overdue"),
        method="answer_overdue",
        widget=forms.CheckboxInput,
    )

    def __init__(self, data=None, *, units, **kwargs):
        super().__init__(data, queryset=Opinion.objects.none(), **kwargs)
        self.filters["unit"].queryset = units

    def search(self, queryset, name, value):
        # The text people read: a masked copy is searched, not the original under it.
        shown = Q(shown_content="", content__icontains=value) | Q(shown_content__icontains=value)
        return queryset.filter(shown | Q(receipt_code=value.upper()))

    def in_unit(self, queryset, name, unit):
        return queryset.filter(unit__path__startswith=unit.path)

    def answer_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES, answer_due__lt=clock.today())


def filter_opinions(queryset, filters):
    """``queryset`` under the valid filters of an ``OpinionFilterSet``."""
    return filters.filter_valid(queryset)
