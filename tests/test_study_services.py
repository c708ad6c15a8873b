"""The study services: every step and every refusal, and the numbers computed from them."""

import datetime

import pytest
from django.db.models import Q

from campaign.history.models import HistoryEntry
from campaign.org.models import Member, Role, Unit, UnitKind, User
from campaign.study import queries, services
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

MAY = datetime.date(2014, 5, 6)


@pytest.fixture
def users(db):
    return {u.username: u for u in User.objects.filter(username__in=_NAMES)}


_NAMES = ["office", "secretary", "secretary2", "supervisor1", "supervisor2", "head", "inspector"]


@pytest.fixture
def members(shengtuo):
    return list(shengtuo.members.order_by("id"))


@pytest.fixture
def village(shengtuo):
    return Unit.objects.filter(parent=shengtuo, kind=UnitKind.VILLAGE).order_by("path").first()


def session(unit, attendees, actor, **values):
    return record_session(unit, attendees, actor=actor, **values)


def history(obj, code):
    return HistoryEntry.objects.filter(code=code, object_id=str(obj.pk))


# Recording activities ---------------------------------------------------------------


def test_secretary_records_a_concentrated_session_with_attendees(shengtuo, members, users):
    activity = session(shengtuo, members[:4], users["secretary"], supervisor=users["supervisor1"])
    assert activity.unit == shengtuo and activity.recorded_by == users["secretary"]
    assert set(activity.attendees.values_list("pk", flat=True)) == {m.pk for m in members[:4]}
    entry = history(activity, "study.activity.created").get()
    assert entry.actor == users["secretary"]
    assert entry.changes["attendees"] == [None, 4]
    assert entry.changes["format"] == [None, "reading"]
    assert entry.changes["supervisor"] == [None, users["supervisor1"].display_name]


def test_the_same_member_ticked_twice_attends_once(shengtuo, members, users):
    activity = session(shengtuo, [members[0], members[0].pk, members[1]], users["secretary"])
    assert Attendance.objects.filter(activity=activity).count() == 2


def test_attendees_must_be_members_of_the_unit(shengtuo, haojia, members, users):
    stranger = haojia.members.first()
    with pytest.raises(services.StudyError):
        session(shengtuo, [members[0], stranger], users["secretary"])
    assert not StudyActivity.objects.filter(unit=shengtuo).exists()


def test_an_activity_needs_attendees(shengtuo, users):
    with pytest.raises(services.StudyError):
        session(shengtuo, [], users["secretary"])


@pytest.mark.parametrize("who", ["secretary2", "office", "supervisor1", "head", "inspector"])
def test_only_the_units_own_secretary_records_its_activities(who, shengtuo, members, users):
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:2], users[who])
    assert not StudyActivity.objects.filter(unit=shengtuo).exists()
    assert not HistoryEntry.objects.filter(code__startswith="study.").exists()


def test_a_town_secretary_cannot_record_for_a_village_below(village, users):
    with pytest.raises(services.StudyError):
        session(village, list(village.members.all()[:2]), users["secretary"])


def test_the_supervision_member_present_must_belong_to_the_units_group(shengtuo, members, users):
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:2], users["secretary"], supervisor=users["supervisor2"])
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:2], users["secretary"], supervisor=users["office"])


def test_a_concentrated_session_needs_its_format_and_half_days(shengtuo, members, users):
    for values in ({"format": ""}, {"half_days": None}, {"half_days": 11}, {"half_days": 0}):
        with pytest.raises(services.StudyError):
            session(shengtuo, members[:2], users["secretary"], **values)


def test_the_date_cannot_be_in_the_future(shengtuo, members, users):
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:2], users["secretary"], held_on=datetime.date(2014, 5, 16))


def test_a_topic_is_required(shengtuo, members, users):
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:2], users["secretary"], topic="   ")


def test_half_days_are_kept_only_for_concentrated_sessions(shengtuo, members, users):
    activity = session(shengtuo, members[:2], users["secretary"], kind="lecture", half_days=4)
    assert activity.half_days is None


# Updating and deleting ----------------------------------------------------------------


def _values(activity, **changes):
    values = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
    return values | changes


def test_secretary_changes_an_activity_and_its_attendees(shengtuo, members, users):
    activity = session(shengtuo, members[:3], users["secretary"])
    services.update_activity(
        actor=users["secretary"],
        activity=activity,
        attendees=[members[1], members[2], members[3]],
        **_values(activity, half_days=4, topic="新题目"),
    )
    activity.refresh_from_db()
    assert activity.half_days == 4 and activity.topic == "新题目"
    assert set(activity.attendees.all()) == set(members[1:4])
    changes = history(activity, "study.activity.updated").get().changes
    assert changes["half_days"] == ["2", "4"]
    assert changes["attendees"] == [3, 3]
    assert changes["attendees_added"] == [None, members[3].name]
    assert changes["attendees_removed"] == [members[0].name, None]


def test_an_unchanged_save_writes_no_history(shengtuo, members, users):
    activity = session(shengtuo, members[:3], users["secretary"])
    services.update_activity(
        actor=users["secretary"], activity=activity, attendees=members[:3], **_values(activity)
    )
    assert not history(activity, "study.activity.updated").exists()


def test_another_secretary_cannot_change_or_delete_an_activity(shengtuo, members, users):
    activity = session(shengtuo, members[:3], users["secretary"])
    with pytest.raises(services.StudyError):
        services.update_activity(
            actor=users["secretary2"], activity=activity, attendees=members[:1], **_values(activity)
        )
    with pytest.raises(services.StudyError):
        services.delete_activity(actor=users["secretary2"], activity=activity)
    assert StudyActivity.objects.filter(pk=activity.pk, topic=activity.topic).exists()


def test_an_update_keeps_attendees_within_the_unit(shengtuo, haojia, members, users):
    activity = session(shengtuo, members[:3], users["secretary"])
    with pytest.raises(services.StudyError):
        services.update_activity(
            actor=users["secretary"],
            activity=activity,
            attendees=[members[0], haojia.members.first()],
            **_values(activity),
        )
    assert activity.attendees.count() == 3


def test_secretary_deletes_an_activity_with_history(shengtuo, members, users):
    activity = session(shengtuo, members[:3], users["secretary"])
    pk = activity.pk
    services.delete_activity(actor=users["secretary"], activity=activity)
    assert not StudyActivity.objects.filter(pk=pk).exists()
    assert not Attendance.objects.filter(activity_id=pk).exists()
    entry = HistoryEntry.objects.get(code="study.activity.deleted", object_id=str(pk))
    assert entry.changes["topic"] == ["集中学习党章", None]


# Days of concentrated study ------------------------------------------------------------


def test_only_rotating_reading_speaking_and_discussion_count_towards_the_days(
    shengtuo, members, users
):
    secretary = users["secretary"]
    session(shengtuo, members[:2], secretary, format="reading", half_days=2)
    session(shengtuo, members[:2], secretary, format="speaking", half_days=1)
    session(shengtuo, members[:2], secretary, format="discussion", half_days=2)
    for fmt in ("expert_lecture", "tutoring", "visit", "film"):
        session(shengtuo, members[:2], secretary, format=fmt, half_days=2)
    session(shengtuo, members[:2], secretary, kind="lecture", format="reading")
    summary = queries.unit_study_summary(shengtuo)
    assert summary.counted_half_days == 5
    assert summary.counted_days == 2.5
    assert summary.other_days == 4
    assert not summary.days_met
    assert summary.activity_count == 8


def test_a_lecture_does_not_count_towards_the_three_days(shengtuo, members, users):
    session(shengtuo, members[:2], users["secretary"], format="expert_lecture", half_days=6)
    summary = queries.unit_study_summary(shengtuo)
    assert summary.counted_days == 0 and not summary.days_met


def test_six_half_days_of_discussion_meet_the_three_days(shengtuo, members, users):
    session(shengtuo, members[:2], users["secretary"], format="discussion", half_days=6)
    summary = queries.unit_study_summary(shengtuo)
    assert summary.has_days_requirement and summary.days_met and summary.counted_days == 3


def test_villages_have_no_days_requirement(village):
    assert not queries.unit_study_summary(village).has_days_requirement


def test_a_heading_has_no_study_summary(django_assert_num_queries):
    county = Unit.objects.get(kind=UnitKind.COUNTY)
    with django_assert_num_queries(0):
        assert queries.unit_study_summary(county) is None


def test_the_summary_is_one_query(shengtuo, members, users, django_assert_num_queries):
    session(shengtuo, members[:2], users["secretary"])
    with django_assert_num_queries(1):
        queries.unit_study_summary(shengtuo)


# Coverage --------------------------------------------------------------------------------


def test_home_delivery_reaches_the_members_listed(shengtuo, members, users):
    flagged = Member.objects.filter(unit=shengtuo).filter(
        Q(is_retired=True) | Q(is_frail=True) | Q(is_migrant=True) | Q(is_frontline=True)
    )
    before = queries.unit_study_summary(shengtuo)
    assert before.reached == 0 and before.member_total == len(members)
    listed = list(queries.not_reached_members(shengtuo))
    assert set(listed) == set(members)
    flags = [bool(m.study_flags()) for m in listed]
    assert flags == sorted(flags, reverse=True), "members with a study flag come first"
    delivered = list(flagged[:3]) or members[:3]
    session(shengtuo, delivered, users["secretary"], kind="home_delivery", format="")
    after = queries.unit_study_summary(shengtuo)
    assert after.reached == len(delivered)
    assert after.coverage_percent == len(delivered) * 100 // len(members)
    left = set(queries.not_reached_members(shengtuo))
    assert left == set(members) - set(delivered)


def test_full_coverage_is_a_hundred_percent_only_when_everyone_is_reached(shengtuo, members, users):
    session(shengtuo, members[:-1], users["secretary"], kind="training", format="")
    almost = queries.unit_study_summary(shengtuo)
    assert almost.not_reached == 1 and almost.coverage_percent < 100
    session(shengtuo, members[-1:], users["secretary"], kind="self_study", format="")
    summary = queries.unit_study_summary(shengtuo)
    assert summary.coverage_percent == 100 and summary.not_reached == 0
    assert not queries.not_reached_members(shengtuo).exists()


def test_not_reached_members_carry_their_study_flags(shengtuo):
    member = Member.objects.create(unit=shengtuo, name="流动党员甲", is_migrant=True)
    retired = Member.objects.create(unit=shengtuo, name="退休党员乙", is_retired=True)
    listed = list(queries.not_reached_members(shengtuo))
    assert {m.pk for m in listed[:2]} == {member.pk, retired.pk}, "flagged members come first"
    migrant = str(Member._meta.get_field("is_migrant").verbose_name)
    flags = {m.pk: [str(label) for label in m.study_flags()] for m in listed}
    assert flags[member.pk] == [migrant]


# Learning checks and the follow-up list ---------------------------------------------------


def check(unit, actor, result="poor", day=MAY, note="学习不深"):
    return services.record_check(
        actor=actor, unit=unit, checked_on=day, method="test", result=result, note=note
    )


def test_a_supervisor_of_the_units_group_records_a_learning_check(shengtuo, users):
    made = check(shengtuo, users["supervisor1"])
    assert made.group_id == users["supervisor1"].group_id == shengtuo.group_id
    entry = history(made, "study.check.recorded").get()
    assert entry.changes["result"] == [None, "poor"]
    assert queries.unit_study_summary(shengtuo).latest_result == "poor"


@pytest.mark.parametrize("who", ["supervisor2", "office", "secretary", "inspector"])
def test_only_the_units_supervision_group_records_a_check(who, shengtuo, users):
    with pytest.raises(services.StudyError):
        check(shengtuo, users[who])
    assert not LearningCheck.objects.exists()


def test_a_poor_result_needs_a_note(shengtuo, users):
    with pytest.raises(services.StudyError):
        check(shengtuo, users["supervisor1"], note=" ")
    assert check(shengtuo, users["supervisor1"], result="good", note="").result == "good"


def test_a_check_cannot_be_dated_in_the_future(shengtuo, users):
    with pytest.raises(services.StudyError):
        check(shengtuo, users["supervisor1"], day=datetime.date(2014, 6, 1))


def test_units_whose_latest_check_is_poor_are_listed_for_follow_up(shengtuo, haojia, users):
    check(shengtuo, users["supervisor1"], result="good", note="", day=datetime.date(2014, 5, 1))
    poor = check(shengtuo, users["supervisor1"], day=datetime.date(2014, 5, 8))
    check(haojia, users["supervisor2"], day=datetime.date(2014, 5, 2))
    check(haojia, users["supervisor2"], result="fair", note="", day=datetime.date(2014, 5, 9))
    listed = list(queries.follow_up_checks(Q()))
    assert listed == [poor]


def test_a_later_check_on_the_same_day_decides(shengtuo, users):
    check(shengtuo, users["supervisor1"])
    check(shengtuo, users["supervisor1"], result="good", note="")
    assert not queries.follow_up_checks(Q()).exists()
    later_poor = check(shengtuo, users["supervisor1"])
    assert list(queries.follow_up_checks(Q())) == [later_poor]


def test_the_follow_up_list_counts_activities_held_since_the_check(shengtuo, members, users):
    check(shengtuo, users["supervisor1"], day=datetime.date(2014, 5, 8))
    session(shengtuo, members[:2], users["secretary"], held_on=datetime.date(2014, 5, 7))
    session(shengtuo, members[:2], users["secretary"], held_on=datetime.date(2014, 5, 12))
    assert queries.follow_up_checks(Q()).get().activities_since == 1


def test_a_supervisor_follows_up_only_the_groups_units(shengtuo, haojia, users):
    check(shengtuo, users["supervisor1"])
    check(haojia, users["supervisor2"])
    group1 = Q(unit__group_id=users["supervisor1"].group_id)
    assert [c.unit for c in queries.follow_up_checks(group1)] == [shengtuo]


def test_a_secretary_role_account_without_unit_is_refused(shengtuo, members):
    loose = User.objects.create_user("loose-secretary", role=Role.SECRETARY)
    with pytest.raises(services.StudyError):
        session(shengtuo, members[:1], loose)
