"""Campaign-wide counts, computed in the database with a fixed number of queries."""

from django.db.models import Count, Q, Sum

from campaign.org.models import Member, Role, SupervisionGroup, Unit, UnitKind, User
from campaign.review import kinds
from campaign.review.models import ReviewItem, State

MEMBER_FLAGS = {
    "retired": "is_retired",
    "frail": "is_frail",
    "migrant": "is_migrant",
    "frontline": "is_frontline",
}


def collect_stats():
    """Plain, JSON-able counts keyed by the choice values (every value present, 0 if none)."""
    units, without_group = _units()
    return {
        "units": units,
        "members": _members(),
        "groups": {
            "total": SupervisionGroup.objects.count(),
            "organisations_without_group": without_group,
        },
        "users": _users(),
        "review": _review(),
    }


def _units():
    """Units by kind, and the party organisations no supervision group covers: one query."""
    rows = (
        Unit.objects.order_by()
        .values("kind")
        .annotate(n=Count("pk"), without_group=Count("pk", filter=Q(group=None)))
    )
    by_kind = {kind.value: 0 for kind in UnitKind}
    organisations = {kind.value for kind in UnitKind.organisations()}
    without_group = 0
    for row in rows:
        by_kind[row["kind"]] = row["n"]
        if row["kind"] in organisations:
            without_group += row["without_group"]
    total_organisations = sum(by_kind[kind] for kind in organisations)
    units = {
        "by_kind": by_kind,
        "organisations": total_organisations,
        "total": sum(by_kind.values()),
    }
    return units, without_group


def _members():
    flags = {key: Count("pk", filter=Q(**{field: True})) for key, field in MEMBER_FLAGS.items()}
    return Member.objects.order_by().aggregate(total=Count("pk"), **flags)


def _users():
    rows = (
        User.objects.order_by()
        .values("role")
        .annotate(n=Count("pk"), superusers=Count("pk", filter=Q(is_superuser=True)))
    )
    by_role = {role.value: 0 for role in Role}
    superusers = 0
    for row in rows:
        by_role[row["role"]] = row["n"]
        superusers += row["superusers"]
    return {"by_role": by_role, "total": sum(by_role.values()), "superusers": superusers}


def _review():
    """Submitted items by state and by kind, one query."""
    by_state = {state.value: 0 for state in State}
    by_kind = {kind.code: 0 for kind in kinds.all_kinds()}
    sent_back = 0
    rows = (
        ReviewItem.objects.order_by()
        .values("kind", "state")
        .annotate(n=Count("pk"), back=Sum("send_back_count"))
    )
    for row in rows:
        by_state[row["state"]] += row["n"]
        by_kind[row["kind"]] += row["n"]
        sent_back += row["back"] or 0
    total = sum(by_state.values())
    return {"by_state": by_state, "by_kind": by_kind, "total": total, "times_sent_back": sent_back}
