"""Browsing units within one's scope, and the pages' fixed query counts."""

import pytest
from django.urls import reverse

from campaign.org import access
from campaign.org.models import Member, Unit, UnitKind

pytestmark = pytest.mark.django_db


def test_secretary_scope_is_own_unit_and_below(persona_user, shengtuo):
    scope = access.scope_units(persona_user("secretary"))
    assert set(scope.values_list("pk", flat=True)) == set(
        Unit.objects.subtree(shengtuo).values_list("pk", flat=True)
    )


def test_supervisor_scope_is_the_groups_units(persona_user):
    user = persona_user("supervisor1")
    scope = access.scope_units(user)
    assert scope.exists()
    assert not scope.exclude(group_id=user.group_id).exists()
    assert Unit.objects.filter(group_id=user.group_id).count() == scope.count()


def test_leader_scope_is_contact_units_and_below(persona_user):
    user = persona_user("leader")
    expected = set()
    for contact in user.contact_units.all():
        expected |= set(Unit.objects.subtree(contact).values_list("pk", flat=True))
    assert set(access.scope_units(user).values_list("pk", flat=True)) == expected


def test_office_and_inspector_see_every_unit(persona_user):
    for name in ("office", "inspector"):
        assert access.scope_units(persona_user(name)).count() == Unit.objects.count()


def test_unit_list_shows_only_units_in_scope(client_for, shengtuo, haojia):
    response = client_for("secretary").get(reverse("org:unit_list"), {"q": "村"})
    names = {u.name for u in response.context["page"].object_list}
    assert names
    in_scope = set(Unit.objects.subtree(shengtuo).values_list("name", flat=True))
    assert names <= in_scope
    assert haojia.name not in response.content.decode()


def test_unit_list_filters_by_kind_wave_town_and_group(client_for, shengtuo):
    client = client_for("office")
    response = client.get(
        reverse("org:unit_list"),
        {"kind": UnitKind.VILLAGE, "wave": 3, "town": shengtuo.pk, "group": shengtuo.group_id},
    )
    page = response.context["page"]
    expected = (
        Unit.objects.subtree(shengtuo)
        .filter(kind=UnitKind.VILLAGE, wave=3, group=shengtuo.group)
        .count()
    )
    assert page.paginator.count == expected > 0
    assert all(u.path.startswith(shengtuo.path) for u in page.object_list)


def test_unit_list_search_by_name(client_for):
    response = client_for("office").get(reverse("org:unit_list"), {"q": "教育局"})
    assert any("教育局" in u.name for u in response.context["page"].object_list)
    assert all("教育局" in u.name for u in response.context["page"].object_list)


def test_unit_list_with_bad_filter_shows_the_whole_list(client_for):
    response = client_for("office").get(reverse("org:unit_list"), {"wave": "9"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_unit_page_shows_secretary_members_flags_group_and_subunits(client_for, shengtuo):
    response = client_for("secretary").get(reverse("overview:unit", args=[shengtuo.pk]))
    body = response.content.decode()
    assert shengtuo.secretary.name in body
    assert shengtuo.group.name in body
    assert shengtuo.children.first().name in body
    flagged = shengtuo.members.filter(is_retired=True).first()
    if flagged is not None:
        assert "离退休" in body
    assert response.context["flags"]["total"] == shengtuo.members.count()


def test_tree_children_are_loaded_per_node(client_for, shengtuo):
    response = client_for("supervisor1").get(reverse("org:unit_children", args=[shengtuo.pk]))
    assert response.status_code == 200
    nodes = list(response.context["nodes"])
    assert [n.pk for n in nodes] == list(
        shengtuo.children.filter(group=shengtuo.group).order_by("path").values_list("pk", flat=True)
    )


def test_secretary_tree_starts_at_own_unit(client_for, shengtuo):
    response = client_for("secretary").get(reverse("org:unit_tree"))
    assert [n.pk for n in response.context["nodes"]] == [shengtuo.pk]


@pytest.mark.parametrize("persona", ["office", "secretary", "supervisor1", "leader", "inspector"])
def test_unit_list_query_count_is_fixed(persona, client_for, django_assert_max_num_queries):
    client = client_for(persona)
    client.get(reverse("org:unit_list"))  # warm the session
    with django_assert_max_num_queries(12):
        client.get(reverse("org:unit_list"), {"page": 2})


@pytest.mark.parametrize("persona", ["office", "secretary", "supervisor1", "leader", "inspector"])
def test_home_query_count_is_fixed(persona, client_for, django_assert_max_num_queries):
    client = client_for(persona)
    client.get(reverse("home"))
    # +2 since each home leads with what waits for the reader's review (list and count),
    # +1-2 for the portal's own checks on a unit's drafts (one per draft, at most one per
    # requirement: bounded by the campaign's plan, not by the data).
    with django_assert_max_num_queries(24):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_unit_page_query_count_does_not_grow_with_members(
    client_for, shengtuo, django_assert_max_num_queries
):
    client = client_for("office")
    url = reverse("overview:unit", args=[shengtuo.pk])
    client.get(url)
    with django_assert_max_num_queries(24) as small:
        client.get(url)
    Member.objects.bulk_create(Member(unit=shengtuo, name=f"新党员{i}") for i in range(200))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_office_home_counts_every_kind_and_wave(client_for):
    response = client_for("office").get(reverse("home"))
    matrix = response.context["matrix"]
    assert matrix["total"] == Unit.objects.organisations().count()
    village_row = next(r for r in matrix["rows"] if r["kind"] == UnitKind.VILLAGE)
    assert village_row["total"] == Unit.objects.filter(kind=UnitKind.VILLAGE).count()
    assert "各类党组织" in response.content.decode() or "党组织" in response.content.decode()


def test_supervisor_home_lists_the_groups_units(client_for, persona_user):
    user = persona_user("supervisor1")
    response = client_for("supervisor1").get(reverse("home"))
    units = response.context["units"]
    assert len(units) == Unit.objects.organisations().filter(group=user.group).count()


def test_leader_home_lists_contact_units(client_for, persona_user):
    user = persona_user("leader")
    response = client_for("leader").get(reverse("home"))
    assert {u.pk for u in response.context["contacts"]} == set(
        user.contact_units.values_list("pk", flat=True)
    )


def test_secretary_home_is_own_unit(client_for, shengtuo):
    response = client_for("secretary").get(reverse("home"))
    assert response.context["unit"] == shengtuo
