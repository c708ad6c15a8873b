"""The demo county made by ``campaign.demo.seed`` (seeded once per session by conftest)."""

import re
from collections import Counter, defaultdict
from io import StringIO
from statistics import median

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import RequestFactory

from campaign.demo.build import clear_demo_data
from campaign.org.models import (
    DEFAULT_WAVE,
    PATH_STEP,
    Member,
    Role,
    SeedMarker,
    SupervisionGroup,
    Unit,
    UnitKind,
    User,
    path_segment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]  # the newcomer's first look

DEMO_USERNAMES = [
    "office",
    "office2",
    "secretary",
    "secretary2",
    "supervisor1",
    "supervisor2",
    "leader",
    "inspector",
    "cadre",
]
TOWNS = ["垦利街道", "兴隆街道", "胜坨镇", "郝家镇", "永安镇", "黄河口镇", "董集乡"]
CATEGORIES = [
    "县级领导班子",
    "县直部门单位",
    "执法监管部门和窗口单位",
    "镇、街道",
    "非公企业和社会组织",
]


def snapshot():
    """Everything the seed makes, without primary keys, in a fixed order."""
    units = Unit.objects.order_by("path").values_list(
        "path", "name", "kind", "wave", "depth", "group__number", "sector__name", "secretary__name"
    )
    members = Member.objects.order_by("unit__path", "pk").values_list(
        "unit__path",
        "name",
        "gender",
        "birth_year",
        "position",
        "phone",
        "is_retired",
        "is_frail",
        "is_migrant",
        "is_frontline",
    )
    users = User.objects.order_by("username").values_list(
        "username", "full_name", "role", "unit__path", "group__number", "is_staff"
    )
    contacts = User.contact_units.through.objects.values_list("user__username", "unit__path")
    groups = SupervisionGroup.objects.values_list("number", "name", "leader_name", "phone")
    return list(units), list(members), list(users), sorted(contacts), list(groups)


def unit(name):
    return Unit.objects.get(name=name)


def members_per_unit(**filters):
    rows = Unit.objects.filter(**filters).annotate(n=Count("members")).values_list("name", "n")
    return dict(rows)


def test_demo_county_has_about_900_organisations_and_16000_members():
    root = Unit.objects.get(parent=None)
    assert (root.name, root.kind, root.path, root.depth) == ("垦利县", UnitKind.COUNTY, "0001", 0)
    headings = root.children.order_by("path")
    assert [(u.name, u.kind) for u in headings] == [(n, UnitKind.CATEGORY) for n in CATEGORIES]
    assert 880 <= Unit.objects.organisations().count() <= 940
    assert 15_500 <= Member.objects.count() <= 16_800
    assert sorted(unit("镇、街道").children.values_list("name", flat=True)) == sorted(TOWNS)
    assert set(Unit.objects.values_list("kind", flat=True)) == {k.value for k in UnitKind}


def test_units_are_grouped_under_the_right_headings():
    expected = {
        "县级领导班子": UnitKind.LEADERSHIP,
        "县直部门单位": UnitKind.DEPARTMENT,
        "执法监管部门和窗口单位": UnitKind.WINDOW,
        "镇、街道": UnitKind.TOWN,
        "非公企业和社会组织": UnitKind.ENTERPRISE,
    }
    for heading, kind in expected.items():
        assert set(unit(heading).children.values_list("kind", flat=True)) == {kind}
    assert set(unit("县级领导班子").children.values_list("name", flat=True)) == {
        "县委常委班子",
        "县人大常委会党组",
        "县政府党组",
        "县政协党组",
    }
    assert 40 <= unit("县直部门单位").children.count() <= 50
    assert 12 <= unit("执法监管部门和窗口单位").children.count() <= 18
    assert 90 <= unit("非公企业和社会组织").children.count() <= 110
    # Sub-units take the kind of what they are.
    assert unit("县第一中学党支部").parent == unit("县教育局")
    assert unit("县第一中学党支部").kind == UnitKind.DEPARTMENT
    assert unit("县人民医院党委").parent == unit("县卫生局")
    assert unit("胜坨派出所党支部").kind == UnitKind.WINDOW


def test_paths_and_depths_follow_the_parents():
    rows = {
        pk: (parent, path, depth)
        for pk, parent, path, depth in Unit.objects.values_list("pk", "parent_id", "path", "depth")
    }
    siblings = defaultdict(list)
    for parent, path, depth in rows.values():
        assert depth == len(path) // PATH_STEP - 1
        if parent is None:
            assert path == path_segment(1)
        else:
            assert path[:-PATH_STEP] == rows[parent][1]
            siblings[parent].append(int(path[-PATH_STEP:]))
    for positions in siblings.values():
        assert sorted(positions) == list(range(1, len(positions) + 1))


def test_waves_follow_the_kind_of_unit():
    for kind, wave in Unit.objects.values_list("kind", "wave").distinct():
        assert wave == DEFAULT_WAVE[kind]
    assert unit("胜坨镇").wave == 2
    assert unit("县教育局").wave == 1
    assert unit("宁海村").wave == 3


def test_every_organisation_has_a_group_and_a_secretary():
    orgs = Unit.objects.organisations()
    assert not orgs.filter(group=None).exists()
    assert not orgs.filter(secretary=None).exists()
    assert not Unit.objects.exclude(kind__in=UnitKind.organisations()).exclude(group=None).exists()
    secretaries = Member.objects.filter(position="书记")
    assert secretaries.count() == orgs.count()
    assert Counter(secretaries.values_list("unit_id", flat=True)).most_common(1)[0][1] == 1
    for unit_id, secretary_unit, position in orgs.values_list(
        "pk", "secretary__unit_id", "secretary__position"
    ):
        assert (secretary_unit, position) == (unit_id, "书记")
    first = Member.objects.filter(unit=unit("胜坨镇")).order_by("pk").first()
    assert unit("胜坨镇").secretary == first


def test_every_organisation_has_a_sensible_sector():
    assert not Unit.objects.organisations().filter(sector=None).exists()
    villages = Unit.objects.filter(kind=UnitKind.VILLAGE)
    assert set(villages.values_list("sector__name", flat=True)) == {"农业农村"}
    assert unit("县教育局").sector.name == "教育"
    assert unit("县第一中学党支部").sector.name == "教育"
    assert unit("县人民医院党委").sector.name == "卫生"
    assert 10 <= Unit.objects.values("sector").distinct().count() <= 15


def test_village_names_are_unique_within_each_town():
    for town in Unit.objects.filter(kind=UnitKind.TOWN):
        names = list(town.children.filter(kind=UnitKind.VILLAGE).values_list("name", flat=True))
        assert len(names) >= 15
        assert len(names) == len(set(names))
        assert all(n.endswith(("村", "社区")) for n in names)
    assert unit("宁海村").parent == unit("胜坨镇")


def test_members_per_unit_are_in_believable_ranges():
    organs = [UnitKind.DEPARTMENT, UnitKind.WINDOW]
    ranges = [
        ({"kind": UnitKind.VILLAGE}, 12, 35),
        ({"kind": UnitKind.TOWN}, 30, 60),
        ({"kind": UnitKind.ENTERPRISE, "name__endswith": "党支部"}, 5, 25),
        ({"kind__in": organs, "depth": 2}, 15, 80),
        ({"kind__in": organs, "depth": 3, "name__endswith": "党支部"}, 8, 30),
    ]
    for filters, low, high in ranges:
        sizes = members_per_unit(**filters).values()
        assert sizes, filters
        assert low <= min(sizes) and max(sizes) <= high, filters


def test_member_flags_have_realistic_shares():
    total = Member.objects.count()
    share = {
        f: Member.objects.filter(**{f: True}).count() / total
        for f in ("is_retired", "is_frail", "is_migrant", "is_frontline")
    }
    assert 0.12 <= share["is_retired"] <= 0.18
    assert 0.03 <= share["is_frail"] <= 0.07
    assert 0.05 <= share["is_migrant"] <= 0.09
    assert 0.08 <= share["is_frontline"] <= 0.13
    migrants = Member.objects.filter(is_migrant=True)
    assert migrants.filter(unit__kind=UnitKind.VILLAGE).count() > 0.6 * migrants.count()
    frontline = Member.objects.filter(is_frontline=True)
    assert frontline.filter(unit__kind=UnitKind.ENTERPRISE).count() > 0.8 * frontline.count()
    frail = Member.objects.filter(is_frail=True)
    old = frail.filter(birth_year__lte=1950) | frail.filter(is_retired=True)
    assert old.count() > 0.8 * frail.count()
    retired_years = Member.objects.filter(is_retired=True).values_list("birth_year", flat=True)
    assert median(retired_years) <= 1954


def test_members_have_names_genders_birth_years_and_positions():
    years = Member.objects.values_list("birth_year", flat=True)
    assert min(years) >= 1930 and max(years) <= 1992
    assert set(Member.objects.values_list("gender", flat=True)) == {"m", "f"}
    assert set(Member.objects.values_list("position", flat=True)) == {
        "书记",
        "副书记",
        "委员",
        "党员",
        "",
    }
    names = Member.objects.values_list("name", flat=True)
    assert all(2 <= len(n) <= 3 for n in names)
    assert len(set(names)) > 5000
    assert 0.3 < Member.objects.exclude(phone="").count() / Member.objects.count() < 0.7


def test_every_phone_number_in_the_demo_is_visibly_fictitious():
    """Realistic mobile numbers would reach real people: the middle four digits are 0000."""
    from campaign.opinions.models import Opinion

    fictitious = re.compile(r"^1[358]\d0000\d{4}$")
    phones = [p for p in Member.objects.values_list("phone", flat=True) if p]
    phones += [p for p in Opinion.objects.values_list("contact_phone", flat=True) if p]
    assert len(phones) > 5000
    assert [p for p in phones if not fictitious.match(p)] == []
    groups = SupervisionGroup.objects.values_list("phone", flat=True)
    assert all(re.fullmatch(r"0546-0000\d{3}", p) for p in groups)


def test_group_1_covers_shengtuo_and_group_2_covers_haojia():
    one, two = SupervisionGroup.objects.get(number=1), SupervisionGroup.objects.get(number=2)
    assert (one.name, two.name) == ("县委第一督导组", "县委第二督导组")
    shengtuo, haojia = unit("胜坨镇"), unit("郝家镇")
    assert shengtuo.group == one
    assert haojia.group == two
    assert set(Unit.objects.subtree(shengtuo).values_list("group", flat=True)) == {one.pk}
    assert set(Unit.objects.subtree(haojia).values_list("group", flat=True)) == {two.pk}
    assert Unit.objects.filter(group=one, kind=UnitKind.VILLAGE).count() > 20


def test_each_town_goes_to_one_group_with_all_its_villages():
    for town in Unit.objects.filter(kind=UnitKind.TOWN):
        assert set(Unit.objects.subtree(town).values_list("group", flat=True)) == {town.group_id}
    assert Unit.objects.filter(kind=UnitKind.TOWN).values("group").distinct().count() == 7


def test_thirteen_groups_each_cover_units():
    groups = SupervisionGroup.objects.annotate(n=Count("units")).order_by("number")
    assert [g.number for g in groups] == list(range(1, 14))
    assert all(g.n >= 20 and g.leader_name and g.phone for g in groups)
    assert groups.get(number=13).name == "县委第十三督导组"
    spread = Unit.objects.filter(kind=UnitKind.DEPARTMENT, depth=2).values("group").distinct()
    assert spread.count() >= 3


def test_demo_accounts_have_their_roles_and_scopes():
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    assert set(users) == set(DEMO_USERNAMES)
    assert all(u.created_by_seed for u in users.values())
    roles = {name: u.role for name, u in users.items()}
    assert roles == {
        "office": Role.OFFICE,
        "office2": Role.OFFICE,
        "secretary": Role.SECRETARY,
        "secretary2": Role.SECRETARY,
        "supervisor1": Role.SUPERVISOR,
        "supervisor2": Role.SUPERVISOR,
        "leader": Role.LEADER,
        "inspector": Role.INSPECTOR,
        "cadre": Role.CADRE,
    }
    assert users["office"].is_staff and not users["office"].is_superuser
    assert users["office"].full_name == "王建华"
    assert users["secretary"].unit == unit("胜坨镇")
    assert users["secretary2"].unit == unit("郝家镇")
    assert users["secretary"].full_name == unit("胜坨镇").secretary.name
    assert users["supervisor1"].group.number == 1
    assert users["supervisor2"].group.number == 2
    assert users["cadre"].unit == unit("县教育局")
    contacts = set(users["leader"].contact_units.values_list("name", flat=True))
    assert contacts == {"胜坨镇", "县教育局"}
    assert not User.objects.filter(is_superuser=True).exists()


def test_demo_accounts_log_in_with_the_demo_password():
    for username in [*DEMO_USERNAMES, "kl0001", "leader02", "dd03-1"]:
        request = RequestFactory().post("/login/")
        user = authenticate(request=request, username=username, password="kenli2014")
        assert user is not None and user.username == username
    wrong = authenticate(request=RequestFactory().post("/login/"), username="office", password="x")
    assert wrong is None
    assert User.objects.values("password").distinct().count() == 1  # hashed once


def test_every_organisation_has_a_secretary_account_named_after_its_secretary():
    accounts = defaultdict(list)
    for unit_id, full_name in User.objects.filter(role=Role.SECRETARY).values_list(
        "unit_id", "full_name"
    ):
        accounts[unit_id].append(full_name)
    for unit_id, secretary in Unit.objects.organisations().values_list("pk", "secretary__name"):
        assert accounts[unit_id] == [secretary]
    numbered = User.objects.filter(role=Role.SECRETARY, username__startswith="kl").order_by(
        "username"
    )
    assert numbered.count() == Unit.objects.organisations().count() - 2
    paths = list(numbered.values_list("unit__path", flat=True))
    assert paths == sorted(paths)  # numbered in tree order
    assert numbered.first().username == "kl0001"


def test_each_group_has_two_or_three_supervisors():
    counts = Counter(
        User.objects.filter(role=Role.SUPERVISOR).values_list("group__number", flat=True)
    )
    assert set(counts) == set(range(1, 14))
    assert set(counts.values()) <= {2, 3}


def test_about_twenty_leaders_with_one_or_two_contact_units():
    leaders = User.objects.filter(role=Role.LEADER).annotate(n=Count("contact_units"))
    assert 18 <= leaders.count() <= 22
    assert {leader.n for leader in leaders} <= {1, 2}
    kinds = set(leaders.values_list("contact_units__kind", flat=True))
    assert kinds <= {UnitKind.TOWN, UnitKind.DEPARTMENT}
    towns = Unit.objects.filter(kind=UnitKind.TOWN, contact_leaders__isnull=False).distinct()
    assert towns.count() == 7  # every town has a county leader linked to it


def test_everything_is_marked_as_seeded():
    assert not Unit.objects.filter(created_by_seed=False).exists()
    assert not Member.objects.filter(created_by_seed=False).exists()
    assert not User.objects.filter(created_by_seed=False).exists()
    assert SeedMarker.objects.get().counties == 1


def test_command_refuses_in_production(settings):
    settings.DEBUG = False
    marker = SeedMarker.objects.get()
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo")
    assert SeedMarker.objects.get() == marker
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "从不自动载入" in out.getvalue()
    clear_demo_data()
    call_command("seed_demo", "--if-empty", "--allow-production", stdout=out)
    assert not Unit.objects.exists()  # --if-empty never loads anything in production


def test_command_seeds_in_production_when_allowed(settings):
    settings.DEBUG = False
    marker = SeedMarker.objects.get()
    out = StringIO()
    # the small county: what is tested is the command's permission, not the county
    call_command("seed_demo", "--allow-production", "--small", stdout=out)
    assert "1 个县" in out.getvalue()
    assert f"党员 {Member.objects.count()} 名" in out.getvalue()
    assert SeedMarker.objects.get().pk != marker.pk


def test_if_empty_leaves_existing_data_alone(settings):
    settings.DEBUG = True
    marker, last_unit = SeedMarker.objects.get(), Unit.objects.latest("pk")
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "已有单位数据" in out.getvalue()
    assert SeedMarker.objects.get() == marker
    assert Unit.objects.latest("pk") == last_unit


def test_if_empty_seeds_an_empty_database(settings):
    settings.DEBUG = True
    clear_demo_data()
    assert not Unit.objects.exists() and not SupervisionGroup.objects.exists()
    call_command("seed_demo", "--if-empty", "--small", stdout=StringIO())  # seconds, not a minute
    assert Unit.objects.organisations().count() == 26  # fixtures/test_county.json


def test_command_reports_a_refusal(settings):
    settings.DEBUG = True
    Unit.objects.create(name="外来单位", kind=UnitKind.COUNTY, path="9999")
    with pytest.raises(CommandError, match="拒绝覆盖"):
        call_command("seed_demo")
