"""The filters of the unit list and the account list (django-filter FilterSets): a bad
value is ignored and reported on the form; the other filters still apply."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.core import params

from .models import Role, SupervisionGroup, Unit, UnitKind, Wave


class UnitFilterSet(params.FilterSet):
    q = params.SearchFilter(field_name="name", label=_("Name"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in UnitKind.organisations()],
        empty_label=_("All kinds"),
    )
    wave = django_filters.TypedChoiceFilter(
        label=_("Wave"), coerce=int, choices=[("", _("All waves")), *Wave.choices]
    )
    town = params.ModelChoiceFilter(
        label=_("Town"),
        queryset=Unit.objects.none(),
        empty_label=_("All towns"),
        method="in_town",
    )
    group = params.ModelChoiceFilter(
        label=_("Supervision group"),
        queryset=SupervisionGroup.objects.all(),
        empty_label=_("All groups"),
    )

    def __init__(self, data=None, *, towns, **kwargs):
        super().__init__(data, **kwargs)
        self.filters["town"].queryset = towns

    def in_town(self, queryset, name, town):
        return queryset.subtree(town)


class AccountFilterSet(params.FilterSet):
    q = params.SearchFilter(
        label=_("Name, login or unit"), fields=["username", "full_name", "unit__name"]
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, empty_label=_("All roles")
    )
