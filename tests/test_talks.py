"""One-to-one talks (谈心谈话): the services with their history and refusals, the three
must-talks' coverage (incl. the heads of overseen units), the phase-2 rule, and the team's
talks page per persona."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.history.services import history_for
from campaign.org.models import Role, TeamSeat, User
from campaign.phases import rules
from campaign.phases.models import Phase
from campaign.talks import coverage as cov
from campaign.talks import services
from campaign.talks.models import FIVE_KEYS, Talk
from campaign.talks.services import TalkError

pytestmark = pytest.mark.django_db
DAY = datetime.date(2014, 5, 10)  # in phase 2 of 胜坨镇's wave (wave 2 from 2014-05-01)
ALL_FIVE = {f"{k}_done": True for k in FIVE_KEYS} | {f"{k}_note": f"谈了{k}" for k in FIVE_KEYS}


@pytest.fixture
def team(shengtuo):
    seats = list(TeamSeat.objects.filter(unit=shengtuo).select_related("cadre").order_by("order"))
    head = seats[0].cadre
    assert seats[0].position == TeamSeat.Position.HEAD
    return {"unit": shengtuo, "head": head, "others": [s.cadre for s in seats[1:]], "seats": seats}


@pytest.fixture(autouse=True)
def _no_demo_talks(shengtuo):
    Talk.objects.filter(unit=shengtuo).delete()


@pytest.fixture
def secretary(persona_user):
    return persona_user("secretary")


def _talk(actor, team, a, b, **things):
    return services.record_talk(
        actor=actor, unit=team["unit"], first=a, second=b, held_on=DAY, **(things or ALL_FIVE)
    )


def _overseen(team):
    """A deputy and the head of a village they oversee."""
    for seat in team["seats"]:
        for unit in seat.oversees.select_related("head"):
            if unit.head is not None:
                return seat.cadre, unit.head, unit
    raise AssertionError("no overseen unit with a head in the test county")


# --- services ---------------------------------------------------------------------------


def test_record_talk_stores_the_pair_in_order_and_writes_history(secretary, team):
    deputy = team["others"][0]
    a, b = sorted([team["head"], deputy], key=lambda u: u.pk, reverse=True)
    talk = _talk(secretary, team, a, b)
    assert talk.first_id < talk.second_id
    assert {talk.first_id, talk.second_id} == {team["head"].pk, deputy.pk}
    assert talk.is_complete and talk.recorded_by == secretary
    entry = history_for(talk).get()
    assert entry.code == "talks.talk.recorded" and entry.changes["team_done"] == [None, True]


def test_record_talk_at_a_given_time(secretary, team):
    at = datetime.datetime(2014, 5, 10, 9, 30, tzinfo=datetime.UTC)
    talk = services.record_talk(
        actor=secretary,
        unit=team["unit"],
        first=team["head"],
        second=team["others"][1],
        held_on=DAY,
        at=at,
        **ALL_FIVE,
    )
    assert talk.created_at == at and history_for(talk).get().created_at == at


def test_update_and_delete_talk_write_history(secretary, team):
    talk = _talk(secretary, team, team["head"], team["others"][0], team_done=True)
    assert not talk.is_complete and talk.done_count == 1
    talk = services.update_talk(actor=secretary, talk=talk, **ALL_FIVE)
    assert talk.is_complete
    entry = history_for(talk).order_by("id").last()
    assert entry.code == "talks.talk.updated" and entry.changes["own_done"] == [False, True]
    services.delete_talk(actor=secretary, talk=talk)
    assert not Talk.objects.filter(pk=talk.pk).exists()
    assert history_for(team["unit"]).order_by("id").last().code == "talks.talk.deleted"


def test_a_party_records_their_own_talk_but_not_others(team):
    head, a, b = team["head"], team["others"][0], team["others"][1]
    talk = _talk(head, team, head, a)
    assert talk.recorded_by == head
    with pytest.raises(TalkError, match="自己"):
        _talk(head, team, a, b)
    with pytest.raises(TalkError):
        services.update_talk(actor=b, talk=talk, team_note="改")


def test_refusals_in_chinese(secretary, team, haojia, persona_user):
    head, deputy = team["head"], team["others"][0]
    with pytest.raises(TalkError, match="两名不同"):
        _talk(secretary, team, head, head)
    stranger = User.objects.filter(role=Role.CADRE, unit=haojia).first()
    with pytest.raises(TalkError, match=r"不是.*领导班子成员"):
        _talk(secretary, team, head, stranger)
    with pytest.raises(TalkError, match="晚于今天"):
        services.record_talk(
            actor=secretary,
            unit=team["unit"],
            first=head,
            second=deputy,
            held_on=datetime.date(2014, 5, 16),
            **ALL_FIVE,
        )
    with pytest.raises(TalkError, match="第二阶段"):
        services.record_talk(
            actor=secretary,
            unit=team["unit"],
            first=head,
            second=deputy,
            held_on=datetime.date(2014, 4, 30),
            **ALL_FIVE,
        )
    for name in ("secretary2", "supervisor1", "inspector", "leader"):
        with pytest.raises(TalkError, match="只有"):
            _talk(persona_user(name), team, head, deputy)
    assert not Talk.objects.filter(unit=team["unit"]).exists()


def test_the_third_must_talk_takes_only_the_head_of_an_overseen_unit(secretary, team):
    deputy, village_head, village = _overseen(team)
    talk = _talk(secretary, team, deputy, village_head)
    assert talk.pk
    other = next(c for c in team["others"] if c != deputy)
    if not TeamSeat.objects.filter(cadre=other, oversees=village).exists():
        with pytest.raises(TalkError, match="分管"):
            _talk(secretary, team, other, village_head)


# --- coverage -------------------------------------------------------------------------


def test_coverage_lists_the_three_must_talks(team):
    c = cov.coverage(team["unit"])
    n = len(team["others"])
    kinds = [p.kind for p in c.pairs]
    assert kinds.count(cov.HEAD_MEMBER) == n
    assert kinds.count(cov.MEMBERS) == n * (n - 1) // 2
    overseen = sum(
        1 for s in team["seats"] for u in s.oversees.all() if u.head_id and u.head_id != s.cadre_id
    )
    assert overseen and kinds.count(cov.OVERSEEN) == overseen
    assert c.missing == c.pairs and not c.done and not c.complete


def test_coverage_states_done_incomplete_missing(secretary, team):
    head, a, b = team["head"], team["others"][0], team["others"][1]
    deputy, village_head, _unit = _overseen(team)
    _talk(secretary, team, head, a)
    _talk(secretary, team, a, b, team_done=True, own_done=True)
    _talk(secretary, team, deputy, village_head)
    c = cov.coverage(team["unit"])
    assert c.state_of(head, a) == cov.DONE and c.state_of(a, head) == cov.DONE
    assert c.state_of(b, a) == cov.INCOMPLETE
    assert c.state_of(village_head, deputy) == cov.DONE
    assert c.state_of(head, village_head) is None  # not required
    assert len(c.done) == 2 and len(c.incomplete) == 1
    assert len(c.missing) == len(c.pairs) - 3
    # an incomplete talk, then a complete one: done
    _talk(secretary, team, a, b)
    assert cov.coverage(team["unit"]).state_of(a, b) == cov.DONE


def test_coverage_runs_four_queries_whatever_the_talks(secretary, team):
    with CaptureQueriesContext(connection) as before:
        cov.coverage(team["unit"])
    people = [team["head"], *team["others"]]
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            _talk(secretary, team, a, b)
    with CaptureQueriesContext(connection) as after:
        c = cov.coverage(team["unit"])
    assert len(before.captured_queries) == len(after.captured_queries) == 4
    assert [p.kind for p in c.not_done] == [cov.OVERSEEN] * len(c.not_done)


def test_the_phase_two_rule_lists_the_missing_pairs_as_unmet(secretary, team):
    phase = Phase.objects.get(number=2)
    reasons = rules.unmet(team["unit"], phase)
    c = cov.coverage(team["unit"])
    message = next(r for r in reasons if r.startswith("三个必谈未完成"))
    assert c.pairs[0].names in message and f"等 {len(c.pairs)} 对" in message
    for pair in c.pairs:
        _talk(secretary, team, pair.a, pair.b)
    assert not any(r.startswith("三个必谈未完成") for r in rules.unmet(team["unit"], phase))
    result = next(r for r in rules.evaluate(team["unit"], phase) if r.code == cov.RULE)
    assert result.ok
    phase_one = Phase.objects.get(number=1)
    assert all(r.code != cov.RULE for r in rules.evaluate(team["unit"], phase_one))


def test_missing_for_a_cadre(secretary, team):
    head, a = team["head"], team["others"][0]
    _talk(secretary, team, head, a)
    missing = cov.missing_for(a)
    assert all(a.pk in p.key for _u, p in missing)
    assert (head.pk, a.pk) not in [p.key for _u, p in missing]
    assert (min(head.pk, a.pk), max(head.pk, a.pk)) not in [p.key for _u, p in missing]
    assert len(missing) == len(team["others"]) - 1 + sum(
        1 for p in cov.coverage(team["unit"]).pairs if p.kind == cov.OVERSEEN and a.pk in p.key
    )


# --- pages per persona ------------------------------------------------------------------


def _post(team, a, b, **extra):
    data = {"first": a.pk, "second": b.pk, "held_on": "2014-05-12"}
    data.update({f"{k}_done": "on" for k in FIVE_KEYS})
    data.update({f"{k}_note": "谈透" for k in FIVE_KEYS})
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "persona,status",
    [
        ("office", 200),
        ("secretary", 200),
        ("head", 200),
        ("supervisor1", 200),
        ("leader", 200),
        ("inspector", 200),
        ("cadre", 404),
        ("secretary2", 404),
        ("supervisor2", 404),
    ],
)
def test_the_talks_page_per_persona(client_for, team, persona, status):
    response = client_for(persona).get(reverse("talks:unit", args=[team["unit"].pk]))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "talk-matrix" in body and "missing-pairs" in body
        assert ("talk-add" in body) == (persona in ("office", "secretary", "head"))


def test_anonymous_goes_to_login(client, team):
    response = client.get(reverse("talks:unit", args=[team["unit"].pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["office", "secretary", "head"])
def test_who_may_record_records_through_the_page(client_for, team, persona):
    head, deputy = team["head"], team["others"][0]
    url = reverse("talks:create", args=[team["unit"].pk])
    response = client_for(persona).post(url, _post(team, head, deputy))
    assert response.status_code == 302
    assert cov.coverage(team["unit"]).state_of(head, deputy) == cov.DONE


def test_a_cadre_on_the_team_records_their_own_talk(client, team):
    a, b = team["others"][0], team["others"][1]
    client.force_login(a)
    url = reverse("talks:create", args=[team["unit"].pk])
    assert client.get(reverse("talks:unit", args=[team["unit"].pk])).status_code == 200
    assert client.post(url, _post(team, a, b)).status_code == 302
    response = client.post(url, _post(team, team["head"], b))
    assert response.status_code == 422 and "自己" in response.content.decode()


@pytest.mark.parametrize(
    "persona,status",
    [
        ("supervisor1", 403),
        ("inspector", 403),
        ("leader", 403),
        ("cadre", 404),
        ("secretary2", 404),
    ],
)
def test_others_may_not_record(client_for, team, persona, status):
    url = reverse("talks:create", args=[team["unit"].pk])
    response = client_for(persona).post(url, _post(team, team["head"], team["others"][0]))
    assert response.status_code == status
    assert not Talk.objects.filter(unit=team["unit"]).exists()


def test_a_refused_form_shows_the_reason(client_for, team):
    url = reverse("talks:create", args=[team["unit"].pk])
    response = client_for("secretary").post(
        url, _post(team, team["head"], team["others"][0], held_on="2014-04-01")
    )
    assert response.status_code == 422 and "第二阶段" in response.content.decode()


def test_edit_and_delete_through_the_pages(client_for, secretary, team):
    talk = _talk(secretary, team, team["head"], team["others"][0], team_done=True)
    client = client_for("secretary")
    edit = reverse("talks:edit", args=[talk.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, _post(team, team["head"], team["others"][0])).status_code == 302
    talk.refresh_from_db()
    assert talk.is_complete and talk.held_on == datetime.date(2014, 5, 12)
    assert client_for("supervisor1").get(edit).status_code == 403
    assert client_for("secretary2").get(edit).status_code == 404
    assert (
        client_for("supervisor1").post(reverse("talks:delete", args=[talk.pk])).status_code == 403
    )
    assert client.post(reverse("talks:delete", args=[talk.pk])).status_code == 302
    assert not Talk.objects.filter(pk=talk.pk).exists()


def test_links_from_the_team_and_unit_pages(client_for, team):
    url = reverse("talks:unit", args=[team["unit"].pk])
    client = client_for("secretary")
    assert url in client.get(reverse("org:team", args=[team["unit"].pk])).content.decode()
    assert url in client.get(reverse("overview:unit", args=[team["unit"].pk])).content.decode()


def test_a_cadres_home_lists_their_talks_and_missing_must_talks(client, secretary, team):
    head, a, b = team["head"], team["others"][0], team["others"][1]
    _talk(secretary, team, head, a)
    client.force_login(a)
    body = client.get(reverse("home")).content.decode()
    assert 'id="my-talks"' in body and head.display_name in body
    assert 'id="my-missing-talks"' in body and f"{a.display_name}—{b.display_name}" in body
