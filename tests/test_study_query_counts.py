"""Pinned query counts of the study pages at demo scale: more activities, attendances,
members or checks never mean more queries."""

import datetime

import pytest
from django.urls import reverse

from campaign.org.models import Member, SupervisionGroup, Unit
from campaign.study.models import LearningCheck
from tests.grid_study import record_session


@pytest.fixture(autouse=True)
def _no_study_recorded_yet(db):
    """These tests count study from nothing: the demo county's own study records (which
    back its study reports) are removed inside each test's transaction."""
    from campaign.history.models import HistoryEntry
    from campaign.study.models import StudyActivity

    StudyActivity.objects.all().delete()
    HistoryEntry.objects.filter(code__startswith="study.").delete()


pytestmark = pytest.mark.django_db

STUDY_PAGE = 10  # measured: 9 (office, inspector, supervisor), 10 (secretary, leader)
FOLLOW_UP_PAGE = 5  # measured: 5 for office, inspector and supervisor
STUDY_PERSONAS = ["office", "secretary", "supervisor1", "leader", "inspector"]


def grow_unit(unit, rounds=30, extra_members=150, checks=10):
    """Activities with many attendances, more members and several checks."""
    Member.objects.bulk_create(Member(unit=unit, name=f"新党员{i}") for i in range(extra_members))
    members = list(unit.members.order_by("id"))
    for i in range(rounds):
        record_session(unit, members[i : i + 40], format=("reading", "film")[i % 2])
    group = unit.group
    LearningCheck.objects.bulk_create(
        LearningCheck(
            unit=unit,
            group=group,
            checked_on=datetime.date(2014, 5, 1 + i),
            method="test",
            result=("good", "poor")[i % 2],
            note="记录",
        )
        for i in range(checks)
    )


def poor_checks_everywhere():
    """A poor latest check for every party organisation of the demo county."""
    units = Unit.objects.organisations().exclude(group=None).values_list("pk", "group_id")
    LearningCheck.objects.bulk_create(
        LearningCheck(
            unit_id=pk,
            group_id=group_id,
            checked_on=datetime.date(2014, 5, 10),
            method="spot_check",
            result="poor",
            note="学习不深",
        )
        for pk, group_id in units
    )
    return len(units)


@pytest.mark.parametrize("persona", STUDY_PERSONAS)
def test_study_page_query_count_is_fixed(
    persona, client_for, shengtuo, django_assert_max_num_queries
):
    grow_unit(shengtuo, rounds=1, extra_members=0, checks=1)
    client = client_for(persona)
    url = reverse("study:unit", args=[shengtuo.pk])
    client.get(url)  # warm the session
    with django_assert_max_num_queries(STUDY_PAGE) as small:
        assert client.get(url).status_code == 200
    grow_unit(shengtuo)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["summary"].activity_count == 31


@pytest.mark.full_demo  # 900 units to follow up: the list runs over many pages
@pytest.mark.parametrize("persona", ["office", "inspector", "supervisor1"])
def test_follow_up_query_count_is_fixed(persona, client_for, django_assert_max_num_queries):
    shengtuo = Unit.objects.get(name="胜坨镇")
    LearningCheck.objects.create(
        unit=shengtuo,
        group=shengtuo.group,
        checked_on=datetime.date(2014, 5, 9),
        method="test",
        result="poor",
    )
    client = client_for(persona)
    url = reverse("study:follow_up")
    client.get(url)
    with django_assert_max_num_queries(FOLLOW_UP_PAGE) as small:
        client.get(url)
    total = poor_checks_everywhere()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    page = response.context["page"]
    if persona == "supervisor1":
        group = SupervisionGroup.objects.get(number=1)
        assert page.paginator.count == Unit.objects.organisations().filter(group=group).count()
    else:
        assert page.paginator.count == total > 900
    assert len(page.object_list) == 50


def test_unit_page_query_count_stays_within_its_pin_with_study_records(
    client_for, shengtuo, django_assert_max_num_queries
):
    client = client_for("office")
    url = reverse("overview:unit", args=[shengtuo.pk])
    grow_unit(shengtuo, rounds=1, extra_members=0, checks=1)
    client.get(url)
    with django_assert_max_num_queries(24) as before:
        client.get(url)
    grow_unit(shengtuo, rounds=10)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert response.context["study"].activity_count == 11
