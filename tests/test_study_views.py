"""The study pages through HTTP, per persona, with pinned query counts."""

import datetime

import pytest
from django.urls import reverse

from campaign.org.models import Member, Unit, UnitKind, User
from campaign.study.models import Attendance, LearningCheck, StudyActivity
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


@pytest.fixture
def members(shengtuo):
    return list(shengtuo.members.order_by("id"))


@pytest.fixture
def village(shengtuo):
    return Unit.objects.filter(parent=shengtuo, kind=UnitKind.VILLAGE).order_by("path").first()


def study_url(unit):
    return reverse("study:unit", args=[unit.pk])


def create_url(unit):
    return reverse("study:activity_create", args=[unit.pk])


def post_data(members, **values):
    data = {
        "kind": "concentrated",
        "held_on": "2014-05-06",
        "half_days": "2",
        "format": "discussion",
        "topic": "研讨交流:四风问题",
        "supervisor": "",
        "attendees": [m.pk for m in members],
    }
    return data | values


# The study page ---------------------------------------------------------------------


def test_study_page_shows_days_coverage_and_who_is_not_reached(client_for, shengtuo, members):
    record_session(shengtuo, members[:3], half_days=3)
    record_session(shengtuo, members[3:4], format="film", half_days=4)
    response = client_for("secretary").get(study_url(shengtuo))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.counted_half_days == 3 and summary.reached == 4
    not_reached = {m.pk for m in response.context["not_reached"]}
    assert not_reached == {m.pk for m in members[4:]}
    html = response.content.decode()
    assert 'id="study-days" data-counted-half-days="3"' in html
    assert f'data-reached="4" data-total="{len(members)}"' in html
    assert f'data-member="{members[0].pk}"' not in html
    assert f'data-member="{members[5].pk}"' in html
    assert 'id="record-activity"' in html and 'id="record-check"' not in html


def test_flagged_members_not_yet_reached_are_listed_first(client_for, shengtuo):
    frail = Member.objects.create(unit=shengtuo, name="年老体弱党员", is_frail=True)
    response = client_for("secretary").get(study_url(shengtuo))
    assert response.context["not_reached"][0] == frail
    assert 'id="needs-delivery" data-count="1"' in response.content.decode()


@pytest.mark.parametrize("persona", ["office", "supervisor1", "leader", "inspector"])
def test_readers_in_scope_see_the_study_page_without_write_buttons(persona, client_for, shengtuo):
    response = client_for(persona).get(study_url(shengtuo))
    assert response.status_code == 200
    assert 'id="record-activity"' not in response.content.decode()


def test_the_groups_supervisor_is_offered_the_learning_check(client_for, shengtuo):
    html = client_for("supervisor1").get(study_url(shengtuo)).content.decode()
    assert 'id="record-check"' in html


@pytest.mark.parametrize("persona", ["secretary2", "supervisor2"])
def test_outside_scope_the_study_page_does_not_exist(persona, client_for, shengtuo):
    assert client_for(persona).get(study_url(shengtuo)).status_code == 404


def test_a_heading_has_no_study_page(client_for):
    county = Unit.objects.get(kind=UnitKind.COUNTY)
    assert client_for("office").get(study_url(county)).status_code == 404


def test_a_town_secretary_reads_a_village_below_but_cannot_write_there(client_for, village):
    client = client_for("secretary")
    assert client.get(study_url(village)).status_code == 200
    assert client.get(create_url(village)).status_code == 403
    members = list(village.members.all()[:2])
    assert client.post(create_url(village), post_data(members)).status_code == 403
    assert not StudyActivity.objects.filter(unit=village).exists()


# Recording, editing and deleting activities --------------------------------------------


def test_secretary_records_a_session_and_coverage_rises(client_for, shengtuo, members):
    client = client_for("secretary")
    supervisor = User.objects.get(username="supervisor1")
    data = post_data(members[:5], supervisor=supervisor.pk)
    response = client.post(create_url(shengtuo), data)
    assert response.status_code == 302 and response["Location"] == study_url(shengtuo)
    activity = StudyActivity.objects.get(unit=shengtuo)
    assert activity.supervisor == supervisor and activity.format == "discussion"
    assert Attendance.objects.filter(activity=activity).count() == 5
    page = client.get(study_url(shengtuo))
    assert page.context["summary"].reached == 5


def test_the_form_offers_the_units_members_and_its_groups_supervisors(
    client_for, shengtuo, members
):
    response = client_for("secretary").get(create_url(shengtuo))
    html = response.content.decode()
    assert all(f'id="attendee-{m.pk}"' in html for m in members)
    supervisors = response.context["form"].fields["supervisor"].queryset
    assert {u.group_id for u in supervisors} == {shengtuo.group_id}
    assert response.context["form"].initial["held_on"] == datetime.date(2014, 5, 15)


def test_a_session_without_format_is_sent_back_to_the_form(client_for, shengtuo, members):
    response = client_for("secretary").post(create_url(shengtuo), post_data(members, format=""))
    assert response.status_code == 200
    assert "format" in response.context["form"].errors
    assert not StudyActivity.objects.exists()
    assert f'id="attendee-{members[0].pk}" checked' in response.content.decode()


def test_a_member_of_another_unit_cannot_be_posted_as_attendee(
    client_for, shengtuo, haojia, members
):
    stranger = haojia.members.first()
    data = post_data([members[0], stranger])
    response = client_for("secretary").post(create_url(shengtuo), data)
    assert response.status_code == 200 and "attendees" in response.context["form"].errors
    assert not StudyActivity.objects.exists()


def test_a_refusal_by_the_service_is_shown_on_the_form(client_for, shengtuo, members):
    other = User.objects.get(username="supervisor2")
    response = client_for("secretary").post(
        create_url(shengtuo), post_data(members[:2], supervisor=other.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors
    future = post_data(members[:2], held_on="2014-06-01")
    response = client_for("secretary").post(create_url(shengtuo), future)
    assert response.status_code == 200 and 'id="form-errors"' in response.content.decode()
    assert not StudyActivity.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("office", 403),
        ("supervisor1", 403),
        ("leader", 403),
        ("inspector", 403),
        ("secretary2", 404),
        ("supervisor2", 404),
    ],
)
def test_only_the_units_secretary_posts_activities(persona, status, client_for, shengtuo, members):
    response = client_for(persona).post(create_url(shengtuo), post_data(members[:2]))
    assert response.status_code == status
    assert not StudyActivity.objects.exists()


def test_secretary_edits_an_activity(client_for, shengtuo, members):
    activity = record_session(shengtuo, members[:2])
    url = reverse("study:activity_edit", args=[activity.pk])
    client = client_for("secretary")
    form = client.get(url)
    assert f'id="attendee-{members[0].pk}" checked' in form.content.decode()
    data = post_data(members[1:4], kind="training", format="", half_days="")
    response = client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.kind == "training" and activity.half_days is None
    assert set(activity.attendees.all()) == set(members[1:4])


@pytest.mark.parametrize(
    ("persona", "status"), [("inspector", 403), ("office", 403), ("secretary2", 404)]
)
def test_others_cannot_edit_or_delete_an_activity(persona, status, client_for, shengtuo, members):
    activity = record_session(shengtuo, members[:2])
    client = client_for(persona)
    edit = reverse("study:activity_edit", args=[activity.pk])
    delete = reverse("study:activity_delete", args=[activity.pk])
    assert client.post(edit, post_data(members[:1], topic="改")).status_code == status
    assert client.post(delete).status_code == status
    assert StudyActivity.objects.get(pk=activity.pk).topic == activity.topic


def test_secretary_deletes_an_activity(client_for, shengtuo, members):
    activity = record_session(shengtuo, members[:2])
    client = client_for("secretary")
    response = client.post(reverse("study:activity_delete", args=[activity.pk]))
    assert response.status_code == 302 and response["Location"] == study_url(shengtuo)
    assert not StudyActivity.objects.exists()
    assert client.get(reverse("study:activity_delete", args=[activity.pk])).status_code == 405


# The attendee picker (htmx) ---------------------------------------------------------------


def options(client, unit, **params):
    response = client.get(reverse("study:attendee_options", args=[unit.pk]), params)
    assert response.status_code == 200
    return [m.pk for m in response.context["options"]]


def test_the_picker_searches_by_name_and_keeps_the_ticked_members(client_for, shengtuo, members):
    client = client_for("secretary")
    target = members[7]
    found = options(client, shengtuo, q=target.name)
    assert target.pk in found
    assert all(target.name in m.name for m in Member.objects.filter(pk__in=found))
    kept = options(client, shengtuo, q=target.name, attendees=[members[0].pk])
    assert kept[0] == members[0].pk and target.pk in kept


def test_the_picker_can_show_only_members_not_yet_reached(client_for, shengtuo, members):
    record_session(shengtuo, members[:10])
    found = options(client_for("secretary"), shengtuo, pending="1")
    assert set(found) == {m.pk for m in members[10:]}


def test_the_picker_ignores_members_of_other_units(client_for, shengtuo, haojia):
    stranger = haojia.members.first()
    found = options(client_for("secretary"), shengtuo, attendees=[stranger.pk], q="zzz")
    assert found == []


# Learning checks and the follow-up list ---------------------------------------------------


def check_url(unit):
    return reverse("study:check_create", args=[unit.pk])


CHECK = {"checked_on": "2014-05-12", "method": "interview", "result": "poor", "note": "谈不出体会"}


def test_supervisor_records_a_poor_check_and_the_office_follows_it_up(client_for, shengtuo):
    response = client_for("supervisor1").post(check_url(shengtuo), CHECK)
    assert response.status_code == 302 and response["Location"] == study_url(shengtuo)
    made = LearningCheck.objects.get(unit=shengtuo)
    assert made.result == "poor" and made.checked_by.username == "supervisor1"
    for persona in ("office", "inspector", "supervisor1"):
        page = client_for(persona).get(reverse("study:follow_up"))
        assert [c.unit_id for c in page.context["page"]] == [shengtuo.pk], persona
        assert f'data-unit="{shengtuo.pk}"' in page.content.decode()
    other_group = client_for("supervisor2").get(reverse("study:follow_up"))
    assert list(other_group.context["page"]) == []


def test_a_poor_check_without_a_note_is_sent_back(client_for, shengtuo):
    response = client_for("supervisor1").post(check_url(shengtuo), CHECK | {"note": ""})
    assert response.status_code == 200 and "note" in response.context["form"].errors
    assert not LearningCheck.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("office", 403), ("inspector", 403), ("secretary", 403), ("supervisor2", 404)],
)
def test_only_the_units_group_records_a_check(persona, status, client_for, shengtuo):
    assert client_for(persona).post(check_url(shengtuo), CHECK).status_code == status
    assert not LearningCheck.objects.exists()


@pytest.mark.parametrize("persona", ["secretary", "secretary2", "leader"])
def test_the_follow_up_list_does_not_exist_for_secretaries_and_leaders(persona, client_for):
    assert client_for(persona).get(reverse("study:follow_up")).status_code == 404


# The unit page's card -----------------------------------------------------------------------


def test_the_unit_page_shows_the_study_card(client_for, shengtuo, members):
    record_session(shengtuo, members[:4], half_days=6)
    response = client_for("leader").get(reverse("overview:unit", args=[shengtuo.pk]))
    html = response.content.decode()
    assert 'id="study-card"' in html and study_url(shengtuo) in html
    assert 'data-counted-half-days="6"' in html and 'data-reached="4"' in html
    assert 'id="follow-up-link"' not in html
    office = client_for("office").get(reverse("overview:unit", args=[shengtuo.pk]))
    assert 'id="follow-up-link"' in office.content.decode()


def test_the_secretarys_home_page_shows_the_study_card(client_for):
    assert 'id="study-card"' in client_for("secretary").get(reverse("home")).content.decode()
