"""Leadership teams (班子): the seat services with their history and refusals, the team
pages per persona, and the Excel import of seats."""

import pytest

from campaign.history.services import history_for
from campaign.org import services, teams
from campaign.org.models import Role, TeamSeat, Unit, User
from campaign.org.services import OrgError

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
