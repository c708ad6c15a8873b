"""The naming rule and corrections (campaign.opinions.naming, corrections).

An opinion that names a person is hidden from that person and, when the person is the
unit's secretary or head, from every account of the unit, which no longer handles it:
the organisation above does (a village's town), else the unit's supervision group, else
the office. Handlers correct the category, the unit and the person named, with a reason.
"""

import contextlib

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.history.services import history_for
from campaign.opinions import access, naming, services
from campaign.opinions.corrections import correct_opinion
from campaign.opinions.models import Category, Channel, Opinion, Status
from campaign.org.access import is_office, unit_in_scope
from campaign.org.models import Role, Unit, UnitKind, User

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def client(who):
    c = Client()
    c.force_login(who if isinstance(who, User) else user(who))
    return c


def secretary_of(unit):
    return User.objects.filter(role=Role.SECRETARY, unit=unit).order_by("pk").first()


def fresh(opinion):
    return Opinion.objects.select_related(
        "unit", "named_person", "handler_unit", "handler_group"
    ).get(pk=opinion.pk)


def new(unit=None, actor="office", **extra):
    values = {
        "channel": Channel.HOTLINE,
        "content": "群众反映有的干部作风不实,办事拖拉",
        "category": Category.BUREAUCRATISM,
    }
    values.update(extra)
    opinion = services.receive_opinion(actor=user(actor), **values)
    if unit is not None:
        services.route_opinion(actor=user("office"), opinion=opinion, unit=unit)
    return fresh(opinion)


def sees(who, opinion):
    return access.opinions_for(who).filter(pk=opinion.pk).exists()


def codes(opinion):
    return [h.code.removeprefix("opinions.opinion.") for h in history_for(opinion).reverse()]


@pytest.fixture
def village(shengtuo):
    return Unit.objects.filter(parent=shengtuo, kind=UnitKind.VILLAGE).order_by("path").first()


@pytest.fixture
def village2(shengtuo, village):
    others = Unit.objects.filter(parent=shengtuo, kind=UnitKind.VILLAGE).exclude(pk=village.pk)
    return others.order_by("path").first()


# --- routing up ------------------------------------------------------------------------


def test_an_opinion_naming_a_village_secretary_is_handed_to_its_town(shengtuo, village):
    named = secretary_of(village)
    opinion = new(village, named_person_name=named.display_name)
    assert opinion.named_person == named  # the name stands for the village's secretary
    assert (opinion.handler_unit, opinion.handler_group) == (shengtuo, None)
    assert codes(opinion) == ["received", "routed", "handed_up"]
    routed, handed = list(history_for(opinion).reverse())[1:]
    assert routed.changes["named_person"] == [None, named.display_name]
    assert handed.changes == {"handler_unit": [None, shengtuo.name]}
    village_head = village.head
    assert not sees(named, opinion) and not sees(village_head, opinion)
    town_secretary = user("secretary")
    assert sees(town_secretary, opinion) and access.may_answer(town_secretary, opinion)
    member = user("supervisor1")
    assert sees(member, opinion) and not access.may_answer(member, opinion)
    services.start_handling(actor=town_secretary, opinion=opinion)
    services.answer_opinion(actor=town_secretary, opinion=opinion, answer="已由镇党委核实处理。")
    assert opinion.status == Status.ANSWERED and opinion.answered_by == town_secretary
    with pytest.raises(services.OpinionError):
        services.answer_opinion(actor=named, opinion=opinion, answer="本人不能答复自己的事")


def test_an_opinion_naming_a_towns_head_is_handed_to_its_supervision_group(shengtuo):
    opinion = new(shengtuo, named_person=shengtuo.head, named_person_name="")
    assert (opinion.handler_unit, opinion.handler_group) == (None, shengtuo.group)
    assert not sees(user("secretary"), opinion) and not sees(shengtuo.head, opinion)
    assert not access.may_answer(user("secretary"), opinion)
    member = user("supervisor1")
    assert member.group_id == shengtuo.group_id
    assert sees(member, opinion) and access.may_answer(member, opinion)
    assert not sees(user("supervisor2"), opinion)
    services.start_handling(actor=member, opinion=opinion)
    services.answer_opinion(actor=member, opinion=opinion, answer="督导组已约谈核实,责令整改。")
    assert opinion.status == Status.ANSWERED


def test_with_no_level_above_and_no_group_the_office_handles_it(shengtuo):
    Unit.objects.filter(pk=shengtuo.pk).update(group=None)
    shengtuo.refresh_from_db()
    opinion = new(shengtuo, named_person=shengtuo.head)
    assert (opinion.handler_unit, opinion.handler_group) == (None, None)
    assert codes(opinion)[-1] == "handed_to_office" and naming.handled_up(opinion)
    assert not access.may_answer(user("secretary"), opinion)
    assert not access.may_answer(user("supervisor1"), opinion)
    assert access.may_answer(user("office"), opinion)
    with translation.override("zh-hans"):
        assert "活动办公室" in naming.handed_up_note(opinion)


def test_naming_someone_else_in_the_unit_hides_it_from_that_person_only(shengtuo):
    cadre = User.objects.create_user("naming-cadre", role=Role.CADRE, unit=shengtuo)
    cadre.full_name = "甄某某"
    cadre.save()
    opinion = new(shengtuo, named_person_name="甄某某")
    assert opinion.named_person == cadre and not naming.handled_up(opinion)
    assert (opinion.handler_unit, opinion.handler_group) == (None, None)
    assert not sees(cadre, opinion)
    assert sees(user("secretary"), opinion) and access.may_answer(user("secretary"), opinion)
    assert sees(shengtuo.head, opinion)


def test_a_secretary_entering_an_opinion_about_their_head_hands_it_up_at_once(shengtuo):
    head = shengtuo.head
    opinion = services.receive_opinion(
        actor=user("secretary"),
        channel=Channel.FACE,
        content="走访中群众反映镇主要负责人很少下村",
        category=Category.BUREAUCRATISM,
        unit=shengtuo,
        named_person_name=head.display_name,
    )
    opinion = fresh(opinion)
    assert opinion.named_person == head and opinion.handler_group == shengtuo.group
    assert codes(opinion) == ["received", "handed_up"]
    received = history_for(opinion).last()
    assert received.changes["named_person"] == [None, str(head)]
    assert not sees(user("secretary"), opinion)


def test_the_acceptance_rule_leaves_out_what_the_unit_may_not_see(village):
    from campaign.phases.models import Phase
    from campaign.phases.rules import evaluate

    phase = Phase.objects.get(number=1)

    def rule():
        return next(r for r in evaluate(village, phase) if r.code == "opinions_answered")

    before = rule()
    about_the_head = new(village, named_person=village.head)
    assert rule().title == before.title  # not counted, its code not shown
    assert not any(about_the_head.receipt_code in e.text for e in rule().evidence)
    plain = new(village)
    assert plain.status == Status.ROUTED
    assert not rule().ok and rule().title != before.title  # one more to answer


def test_an_opinion_handed_up_counts_for_the_organisation_that_handles_it(village):
    from campaign.phases.models import Phase
    from campaign.phases.rules import evaluate

    phase = Phase.objects.get(number=1)
    town = village.parent

    def rule(unit):
        return next(r for r in evaluate(unit, phase) if r.code == "opinions_answered")

    before = rule(town)
    about_the_head = new(village, named_person=village.head)
    assert about_the_head.handler_unit == town
    after = rule(town)
    assert not after.ok and after.title != before.title  # one more for the town to answer
    services.answer_opinion(
        actor=user("secretary"), opinion=about_the_head, answer="已约谈村主任,已整改。"
    )
    answered = rule(town)
    assert answered.ok == before.ok and answered.title not in (before.title, after.title)


# --- corrections -----------------------------------------------------------------------


def test_the_office_corrects_a_category_with_the_reason_in_history(shengtuo):
    opinion = new(shengtuo)
    correct_opinion(
        actor=user("office"),
        opinion=opinion,
        category=Category.HEDONISM,
        reason="内容反映的是上班时间打牌",
    )
    opinion.refresh_from_db()
    assert opinion.category == Category.HEDONISM and opinion.status == Status.ROUTED
    entry = history_for(opinion).first()
    assert entry.code == "opinions.opinion.corrected" and entry.reason == "内容反映的是上班时间打牌"
    assert entry.changes == {"category": ["bureaucratism", "hedonism"]}
    with translation.override("zh-hans"):
        shown = [(str(label), str(old), str(new)) for label, old, new in entry.shown_changes()]
        assert shown == [("分类", "官僚主义", "享乐主义")]
        assert str(entry.label) == "更正"


def test_moving_it_to_another_unit_keeps_its_deadline_and_needs_taking_up_again(shengtuo, village):
    opinion = new(shengtuo)
    due, routed_at = opinion.answer_due, opinion.routed_at
    services.start_handling(actor=user("secretary"), opinion=opinion)
    correct_opinion(actor=user("secretary"), opinion=opinion, unit=village, reason="应由村里办理")
    opinion.refresh_from_db()
    assert opinion.unit == village and (opinion.answer_due, opinion.routed_at) == (due, routed_at)
    assert opinion.status == Status.ROUTED  # the village takes it up
    entry = history_for(opinion).first()
    assert entry.changes == {
        "unit": [shengtuo.name, village.name],
        "status": ["handling", "routed"],
    }
    assert access.may_answer(secretary_of(village), opinion)
    assert not access.may_answer(user("secretary"), opinion)


def test_a_correction_of_an_unrouted_opinion_leaves_it_unrouted(shengtuo, haojia):
    opinion = fresh(
        services.receive_opinion(
            actor=user("office"),
            channel=Channel.BOX,
            content="意见箱来信反映镇里路灯不亮",
            category=Category.SERVICE,
            unit=shengtuo,
        )
    )
    correct_opinion(actor=user("office"), opinion=opinion, unit=haojia, reason="写错了镇名")
    opinion.refresh_from_db()
    assert opinion.unit == haojia and opinion.status == Status.RECEIVED
    assert opinion.routed_at is None and opinion.answer_due is None


def test_correcting_the_person_named_hands_it_up_and_back(shengtuo, village):
    opinion = new(village)
    office = user("office")
    village_secretary = secretary_of(village)
    correct_opinion(
        actor=office,
        opinion=opinion,
        named_person_name=village.head.display_name,
        reason="反映的是村主要负责人",
    )
    opinion = fresh(opinion)
    assert opinion.named_person == village.head and opinion.handler_unit == shengtuo
    assert codes(opinion)[-2:] == ["corrected", "handed_up"]
    corrected = list(history_for(opinion))[1]
    assert corrected.changes["named_person"] == [None, str(village.head)]
    assert not sees(village_secretary, opinion)
    correct_opinion(actor=office, opinion=opinion, named_person_name="", reason="经核实未点名")
    opinion = fresh(opinion)
    assert opinion.named_person is None and opinion.named_person_name == ""
    assert (opinion.handler_unit, opinion.handler_group) == (None, None)
    assert codes(opinion)[-1] == "handed_back"
    assert sees(village_secretary, opinion) and access.may_answer(village_secretary, opinion)


def test_the_town_may_move_a_handed_up_opinion_within_its_villages_only(
    shengtuo, village, village2, haojia
):
    opinion = new(village, named_person=village.head)
    town_secretary = user("secretary")
    assert access.may_correct(town_secretary, opinion)
    with pytest.raises(services.OpinionError):
        correct_opinion(actor=town_secretary, opinion=opinion, unit=haojia, reason="移交郝家镇")
    with pytest.raises(services.OpinionError):  # a heading
        correct_opinion(
            actor=town_secretary, opinion=opinion, unit=shengtuo.parent, reason="移交上级"
        )
    correct_opinion(actor=town_secretary, opinion=opinion, unit=village2, reason="实为邻村的事")
    opinion = fresh(opinion)
    # the head of the first village heads nothing in the second: back with the unit
    assert opinion.unit == village2 and codes(opinion)[-1] == "handed_back"
    assert access.may_answer(secretary_of(village2), opinion)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": Category.LAND, "reason": "短"}, "理由"),
        ({"category": Category.BUREAUCRATISM, "reason": "类别其实没变"}, "没有"),
    ],
)
def test_a_correction_needs_a_reason_and_a_change(shengtuo, change, message):
    opinion = new(shengtuo)
    before = history_for(opinion).count()
    with translation.override("zh-hans"), pytest.raises(services.OpinionError) as refused:
        correct_opinion(actor=user("office"), opinion=opinion, **change)
    assert message in str(refused.value)
    opinion.refresh_from_db()
    assert opinion.category == Category.BUREAUCRATISM and history_for(opinion).count() == before


def test_merged_and_closed_opinions_are_not_corrected(shengtuo):
    office = user("office")
    closed = new(shengtuo)
    services.answer_opinion(actor=office, opinion=closed, answer="已答复,谢谢监督。")
    services.close_opinion(actor=office, opinion=closed)
    keep, duplicate = new(shengtuo), new(shengtuo)
    services.merge_opinions(actor=office, keep=keep, duplicates=[duplicate])
    for opinion in (closed, duplicate):
        opinion.refresh_from_db()
        with pytest.raises(services.OpinionError):
            correct_opinion(actor=office, opinion=opinion, category=Category.LAND, reason="改类别")


@pytest.mark.parametrize("name", ["supervisor1", "leader", "inspector", "secretary2"])
def test_only_those_who_may_answer_correct(name, shengtuo):
    opinion = new(shengtuo)
    with pytest.raises(services.OpinionError):
        correct_opinion(actor=user(name), opinion=opinion, category=Category.LAND, reason="改类别")


def test_a_correction_on_a_stale_status_changes_nothing(shengtuo):
    opinion = new(shengtuo)
    stale = fresh(opinion)
    services.start_handling(actor=user("secretary"), opinion=opinion)
    with pytest.raises(services.OpinionError):
        correct_opinion(
            actor=user("office"), opinion=stale, category=Category.LAND, reason="改类别"
        )
    opinion.refresh_from_db()
    assert opinion.category == Category.BUREAUCRATISM


# --- the rule as a property ------------------------------------------------------------


class World:
    """Units of the demo county (胜坨镇, its villages, 郝家镇, 县教育局) and the accounts
    around them: their secretaries, heads and other accounts, the groups' members, the
    office, a leader and higher supervision."""

    def __init__(self, shengtuo, haojia):
        villages = list(
            Unit.objects.filter(parent=shengtuo, kind=UnitKind.VILLAGE).order_by("path")[:3]
        )
        department = Unit.objects.get(name="县教育局")
        self.units = [shengtuo, *villages, haojia, department]
        attached = list(User.objects.filter(unit__in=self.units))
        groups = {u.group_id for u in self.units}
        members = list(User.objects.filter(role=Role.SUPERVISOR, group_id__in=groups))
        others = list(User.objects.filter(username__in=["office", "leader", "inspector"]))
        heads = list(User.objects.filter(pk__in=[u.head_id for u in self.units]))
        by_pk = {u.pk: u for u in [*attached, *members, *others, *heads]}
        self.people = sorted(by_pk.values(), key=lambda u: u.pk)
        self.office = next(u for u in self.people if u.username == "office")


def names_boss(opinion):
    """The oracle: whether the person named is the unit's secretary or head."""
    named, unit = opinion.named_person, opinion.unit
    if named is None or unit is None:
        return False
    return (named.role == Role.SECRETARY and named.unit_id == unit.pk) or unit.head_id == named.pk


def check_the_rule(world, opinion):
    opinion = fresh(opinion)
    boss = names_boss(opinion)
    answerers = []
    for person in world.people:
        shown = sees(person, opinion)
        if access.may_answer(person, opinion):
            answerers.append(person)
            assert shown, ("may answer but does not see it", person)
        if person.pk == opinion.named_person_id:
            assert not shown, "the person named sees it"
        elif boss and person.unit_id == opinion.unit_id:
            assert not shown, ("someone under the person named sees it", person)
        elif is_office(person) or unit_in_scope(person, opinion.unit):
            assert shown, ("hidden from someone it should not be", person)
    assert answerers, "nobody may answer it"
    above = Unit.objects.organisations().filter(path__in=opinion.unit.ancestor_paths())
    if boss and (opinion.unit.group_id or above.exists()):
        assert any(not is_office(p) for p in answerers), "only the office may answer"
    if not boss and opinion.named_person_id != secretary_of(opinion.unit).pk:
        assert secretary_of(opinion.unit) in answerers


def test_the_person_named_never_sees_it_and_somebody_who_may_answer_always_does(shengtuo, haojia):
    world = World(shengtuo, haojia)
    named_people = st.one_of(st.none(), st.sampled_from(world.people))

    @settings(
        max_examples=100,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        unit=st.sampled_from(world.units),
        named=named_people,
        by_name=st.booleans(),
        by_the_unit=st.booleans(),
        no_group=st.booleans(),
        correction=st.one_of(
            st.none(),
            st.tuples(st.just("named"), named_people),
            st.tuples(st.just("unit"), st.sampled_from(world.units)),
        ),
    )
    def check(unit, named, by_name, by_the_unit, no_group, correction):
        with transaction.atomic():
            if no_group:
                Unit.objects.filter(pk=unit.pk).update(group=None)
            unit = Unit.objects.get(pk=unit.pk)
            naming_ = {"named_person_name": named.display_name} if named else {}
            if named and not by_name:
                naming_["named_person"] = named
            entered = secretary_of(unit) if by_the_unit else None
            opinion = services.receive_opinion(
                actor=entered or world.office,
                channel=Channel.DOOR,
                content="入户走访时群众反映的问题",
                category=Category.HEDONISM,
                unit=unit,
                **naming_,
            )
            if entered is None:
                services.route_opinion(actor=world.office, opinion=opinion, unit=unit)
            check_the_rule(world, opinion)
            if correction is not None and opinion.named_person_id != world.office.pk:
                field, value = correction
                change = (
                    {"named_person_name": value.display_name if value else ""}
                    if field == "named"
                    else {"unit": Unit.objects.get(pk=value.pk)}
                )
                with contextlib.suppress(services.OpinionError):  # nothing changed
                    correct_opinion(
                        actor=world.office, opinion=fresh(opinion), reason="核实后更正", **change
                    )
                check_the_rule(world, opinion)
            transaction.set_rollback(True)

    check()


# --- over HTTP -------------------------------------------------------------------------


def correct_url(opinion):
    return reverse("opinions:correct", args=[opinion.pk])


def test_the_office_corrects_a_category_over_http(shengtuo):
    opinion = new(shengtuo)
    page = client("office").get(opinion.get_absolute_url()).content.decode()
    assert 'id="correct-form"' in page
    response = client("office").post(
        correct_url(opinion),
        {
            "category": "hedonism",
            "unit": shengtuo.pk,
            "named_person_name": "",
            "reason": "内容反映的是上班打牌",
        },
    )
    assert response.status_code == 302 and response["Location"] == opinion.get_absolute_url()
    opinion.refresh_from_db()
    assert opinion.category == Category.HEDONISM
    page = client("office").get(opinion.get_absolute_url()).content.decode()
    assert "内容反映的是上班打牌" in page  # the reason, in the history


def test_the_office_clears_a_person_named_by_account_over_http(shengtuo):
    opinion = new(shengtuo, named_person=shengtuo.head)
    assert opinion.named_person_name == "" and opinion.handler_group == shengtuo.group
    form = client("office").get(opinion.get_absolute_url()).context["correct_form"]
    assert form["named_person_name"].value() == shengtuo.head.display_name
    data = {"category": opinion.category, "unit": shengtuo.pk, "reason": "经核实未点名"}
    response = client("office").post(correct_url(opinion), {**data, "named_person_name": ""})
    assert response.status_code == 302
    opinion = fresh(opinion)
    assert opinion.named_person is None and opinion.handler_group is None
    assert codes(opinion)[-2:] == ["corrected", "handed_back"]
    assert sees(user("secretary"), opinion)


def test_a_correction_without_a_reason_is_refused_at_the_field(shengtuo):
    opinion = new(shengtuo)
    c = client("secretary")
    with translation.override("zh-hans"):
        response = c.post(
            correct_url(opinion),
            {"category": "land", "unit": shengtuo.pk, "reason": "短"},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 422
    assert response.context["correct_form"].errors["reason"]
    opinion.refresh_from_db()
    assert opinion.category == Category.BUREAUCRATISM


def test_a_correction_moving_it_out_of_the_secretarys_units_is_refused(shengtuo, haojia):
    opinion = new(shengtuo)
    response = client("secretary").post(
        correct_url(opinion), {"category": "bureaucratism", "unit": haojia.pk, "reason": "移交"}
    )
    assert response.status_code == 422  # 郝家镇 is not among the choices
    opinion.refresh_from_db()
    assert opinion.unit == shengtuo


@pytest.mark.parametrize(
    "data",
    [
        {"category": "bogus", "unit": "abc", "reason": "\x00\x01"},
        {"category": "land", "unit": "9" * 40, "reason": "x" * 5000},
        {"category": ["land", "hedonism"], "unit": "-1", "named_person_name": "名" * 500},
        {},
    ],
)
def test_a_hostile_correction_is_refused_without_a_500(data, shengtuo):
    opinion = new(shengtuo)
    response = client("office").post(correct_url(opinion), data)
    assert response.status_code == 422
    opinion.refresh_from_db()
    assert opinion.category == Category.BUREAUCRATISM and opinion.unit == shengtuo


@pytest.mark.parametrize(
    ("name", "status"),
    [("supervisor1", 403), ("leader", 403), ("inspector", 403), ("secretary2", 404)],
)
def test_those_who_may_not_correct_are_refused(name, status, shengtuo):
    opinion = new(shengtuo)
    data = {"category": "land", "unit": shengtuo.pk, "reason": "改类别了"}
    assert client(name).post(correct_url(opinion), data).status_code == status
    assert 'id="correct-form"' not in client(name).get(opinion.get_absolute_url()).content.decode()
    opinion.refresh_from_db()
    assert opinion.category == Category.BUREAUCRATISM


def test_the_town_secretary_reads_the_note_and_the_village_cannot_see_it(shengtuo, village):
    named = secretary_of(village)
    opinion = new(village, named_person_name=named.display_name, content="村支书优亲厚友,低保不公")
    c = client("secretary")
    with translation.override("zh-hans"):
        page = c.get(opinion.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"已按规定转由上一级（{shengtuo.name}）办理" in page
    assert 'id="answer-form"' in page and 'id="correct-form"' in page
    village_client = client(named)
    assert village_client.get(opinion.get_absolute_url()).status_code == 404
    listed = village_client.get(reverse("opinions:list"), {"q": opinion.receipt_code})
    assert opinion not in list(listed.context["page"])
    head_client = client(village.head)
    assert head_client.get(opinion.get_absolute_url()).status_code == 404


def test_the_routing_office_is_told_it_was_handed_up(shengtuo, village):
    opinion = services.receive_opinion(
        actor=user("office"),
        channel=Channel.BOX,
        content="意见箱来信反映村主要负责人作风霸道",
        category=Category.BUREAUCRATISM,
        named_person=village.head,
    )
    c = client("office")
    response = c.post(
        reverse("opinions:route", args=[opinion.pk]), {"unit": village.pk, "days": 10}, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert any(shengtuo.name in m for m in shown), shown


def test_a_secretary_whose_entry_names_their_head_is_sent_to_the_list(shengtuo):
    response = client("secretary").post(
        reverse("opinions:create"),
        {
            "channel": "face",
            "received_on": "2014-05-10",
            "content": "群众当面反映镇主要负责人很少到村里",
            "category": "bureaucratism",
            "named_person_name": shengtuo.head.display_name,
            "anonymous": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("opinions:list")
    opinion = Opinion.objects.get(content="群众当面反映镇主要负责人很少到村里")
    assert opinion.named_person == shengtuo.head and opinion.handler_group == shengtuo.group


@pytest.mark.parametrize("name", ["secretary", "supervisor1", "office"])
def test_the_list_runs_the_same_queries_with_named_opinions(name, shengtuo, village):
    c = client(name)
    c.get(reverse("opinions:list"))
    with CaptureQueriesContext(connection) as before:
        c.get(reverse("opinions:list"), {"page": 2})
    for k in range(3):
        new(village, named_person=village.head, content=f"村主要负责人作风问题第{k}条")
        new(shengtuo, named_person=shengtuo.head, content=f"镇主要负责人作风问题第{k}条")
    with CaptureQueriesContext(connection) as after:
        c.get(reverse("opinions:list"), {"page": 2})
    assert len(after.captured_queries) == len(before.captured_queries)
