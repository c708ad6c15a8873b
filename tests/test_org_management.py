"""The office keeps units, members, groups and accounts in the portal; secretaries keep
their own roster."""

import pytest
from django.urls import reverse

from campaign.org.models import Member, Role, SupervisionGroup, Unit, UnitKind, User

pytestmark = pytest.mark.django_db


def test_office_creates_a_unit_under_a_town(client_for, shengtuo):
    response = client_for("office").post(
        reverse("org:unit_create"),
        {"name": "新建社区", "kind": UnitKind.VILLAGE, "parent": shengtuo.pk, "wave": 3},
    )
    unit = Unit.objects.get(name="新建社区")
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert unit.parent == shengtuo


def test_unit_form_explains_a_missing_parent_in_chinese(client_for):
    response = client_for("office").post(
        reverse("org:unit_create"), {"name": "无上级", "kind": UnitKind.DEPARTMENT, "wave": 1}
    )
    assert response.status_code == 200
    assert "上级单位" in response.content.decode()
    assert not Unit.objects.filter(name="无上级").exists()


def test_office_moves_a_village_to_another_town(client_for, shengtuo, haojia):
    village = shengtuo.children.order_by("path").first()
    response = client_for("office").post(
        reverse("org:unit_edit", args=[village.pk]),
        {
            "name": village.name,
            "kind": village.kind,
            "parent": haojia.pk,
            "wave": village.wave,
            "group": village.group_id or "",
            "secretary": village.secretary_id or "",
        },
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.parent == haojia and village.path.startswith(haojia.path)


def test_secretary_adds_a_member_to_own_unit(client_for, shengtuo):
    response = client_for("secretary").post(
        reverse("org:member_create", args=[shengtuo.pk]),
        {"name": "李新党员", "gender": "f", "birth_year": 1950, "is_retired": "on"},
    )
    assert response.status_code == 302
    member = Member.objects.get(name="李新党员", unit=shengtuo)
    assert member.is_retired and not member.is_migrant


def test_secretary_edits_a_member_of_a_village_below(client_for, shengtuo):
    village = shengtuo.children.order_by("path").first()
    member = village.members.order_by("id").last()
    response = client_for("secretary").post(
        reverse("org:member_edit", args=[member.pk]), {"name": member.name, "is_migrant": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_migrant


def test_member_with_a_bad_year_is_refused_at_the_field(client_for, shengtuo):
    response = client_for("secretary").post(
        reverse("org:member_create", args=[shengtuo.pk]), {"name": "王年份", "birth_year": 1800}
    )
    assert response.status_code == 200
    assert "1900" in response.content.decode()
    assert not Member.objects.filter(name="王年份").exists()


def test_secretary_cannot_add_a_member_to_another_unit(client_for, haojia):
    response = client_for("secretary").post(
        reverse("org:member_create", args=[haojia.pk]), {"name": "越权党员"}
    )
    assert response.status_code == 404
    assert not Member.objects.filter(name="越权党员").exists()


def test_office_creates_a_group_and_assigns_a_town(client_for, shengtuo):
    client = client_for("office")
    client.post(reverse("org:group_create"), {"number": 99, "name": "测试督导组"})
    group = SupervisionGroup.objects.get(number=99)
    response = client.post(
        reverse("org:group_assign", args=[group.pk]),
        {"units": [shengtuo.pk], "include_subunits": "on"},
    )
    assert response.status_code == 302
    assert not Unit.objects.subtree(shengtuo).organisations().exclude(group=group).exists()


def test_office_creates_a_supervisor_account(client_for):
    group = SupervisionGroup.objects.get(number=2)
    response = client_for("office").post(
        reverse("org:account_create"),
        {
            "username": "dd3new",
            "full_name": "赵督导",
            "role": Role.SUPERVISOR,
            "group": group.pk,
            "is_active": "on",
            "password": "Duda0-2014-kl",
        },
    )
    assert response.status_code == 302
    account = User.objects.get(username="dd3new")
    assert account.group == group and account.check_password("Duda0-2014-kl")


def test_leader_account_needs_a_contact_unit(client_for):
    response = client_for("office").post(
        reverse("org:account_create"),
        {
            "username": "ld-x",
            "full_name": "钱领导",
            "role": Role.LEADER,
            "password": "Lingdao-2014",
        },
    )
    assert response.status_code == 200
    assert "联系" in response.content.decode()
    assert not User.objects.filter(username="ld-x").exists()


def test_office_sets_contact_units_of_a_leader(client_for, persona_user, haojia):
    leader = persona_user("leader")
    response = client_for("office").post(
        reverse("org:account_edit", args=[leader.pk]),
        {
            "username": leader.username,
            "full_name": leader.full_name,
            "role": Role.LEADER,
            "contact_units": [haojia.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert list(leader.contact_units.all()) == [haojia]


def test_office_sets_a_new_password(client_for, persona_user):
    account = persona_user("secretary2")
    response = client_for("office").post(
        reverse("org:account_password", args=[account.pk]), {"password": "Xin-mima-2014"}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.check_password("Xin-mima-2014")


def test_inspector_cannot_change_anything(client_for, shengtuo):
    client = client_for("inspector")
    response = client.post(reverse("org:unit_edit", args=[shengtuo.pk]), {"name": "改名"})
    assert response.status_code == 403
    shengtuo.refresh_from_db()
    assert shengtuo.name == "胜坨镇"


def test_office_sets_the_unit_head_from_the_units_accounts(client_for, shengtuo):
    village = shengtuo.children.get(name="宁海村")  # a village has no leadership team
    head = User.objects.create_user("nh-head2", role=Role.CADRE, unit=village, full_name="新一把手")
    data = {
        "name": village.name,
        "kind": village.kind,
        "parent": village.parent_id,
        "wave": village.wave,
        "group": village.group_id,
        "secretary": village.secretary_id or "",
        "head": head.pk,
    }
    url = reverse("org:unit_edit", args=[village.pk])
    assert client_for("office").post(url, data).status_code == 302
    village.refresh_from_db()
    assert village.head == head
    data["head"] = User.objects.get(username="secretary2").pk  # not an account of the unit
    assert client_for("office").post(url, data).status_code == 200
    village.refresh_from_db()
    assert village.head == head


def test_a_units_head_seat_decides_its_head(client_for, shengtuo):
    other = User.objects.create_user(
        "st-head2", role=Role.CADRE, unit=shengtuo, full_name="新一把手"
    )
    data = {
        "name": shengtuo.name,
        "kind": shengtuo.kind,
        "parent": shengtuo.parent_id,
        "wave": shengtuo.wave,
        "group": shengtuo.group_id,
        "secretary": shengtuo.secretary_id,
        "head": other.pk,
    }
    response = client_for("office").post(reverse("org:unit_edit", args=[shengtuo.pk]), data)
    assert response.status_code == 200
    assert "领导班子" in response.content.decode()  # told to change it on the team page
    shengtuo.refresh_from_db()
    assert shengtuo.head.username == "head"
