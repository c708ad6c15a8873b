"""Leadership teams (班子): the seat services with their history and refusals, the team
pages per persona, and the Excel import of seats."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign.history.services import history_for
from campaign.org import services, teams
from campaign.org.models import Role, TeamSeat, Unit, User
from campaign.org.services import OrgError
from campaign.org.team_imports import TEAM_COLUMNS

pytestmark = pytest.mark.django_db
HEAD, DEPUTY, MEMBER = TeamSeat.Position.HEAD, TeamSeat.Position.DEPUTY, TeamSeat.Position.MEMBER


@pytest.fixture
def office(persona_user):
    return persona_user("office")


def _codes(unit):
    return list(history_for(unit).order_by("id").values_list("code", flat=True))


def _villages(town, n=2):
    return list(town.children.filter(kind="village").order_by("path")[:n])


# --- services ---------------------------------------------------------------------------


def test_the_demo_team_of_shengtuo_has_its_head_seat_on_unit_head(shengtuo):
    seats = list(teams.seats_of(shengtuo))
    assert seats[0].position == HEAD and seats[0].cadre == shengtuo.head
    assert [s.position for s in seats].count(HEAD) == 1
    assert all(s.cadre.unit_id == shengtuo.pk and s.cadre.role == Role.CADRE for s in seats)


def test_add_seat_with_a_new_cadre_creates_the_account_and_writes_history(office, shengtuo):
    villages = _villages(shengtuo)
    seat = teams.add_seat(
        actor=office,
        unit=shengtuo,
        new_cadre={"full_name": "测试副镇长", "username": ""},
        position=DEPUTY,
        title="副镇长",
        oversees=villages,
        phone="13800001234",
    )
    cadre = seat.cadre
    assert cadre.role == Role.CADRE and cadre.unit == shengtuo and cadre.full_name == "测试副镇长"
    assert not cadre.has_usable_password()
    assert history_for(cadre).get().code == "org.account.created"
    assert set(seat.oversees.all()) == set(villages)
    assert seat.order == TeamSeat.objects.filter(unit=shengtuo).count()
    assert _codes(shengtuo)[-1] == "org.team.seat_added"


def test_update_seat_records_the_changed_fields(office, shengtuo):
    seat = TeamSeat.objects.filter(unit=shengtuo, position=DEPUTY).first()
    village = _villages(shengtuo, 3)[2]
    teams.update_seat(actor=office, seat=seat, title="副镇长(常务)", oversees=[village])
    entry = history_for(shengtuo).order_by("id").last()
    assert entry.code == "org.team.seat_updated"
    assert entry.changes["title"][1] == "副镇长(常务)"
    assert entry.changes["oversees"][1] == village.name
    assert list(seat.oversees.all()) == [village]


def test_remove_and_move_seats_write_history(office, shengtuo):
    seats = list(teams.seats_of(shengtuo))
    teams.move_seat(actor=office, seat=seats[2], up=True)
    order = [s.pk for s in teams.seats_of(shengtuo)]
    assert order[1] == seats[2].pk and order[2] == seats[1].pk
    assert _codes(shengtuo)[-1] == "org.team.seat_moved"
    teams.move_seat(actor=office, seat=seats[0], up=True)  # already first: nothing
    assert [s.pk for s in teams.seats_of(shengtuo)] == order
    teams.remove_seat(actor=office, seat=seats[-1])
    assert not TeamSeat.objects.filter(pk=seats[-1].pk).exists()
    assert User.objects.filter(pk=seats[-1].cadre_id).exists()  # the account stays
    assert _codes(shengtuo)[-1] == "org.team.seat_removed"


def test_head_seat_and_unit_head_stay_the_same_person(office, shengtuo):
    head_seat = TeamSeat.objects.get(unit=shengtuo, position=HEAD)
    teams.update_seat(actor=office, seat=head_seat, position=DEPUTY)
    shengtuo.refresh_from_db()
    assert shengtuo.head is None
    deputy = TeamSeat.objects.filter(unit=shengtuo, position=DEPUTY).exclude(pk=head_seat.pk)[0]
    teams.update_seat(actor=office, seat=deputy, position=HEAD)
    shengtuo.refresh_from_db()
    assert shengtuo.head == deputy.cadre
    assert "org.unit.updated" in _codes(shengtuo)
    teams.remove_seat(actor=office, seat=deputy)
    shengtuo.refresh_from_db()
    assert shengtuo.head is None
    seat = teams.add_seat(
        actor=office,
        unit=shengtuo,
        new_cadre={"full_name": "新书记"},
        position=HEAD,
        title="党委书记",
    )
    shengtuo.refresh_from_db()
    assert shengtuo.head == seat.cadre


def test_the_unit_form_cannot_set_another_head_than_the_head_seat(office, shengtuo):
    other = TeamSeat.objects.filter(unit=shengtuo, position=DEPUTY).first().cadre
    with pytest.raises(OrgError, match="领导班子"):
        services.update_unit(actor=office, unit=shengtuo, head=other)


def test_refusals_are_in_chinese_and_change_nothing(office, shengtuo, haojia):
    before = TeamSeat.objects.count()
    deputy = TeamSeat.objects.filter(unit=shengtuo, position=DEPUTY).first()
    haojia_cadre = TeamSeat.objects.filter(unit=haojia, position=DEPUTY).first().cadre
    village = _villages(shengtuo, 1)[0]

    def new(name, **extra):
        return {"unit": shengtuo, "new_cadre": {"full_name": name}, **extra}

    cases = [
        (new("甲", position=HEAD, title="书记"), "一个"),
        ({"unit": shengtuo, "cadre": deputy.cadre, "position": MEMBER, "title": "委员"}, "已在"),
        ({"unit": shengtuo, "cadre": haojia_cadre, "position": MEMBER, "title": "委员"}, "其他"),
        (new("乙", position=DEPUTY, title="副镇长", oversees=_villages(haojia, 1)), "只能分管"),
        (new("丙", position=MEMBER, title="委员") | {"unit": village}, "没有"),
    ]
    for kwargs, words in cases:
        with pytest.raises(OrgError, match=words):
            teams.add_seat(actor=office, **kwargs)
    with pytest.raises(OrgError, match="一个"):
        teams.update_seat(actor=office, seat=deputy, position=HEAD)
    assert TeamSeat.objects.count() == before
    assert not User.objects.filter(full_name__in=["甲", "乙", "丙"]).exists()


def test_a_county_leadership_team_oversees_any_unit_of_the_county(office, shengtuo):
    county_team = Unit.objects.get(name="县委常委班子")
    seat = TeamSeat.objects.filter(unit=county_team, position=DEPUTY).first()
    teams.update_seat(actor=office, seat=seat, oversees=[shengtuo])
    assert list(seat.oversees.all()) == [shengtuo]


# --- pages ------------------------------------------------------------------------------


def _add(client, unit, **values):
    data = {"position": "deputy", "title": "副镇长", "new_full_name": "页面新增", **values}
    return client.post(reverse("org:team_seat_add", args=[unit.pk]), data)


@pytest.mark.parametrize("persona", ["office", "secretary"])
def test_office_and_the_units_secretary_keep_the_team(client_for, persona, shengtuo):
    client = client_for(persona)
    page = client.get(reverse("org:team", args=[shengtuo.pk]))
    assert page.status_code == 200 and "添加到班子" in page.content.decode()
    villages = _villages(shengtuo)
    response = _add(client, shengtuo, oversees=[v.pk for v in villages])
    assert response.status_code == 302
    seat = TeamSeat.objects.get(unit=shengtuo, cadre__full_name="页面新增")
    assert set(seat.oversees.all()) == set(villages)
    move = reverse("org:team_seat_move", args=[seat.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    seat.refresh_from_db()
    assert seat.order == TeamSeat.objects.filter(unit=shengtuo).count() - 1
    edit = reverse("org:team_seat_edit", args=[seat.pk])
    data = {"position": "member", "title": "党委委员", "phone": "", "oversees": []}
    assert client.post(edit, data).status_code == 302
    seat.refresh_from_db()
    assert seat.title == "党委委员" and not seat.oversees.exists()
    remove = reverse("org:team_seat_remove", args=[seat.pk])
    assert client.post(remove).status_code == 302
    assert not TeamSeat.objects.filter(pk=seat.pk).exists()


def test_a_refused_seat_is_shown_with_its_chinese_reason(client_for, shengtuo):
    response = _add(client_for("secretary"), shengtuo, position="head", title="书记")
    assert response.status_code == 422
    assert "一个班子只能有一个" in response.content.decode()


def test_secretary_of_another_unit_gets_404(client_for, shengtuo):
    client = client_for("secretary2")
    seat = TeamSeat.objects.filter(unit=shengtuo).last()
    assert client.get(reverse("org:team", args=[shengtuo.pk])).status_code == 404
    assert _add(client, shengtuo).status_code == 404
    assert client.post(reverse("org:team_seat_remove", args=[seat.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["supervisor1", "leader", "inspector", "head"])
def test_readers_in_scope_read_the_team_and_cannot_change_it(client_for, persona, shengtuo):
    client = client_for(persona)
    page = client.get(reverse("org:team", args=[shengtuo.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert shengtuo.head.display_name in body and "添加到班子" not in body
    seat = TeamSeat.objects.filter(unit=shengtuo).last()
    assert _add(client, shengtuo).status_code == 403
    assert client.post(reverse("org:team_seat_move", args=[seat.pk])).status_code == 403
    assert client.post(reverse("org:team_seat_remove", args=[seat.pk])).status_code == 403
    assert TeamSeat.objects.filter(pk=seat.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, shengtuo):
    response = client.get(reverse("org:team", args=[shengtuo.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_village_has_no_team_page(client_for, shengtuo):
    village = _villages(shengtuo, 1)[0]
    assert client_for("office").get(reverse("org:team", args=[village.pk])).status_code == 404


def test_the_unit_page_links_to_its_team(client_for, shengtuo):
    body = client_for("supervisor1").get(shengtuo.get_absolute_url()).content.decode()
    assert reverse("org:team", args=[shengtuo.pk]) in body


def test_a_cadres_home_page_shows_their_seats(client_for):
    body = client_for("cadre").get(reverse("home")).content.decode()
    assert "my-seats" in body and "副局长" in body and "县第一中学党支部" in body


# --- import -----------------------------------------------------------------------------


def _workbook(rows, header=TEAM_COLUMNS):
    book = Workbook()
    book.active.title = "领导班子"
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "班子.xlsx"
    return buffer


def _import(client, rows):
    return client.post(reverse("org:team_import"), {"file": _workbook(rows)})


def test_the_template_has_the_columns(client_for):
    response = client_for("office").get(reverse("org:team_import_template"))
    sheet = load_workbook(io.BytesIO(response.content))["领导班子"]
    header = [c.value.rstrip("*") for c in next(sheet.iter_rows())]
    assert header == TEAM_COLUMNS


def test_a_good_file_is_imported_through_the_services(client_for, shengtuo):
    villages = _villages(shengtuo, 2)
    before = TeamSeat.objects.count()
    rows = [
        ["胜坨镇", "导入副镇长", "副镇长", "副职", "、".join(v.name for v in villages), "13800001"],
        ["县财政局", "导入委员", "党组成员", "成员", "", ""],
    ]
    response = _import(client_for("office"), rows)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert TeamSeat.objects.count() == before + 2
    seat = TeamSeat.objects.get(cadre__full_name="导入副镇长")
    assert seat.unit == shengtuo and set(seat.oversees.all()) == set(villages)
    assert seat.cadre.role == Role.CADRE and seat.phone == "13800001"
    assert "org.team.seat_added" in _codes(shengtuo)


def test_a_file_with_bad_rows_saves_nothing_and_lists_each_row(client_for, shengtuo):
    village = _villages(shengtuo, 1)[0]
    before = (TeamSeat.objects.count(), User.objects.count())
    rows = [
        ["胜坨镇", "好的一行", "副镇长", "副职", "", ""],
        ["不存在的单位", "甲", "副局长", "副职", "", ""],
        ["胜坨镇", "乙", "党委书记", "主要负责人", "", ""],
        [village.name, "丙", "主任", "成员", "", ""],
        ["胜坨镇", "丁", "副镇长", "二把手", "郝家村", ""],
        ["胜坨镇", "", "", "副职", "", ""],
    ]
    response = _import(client_for("office"), rows)
    assert response.status_code == 422
    body = response.content.decode()
    assert "未导入" in body
    for words in ["不存在的单位", "一个班子只能有一个", "没有领导班子", "主要负责人、副职或成员"]:
        assert words in body, words
    assert "不能由本班子分管" in body and "请填写职务" in body
    assert (TeamSeat.objects.count(), User.objects.count()) == before
