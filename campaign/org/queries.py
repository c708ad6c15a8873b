"""Read queries for unit lists and pages: a fixed number of SQL queries per page,
whatever the size of the tree."""

from typing import NamedTuple

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Member, Unit, UnitKind


def _count_of(queryset, field):
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(units, child_scope=None):
    """Annotate ``member_count`` and ``child_count`` (children inside ``child_scope``)."""
    children = Unit.objects.all() if child_scope is None else child_scope
    return units.annotate(
        member_count=_count_of(Member.objects.all(), "unit"),
        child_count=_count_of(children, "parent"),
    )


class Ancestor(NamedTuple):
    """One step of a unit's breadcrumb: enough to link it and to decide, with
    ``access.unit_in_scope``, whether the reader may open it."""

    pk: int
    name: str
    path: str
    group_id: int | None


def attach_ancestors(units):
    """Set ``unit.ancestors`` (root first, as ``Ancestor`` rows) on each unit, in one query.

    Templates show them with includes/ancestors.html, whose ``for_reader`` filter
    (campaign/org/templatetags/unit_scope.py) links only those in the reader's scope."""
    units = list(units)
    paths = {p for u in units for p in u.ancestor_paths()}
    found = {}
    if paths:
        rows = Unit.objects.filter(path__in=paths).values_list("pk", "name", "path", "group_id")
        found = {row[2]: Ancestor(*row) for row in rows}
    for unit in units:
        unit.ancestors = [found[p] for p in unit.ancestor_paths() if p in found]
    return units


def member_flag_totals(members):
    """Totals of members and of each study flag, in one aggregate query."""
    return members.aggregate(
        total=Count("pk"),
        retired=Count("pk", filter=Q(is_retired=True)),
        frail=Count("pk", filter=Q(is_frail=True)),
        migrant=Count("pk", filter=Q(is_migrant=True)),
        frontline=Count("pk", filter=Q(is_frontline=True)),
    )


def kind_wave_matrix(units):
    """Rows (kind label, counts per wave, total) over party organisations, one query."""
    counts = {}
    for row in units.organisations().values("kind", "wave").annotate(n=Count("pk")).order_by():
        counts[(row["kind"], row["wave"])] = row["n"]
    waves = sorted({w for _, w in counts} | {1, 2, 3})
    rows = []
    for kind in UnitKind.organisations():
        per_wave = [counts.get((kind.value, w), 0) for w in waves]
        rows.append({"kind": kind, "per_wave": per_wave, "total": sum(per_wave)})
    totals = [sum(r["per_wave"][i] for r in rows) for i in range(len(waves))]
    return {"waves": waves, "rows": rows, "totals": totals, "total": sum(totals)}
