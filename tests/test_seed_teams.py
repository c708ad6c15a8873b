"""The leadership teams of the demo county 垦利县 (campaign.demo.teams_state)."""

from collections import Counter

import pytest
from django.db.models import F

from campaign.org import teams
from campaign.org.models import TEAM_KINDS, Role, TeamSeat, Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]


def test_every_unit_with_a_team_has_one_of_about_the_expected_size():
    units = Unit.objects.filter(kind__in=TEAM_KINDS)
    with_seats = set(TeamSeat.objects.values_list("unit_id", flat=True))
    assert set(units.values_list("pk", flat=True)) == with_seats
    assert 180 <= len(with_seats) <= 220
    cadres = TeamSeat.objects.values("cadre").distinct().count()
    assert 900 <= cadres <= 1100
    sizes = Counter(TeamSeat.objects.values_list("unit_id", flat=True))
    assert min(sizes.values()) >= 3 and max(sizes.values()) <= 7
    assert not TeamSeat.objects.exclude(unit__kind__in=TEAM_KINDS).exists()


def test_every_team_has_exactly_one_head_and_it_is_the_unit_head():
    heads = Counter(
        TeamSeat.objects.filter(position=TeamSeat.Position.HEAD).values_list("unit_id", flat=True)
    )
    assert set(heads.values()) == {1}
    for unit in Unit.objects.filter(kind__in=TEAM_KINDS).select_related("head"):
        seat = TeamSeat.objects.get(unit=unit, position=TeamSeat.Position.HEAD)
        assert unit.head_id == seat.cadre_id, unit.name


def test_every_cadre_is_an_account_of_the_teams_unit_with_the_demo_password():
    seated = User.objects.filter(seats__isnull=False).distinct()
    assert not seated.exclude(role=Role.CADRE).exists()
    assert not TeamSeat.objects.exclude(cadre__unit=F("unit")).exists()
    assert seated.values("password").distinct().count() == 1
    assert User.objects.filter(username="kl0003c2", role=Role.CADRE).exists()
    assert not TeamSeat.objects.filter(phone="").exists()
    assert all("0000" in p[3:7] for p in TeamSeat.objects.values_list("phone", flat=True))


def test_what_seats_oversee_lies_within_their_teams_scope():
    overseen = 0
    for unit in Unit.objects.filter(kind__in=TEAM_KINDS):
        scope = set(teams.oversee_scope(unit).values_list("pk", flat=True))
        for seat in TeamSeat.objects.filter(unit=unit).prefetch_related("oversees"):
            pks = {u.pk for u in seat.oversees.all()}
            assert pks <= scope, (unit.name, seat.title)
            overseen += bool(pks)
    assert overseen >= 80  # deputies of county teams, towns and departments with sub-units
    county = Unit.objects.get(name="县委常委班子")
    deputies = TeamSeat.objects.filter(unit=county).exclude(position=TeamSeat.Position.HEAD)
    assert all(s.oversees.filter(kind__in=["department", "window"]).exists() for s in deputies)
    town = Unit.objects.get(name="胜坨镇")
    for seat in TeamSeat.objects.filter(unit=town, position=TeamSeat.Position.DEPUTY):
        assert set(seat.oversees.values_list("kind", flat=True)) == {"village"}


def test_the_cadre_login_is_a_deputy_of_the_education_bureau():
    seat = TeamSeat.objects.get(cadre__username="cadre")
    assert seat.unit.name == "县教育局" and seat.position == TeamSeat.Position.DEPUTY
    assert seat.title == "副局长"
