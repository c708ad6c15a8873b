"""``collect_stats`` and ``manage.py campaign_stats`` against the seeded demo county."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from campaign.org.models import Member, Role, SupervisionGroup, Unit, UnitKind, User, path_segment
from campaign.overview.stats import collect_stats

pytestmark = pytest.mark.django_db


def test_stats_match_the_database():
    town = Unit.objects.get(name="胜坨镇")
    Unit.objects.subtree(town).update(group=None)  # make "without group" non-zero
    Member.objects.filter(unit=town).update(is_migrant=True)
    stats = collect_stats()
    for kind in UnitKind:
        assert stats["units"]["by_kind"][kind.value] == Unit.objects.filter(kind=kind).count()
    assert stats["units"]["organisations"] == Unit.objects.organisations().count()
    assert stats["units"]["total"] == Unit.objects.count()
    assert stats["members"] == {
        "total": Member.objects.count(),
        "retired": Member.objects.filter(is_retired=True).count(),
        "frail": Member.objects.filter(is_frail=True).count(),
        "migrant": Member.objects.filter(is_migrant=True).count(),
        "frontline": Member.objects.filter(is_frontline=True).count(),
    }
    without = Unit.objects.organisations().filter(group=None).count()
    assert without == Unit.objects.subtree(town).count() > 0
    total = SupervisionGroup.objects.count()
    assert stats["groups"] == {"total": total, "organisations_without_group": without}
    for role in Role:
        assert stats["users"]["by_role"][role.value] == User.objects.filter(role=role).count()
    assert stats["users"]["total"] == User.objects.count()
    assert stats["users"]["superusers"] == 0


def test_review_stats_match_the_items():
    from campaign.review.models import ReviewItem, State

    stats = collect_stats()["review"]
    assert stats["total"] == ReviewItem.objects.count()
    for state in State:
        assert stats["by_state"][state.value] == ReviewItem.objects.filter(state=state).count()


def test_stats_list_every_choice_value_even_when_none():
    User.objects.filter(role=Role.INSPECTOR).delete()
    Unit.objects.filter(kind=UnitKind.LEADERSHIP).update(kind=UnitKind.DEPARTMENT)
    stats = collect_stats()
    assert set(stats["units"]["by_kind"]) == {k.value for k in UnitKind}
    assert set(stats["users"]["by_role"]) == {r.value for r in Role}
    assert stats["users"]["by_role"]["inspector"] == 0
    assert stats["units"]["by_kind"]["leadership"] == 0
    json.dumps(stats)  # plain data


def test_stats_query_count_is_fixed(django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        collect_stats()
    with CaptureQueriesContext(connection) as before:
        collect_stats()
    heading = Unit.objects.get(name="非公企业和社会组织")
    start = heading.children.count() + 1
    Unit.objects.bulk_create(
        Unit(
            name=f"新企业{n}党支部",
            kind=UnitKind.ENTERPRISE,
            parent=heading,
            path=heading.path + path_segment(start + n),
            depth=heading.depth + 1,
        )
        for n in range(200)
    )
    User.objects.create_superuser("root", password="z" * 12)
    with CaptureQueriesContext(connection) as after:
        stats = collect_stats()
    assert len(after) == len(before)
    assert stats["units"]["organisations"] == Unit.objects.organisations().count()
    assert stats["groups"]["organisations_without_group"] == 200
    assert stats["users"]["superusers"] == 1


def test_campaign_stats_command_prints_json():
    out = StringIO()
    call_command("campaign_stats", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == collect_stats()
    assert printed["groups"]["total"] == SupervisionGroup.objects.count()


def test_campaign_stats_command_prints_aligned_lines_with_the_labels():
    out = StringIO()
    call_command("campaign_stats", stdout=out)
    lines = out.getvalue().splitlines()
    with translation.override("zh-hans"):
        labels = [str(UnitKind.VILLAGE.label), str(Role.OFFICE.label), "基层党组织合计"]
    for label in labels:
        assert any(line.strip().startswith(label) for line in lines), label
    villages = Unit.objects.filter(kind=UnitKind.VILLAGE).count()
    village_line = next(line for line in lines if line.strip().startswith(labels[0]))
    assert village_line.endswith(f"{villages:,}")
    items = [line for line in lines if line.startswith("  ")]
    from campaign.overview.management.commands.campaign_stats import width

    assert len({width(line) for line in items}) == 1  # the numbers end in one column
