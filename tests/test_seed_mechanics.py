"""How ``seed`` replaces the demo data: the same rows again, refusals of data it did not
make, copies of a county for load tests (on the small test county, which takes seconds)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from campaign.demo.build import SeedRefused, clear_demo_data, seed
from campaign.history.models import HistoryEntry
from campaign.org.models import Member, SeedMarker, SupervisionGroup, Unit, UnitKind, User

from .test_seed import snapshot, unit

pytestmark = pytest.mark.django_db


def test_reseeding_gives_the_same_counts():
    before = snapshot()
    marker = SeedMarker.objects.get()
    town = unit("胜坨镇")
    HistoryEntry.objects.create(
        code="org.unit.changed",
        content_type=ContentType.objects.get_for_model(Unit),
        object_id=str(town.pk),
        object_repr=town.name,
    )
    result = seed(counties=1, small=True)
    assert snapshot() == before
    assert result["organisations"] == Unit.objects.organisations().count()
    assert result["members"] == len(before[1])
    # The old history is gone; the seed writes the campaign's own (campaign_state).
    assert not HistoryEntry.objects.filter(code="org.unit.changed").exists()
    assert not Unit.objects.filter(pk=town.pk).exists()  # rebuilt, not kept
    assert SeedMarker.objects.get().pk != marker.pk


def test_seed_refuses_a_database_with_foreign_data():
    before = snapshot()
    Unit.objects.create(name="外来单位", kind=UnitKind.COUNTY, path="9999")
    with pytest.raises(SeedRefused, match="单位 1 个、党员 0 名、账号 0 个"):
        seed(counties=1, small=True)
    assert Unit.objects.filter(name="外来单位").exists()
    Unit.objects.filter(name="外来单位").delete()
    assert snapshot() == before


def test_seed_refuses_foreign_accounts_but_keeps_superusers():
    User.objects.create_user("clerk", password="x" * 12)
    with pytest.raises(SeedRefused, match="账号 1 个"):
        seed(counties=1, small=True)
    User.objects.filter(username="clerk").delete()
    admin = User.objects.create_superuser("root", password="y" * 12, unit=unit("胜坨镇"))
    seed(counties=1, small=True)
    admin.refresh_from_db()
    assert admin.unit is None
    assert Unit.objects.get(name="胜坨镇").group.number == 1


def test_seed_refuses_groups_it_did_not_make():
    clear_demo_data()
    SupervisionGroup.objects.create(number=1, name="县委第一督导组")
    with pytest.raises(SeedRefused, match="督导组 1 个"):
        seed(counties=1, small=True)
    assert not Unit.objects.exists()


def test_scale_2_builds_two_counties():
    one = snapshot()
    seed(counties=2, small=True)
    roots = Unit.objects.filter(parent=None).order_by("path")
    assert [(r.name, r.path) for r in roots] == [("垦利县", "0001"), ("模拟县002", "0002")]
    first, second = (Unit.objects.subtree(r).organisations() for r in roots)
    assert (
        first.count()
        == second.count()
        == len([u for u in one[0] if u[2] in UnitKind.organisations()])
    )
    assert [u.name for u in first] == [u.name for u in second]  # the copy has the same tree
    one_members, two_members = (
        Member.objects.filter(unit__path__startswith=county.path).count() for county in roots
    )
    assert one_members == two_members == len(one[1])
    groups = len(one[4])
    numbers = list(SupervisionGroup.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 2 * groups + 1))
    assert SupervisionGroup.objects.get(number=groups + 1).name == "模拟县002县委第一督导组"
    assert set(second.values_list("group__number", flat=True)) == set(
        range(groups + 1, 2 * groups + 1)
    )
    usernames = list(User.objects.values_list("username", flat=True))
    assert len(usernames) == len(set(usernames)) == 2 * len(one[2])
    copies = User.objects.filter(unit__path__startswith="0002") | User.objects.filter(
        group__number__gt=groups
    )
    assert all(name.startswith("c002-") for name in copies.values_list("username", flat=True))
    assert User.objects.get(username="c002-secretary").unit.path.startswith("0002")
    assert SeedMarker.objects.get().counties == 2
