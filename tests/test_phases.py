"""Campaign set-up, requirements, the unit checklist, the progress matrix and the
supervision workspace: results and fixed query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from campaign.org.models import Unit, UnitKind, User
from campaign.overview.progress import load_plan, matrix, short_plans, unit_checklist
from campaign.phases import services
from campaign.phases.models import Campaign, Requirement, WavePlan
from campaign.review import services as review
from campaign.review import writing
from campaign.review.models import ReviewItem
from campaign.study.models import StudyReport
from tests.review_fixtures import create_item

pytestmark = pytest.mark.django_db

D = datetime.date


def client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def planned(campaign):
    """Wave plans for every wave (kept if the demo has them)."""
    for phase in campaign.phases.all():
        for wave in (1, 2, 3):
            start = D(2014, 3, 1) + datetime.timedelta(
                days=40 * (phase.number - 1) + 20 * (wave - 1)
            )
            WavePlan.objects.get_or_create(
                phase=phase,
                wave=wave,
                defaults={"starts_on": start, "ends_on": start + datetime.timedelta(days=60)},
            )
    return campaign


def test_setting_up_twice_is_refused(campaign):
    with pytest.raises(services.PhaseError):
        services.setup_campaign(
            actor=User.objects.get(username="office"),
            name="x",
            starts_on=D(2014, 1, 1),
            ends_on=D(2014, 2, 1),
        )
    assert Campaign.objects.count() == 1


def test_a_wave_planned_for_less_than_three_months_is_refused(planned):
    office = User.objects.get(username="office")
    phases = list(planned.phases.order_by("number"))
    plans = {(p, 3): (D(2014, 6, 1), D(2014, 6, 20)) for p in phases}
    before = list(WavePlan.objects.values_list("starts_on", "ends_on"))
    with pytest.raises(services.PhaseError, match="三个月"):
        services.save_wave_plans(actor=office, campaign=planned, plans=plans)
    assert list(WavePlan.objects.values_list("starts_on", "ends_on")) == before
    assert short_plans(load_plan()) == []


def test_an_older_short_plan_is_flagged_on_the_campaign_page(planned):
    office = User.objects.get(username="office")
    WavePlan.objects.filter(wave=3).update(starts_on=D(2014, 6, 1), ends_on=D(2014, 6, 20))
    flagged = short_plans(load_plan())
    assert [f["wave"] for f in flagged] == [3]
    assert flagged[0]["units"] == Unit.objects.organisations().filter(wave=3).count()
    page = client(office).get(reverse("overview:campaign")).content.decode()
    assert "三个月" in page


def test_wave_plan_outside_the_campaign_is_refused_and_nothing_changes(planned):
    office = User.objects.get(username="office")
    phase = planned.phases.get(number=1)
    before = list(WavePlan.objects.values_list("starts_on", "ends_on"))
    with pytest.raises(services.PhaseError):
        services.save_wave_plans(
            actor=office, campaign=planned, plans={(phase, 1): (D(2013, 1, 1), D(2014, 4, 1))}
        )
    assert list(WavePlan.objects.values_list("starts_on", "ends_on")) == before


def test_office_adds_a_requirement_for_towns_with_a_fixed_date(planned):
    office = User.objects.get(username="office")
    response = client(office).post(
        reverse("overview:requirement_create"),
        {
            "phase": planned.phases.get(number=1).pk,
            "name": "书记大讲堂",
            "item_kind": "report",
            "kinds": ["town"],
            "due_mode": "absolute",
            "due_on": "2014-04-30",
            "order": 9,
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(name="书记大讲堂")
    assert requirement.kinds == ["town"] and requirement.due_on == D(2014, 4, 30)


def test_relative_requirement_without_days_is_refused_at_the_field(planned):
    office = User.objects.get(username="office")
    response = client(office).post(
        reverse("overview:requirement_create"),
        {
            "phase": planned.phases.get(number=1).pk,
            "name": "无期限",
            "item_kind": "report",
            "due_mode": "relative",
        },
    )
    assert response.status_code == 200
    assert not Requirement.objects.filter(name="无期限").exists()


def test_unit_checklist_shows_due_date_and_overdue(planned, scene):
    plan = load_plan()
    plan.today = D(2014, 12, 31)
    rows = [r for p in unit_checklist(plan, scene["unit"]) for r in p["rows"]]
    mine = next(r for r in rows if r["requirement"] == scene["requirement"])
    assert mine["item"] is None and mine["rag"] == "red" and mine["days_overdue"] > 0
    expected_due = plan.plans[(scene["requirement"].phase_id, 3)].starts_on + datetime.timedelta(
        days=30
    )
    assert mine["due"] == expected_due


def test_unit_page_lists_the_requirements(planned, scene):
    page = client(scene["secretary"]).get(scene["unit"].get_absolute_url()).content.decode()
    assert scene["requirement"].name in page
    assert reverse("documents:start", args=[scene["unit"].pk, scene["requirement"].pk]) in page


def test_matrix_counts_match_the_items(planned, scene, shengtuo):
    plan = load_plan()
    item = create_item(
        actor=scene["secretary"],
        unit=scene["unit"],
        title="t",
        body="b",
        requirement=scene["requirement"],
    )
    review.submit_item(actor=scene["secretary"], item=item)
    for who in ("head", "supervisor", "office"):
        review.pass_item(actor=scene[who], item=item)
    rows = matrix(plan, shengtuo.parent)
    row = next(r for r in rows if r["unit"] == shengtuo)
    index = [r.pk for r in plan.requirements_of(scene["requirement"].phase)].index(
        scene["requirement"].pk
    )
    phase = next(p for p in row["phases"] if p["phase"] == scene["requirement"].phase)
    cell = phase["cells"][index]
    assert (
        cell["expected"] == Unit.objects.subtree(shengtuo).organisations().count() == row["units"]
    )
    assert (
        cell["passed"]
        == ReviewItem.objects.filter(
            unit__path__startswith=shengtuo.path, requirement=scene["requirement"], state="passed"
        ).count()
        >= 1
    )


def test_progress_page_query_count_is_fixed(planned, django_assert_max_num_queries):
    c = client(User.objects.get(username="office"))
    county = Unit.objects.get(kind=UnitKind.COUNTY, name="垦利县")
    towns = Unit.objects.get(parent=county, name="镇、街道")
    for node in (county, towns):
        url = reverse("overview:progress_node", args=[node.pk])
        c.get(url)
        with django_assert_max_num_queries(20):
            assert c.get(url).status_code == 200


def test_supervision_workspace_query_count_is_fixed(planned, django_assert_max_num_queries):
    c = client(User.objects.get(username="supervisor1"))
    c.get(reverse("overview:supervision"))
    with django_assert_max_num_queries(20):
        response = c.get(reverse("overview:supervision"))
    assert response.status_code == 200
    group = User.objects.get(username="supervisor1").group
    assert (
        len(response.context["units"]) == Unit.objects.organisations().filter(group=group).count()
    )


def test_supervisor_records_an_activity(scene, planned):
    response = client(scene["supervisor"]).post(
        reverse("phases:activity_create", args=[scene["unit"].pk]),
        {"kind": "visit", "happened_on": "2014-04-01", "findings": "走访群众10户"},
    )
    assert response.status_code == 302
    assert scene["unit"].supervision.get().findings == "走访群众10户"


def test_other_group_cannot_record_an_activity(scene, planned):
    response = client(scene["other_supervisor"]).post(
        reverse("phases:activity_create", args=[scene["unit"].pk]),
        {"kind": "visit", "happened_on": "2014-04-01", "findings": "x"},
    )
    assert response.status_code == 404


def test_office_sets_review_levels_on_the_campaign_page(planned):
    from campaign.review import kinds
    from campaign.review.models import ChainConfig

    data = {kind.code: ["group", "office"] for kind in kinds.all_kinds()}
    data["meeting"] = ["group"]
    data["save_chain"] = "1"
    office = User.objects.get(username="office")
    assert client(office).post(reverse("overview:campaign"), data).status_code == 302
    assert ChainConfig.levels_for("meeting") == ["group"]
    inspector = User.objects.get(username="inspector")
    assert client(inspector).post(reverse("overview:campaign"), data).status_code == 403


def test_the_portal_shows_the_study_coverage_gap_on_the_checklist_and_to_reviewers(planned, scene):
    from campaign.org.models import Member
    from campaign.study import services as study

    requirement = Requirement.objects.create(
        phase=planned.phases.get(number=1),
        name="全覆盖测试",
        item_kind="study_coverage",
        due_offset_days=30,
    )
    members = [Member.objects.create(unit=scene["unit"], name=f"测试党员{n}") for n in range(2)]
    plan = load_plan()
    row = next(
        r
        for p in unit_checklist(plan, scene["unit"])
        for r in p["rows"]
        if r["requirement"] == requirement
    )
    assert row["unmet"] == []  # nothing written yet: the gap shows once a report is drafted
    item = writing.write(
        actor=scene["secretary"],
        model=StudyReport,
        kind="study_coverage",
        unit=scene["unit"],
        title="t",
        body="b",
        requirement=requirement,
    )
    row = next(
        r
        for p in unit_checklist(load_plan(), scene["unit"])
        for r in p["rows"]
        if r["requirement"] == requirement
    )
    assert any("2" in reason for reason in row["unmet"])
    page = client(scene["supervisor"]).get(item.get_absolute_url())
    assert page.context["unmet"] == row["unmet"]
    with pytest.raises(review.ReviewError):
        review.submit_item(actor=scene["secretary"], item=item)
    study.create_activity(
        actor=scene["secretary"],
        unit=scene["unit"],
        attendees=members,
        kind="home_delivery",
        held_on=D(2014, 4, 1),
        topic="送学上门",
    )
    row = next(
        r
        for p in unit_checklist(load_plan(), scene["unit"])
        for r in p["rows"]
        if r["requirement"] == requirement
    )
    assert row["unmet"] == []
    review.submit_item(actor=scene["secretary"], item=item)
