"""Opinions: every step and refusal, the naming rule, scope per persona, counts."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from campaign.history.services import history_for
from campaign.opinions import services
from campaign.opinions.access import opinions_for
from campaign.opinions.models import Category, Channel, Notice, Opinion, Status
from campaign.opinions.similar import similar_to
from campaign.org.models import Unit, User

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def client(name):
    c = Client()
    c.force_login(user(name))
    return c


def new(unit=None, **extra):
    values = {
        "channel": Channel.HOTLINE,
        "content": "村务公开不及时,群众不知情",
        "category": Category.FORMALISM,
    }
    values.update(extra)
    opinion = services.receive_opinion(actor=user("office"), **values)
    if unit is not None:
        services.route_opinion(actor=user("office"), opinion=opinion, unit=unit)
    return opinion


def test_office_routes_and_the_secretary_answers_and_publishes(
    shengtuo, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)  # run the queued task here
    opinion = new(shengtuo, anonymous=False, contact_name="李大姐", contact_email="li@example.org")
    assert opinion.status == Status.ROUTED and opinion.answer_due > opinion.received_on
    services.start_handling(actor=user("secretary"), opinion=opinion)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_opinion(
            actor=user("secretary"),
            opinion=opinion,
            answer="已在村务公开栏每月公开。",
            publish=True,
        )
    assert opinion.status == Status.ANSWERED and opinion.answer_published
    assert Notice.objects.get(opinion=opinion).state == Notice.State.SENT
    assert len(mail.outbox) == 1 and opinion.receipt_code in mail.outbox[0].subject
    services.close_opinion(actor=user("office"), opinion=opinion)
    codes = [h.code for h in history_for(opinion).order_by("created_at", "id")]
    assert codes == [
        "opinions.opinion.received",
        "opinions.opinion.routed",
        "opinions.opinion.handling",
        "opinions.opinion.answered",
        "opinions.opinion.notified",
        "opinions.opinion.closed",
    ]


def test_notice_is_sent_once_whatever_happens(shengtuo):
    from campaign.opinions.notices import deliver_notice

    opinion = new(shengtuo, anonymous=False, contact_email="a@example.org")
    services.answer_opinion(actor=user("office"), opinion=opinion, answer="已答复,谢谢。")
    notice = Notice.objects.get(opinion=opinion)
    assert deliver_notice(notice.pk) is True
    assert deliver_notice(notice.pk) is False  # a second worker finds it claimed
    assert len(mail.outbox) == 1


def test_a_secretary_cannot_answer_another_units_opinion(haojia):
    opinion = new(haojia)
    with pytest.raises(services.OpinionError):
        services.answer_opinion(actor=user("secretary"), opinion=opinion, answer="越权答复内容")
    opinion.refresh_from_db()
    assert opinion.status == Status.ROUTED


def test_answer_needs_text_and_nothing_changes(shengtuo):
    opinion = new(shengtuo)
    with pytest.raises(services.OpinionError):
        services.answer_opinion(actor=user("secretary"), opinion=opinion, answer=" ")
    opinion.refresh_from_db()
    assert opinion.status == Status.ROUTED and opinion.answer == ""


def test_only_the_office_routes_and_closes(shengtuo):
    opinion = new()
    with pytest.raises(services.OpinionError):
        services.route_opinion(actor=user("secretary"), opinion=opinion, unit=shengtuo)
    with pytest.raises(services.OpinionError):
        services.route_opinion(
            actor=user("office"), opinion=opinion, unit=shengtuo.parent
        )  # a heading


def test_a_secretarys_own_entry_is_routed_to_the_unit(shengtuo):
    opinion = services.receive_opinion(
        actor=user("secretary"),
        channel=Channel.FACE,
        content="走访中群众反映道路失修",
        category=Category.SERVICE,
        unit=shengtuo,
    )
    assert opinion.status == Status.ROUTED and opinion.unit == shengtuo
    with pytest.raises(services.OpinionError):
        services.receive_opinion(
            actor=user("secretary"),
            channel=Channel.FACE,
            content="别的单位的意见",
            category=Category.SERVICE,
            unit=Unit.objects.get(name="郝家镇"),
        )


def test_duplicates_are_suggested_and_merged_keeping_every_original(shengtuo):
    first = new(shengtuo, content="胜坨镇便民服务中心工作人员上班时间玩手机,办事效率低")
    second = new(
        shengtuo, channel=Channel.BOX, content="胜坨镇便民服务中心工作人员上班玩手机,办事效率很低"
    )
    among = opinions_for(user("office"))
    assert first in similar_to(second.content, among=among, unit=shengtuo, exclude=second)
    services.merge_opinions(actor=user("office"), keep=first, duplicates=[second])
    second.refresh_from_db()
    assert (
        second.status == Status.MERGED
        and second.merged_into == first
        and second.channel == Channel.BOX
    )
    with pytest.raises(services.OpinionError):
        services.merge_opinions(actor=user("secretary"), keep=first, duplicates=[second])


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("office", True),
        ("supervisor1", True),
        ("secretary", True),
        ("leader", True),
        ("inspector", True),
        ("supervisor2", False),
        ("secretary2", False),
    ],
)
def test_an_opinion_naming_someone_else_is_seen_by_everyone_whose_scope_holds_it(
    name, sees, shengtuo
):
    named = new(shengtuo, named_person_name="王某", category=Category.HEDONISM)
    assert opinions_for(user(name)).filter(pk=named.pk).exists() is sees
    status = client(name).get(named.get_absolute_url()).status_code
    assert status == (200 if sees else 404)


def test_the_person_named_never_sees_it(shengtuo):
    head = shengtuo.head
    named = new(shengtuo, named_person=head, category=Category.BUREAUCRATISM)
    assert not opinions_for(head).filter(pk=named.pk).exists()
    office = user("office")
    named_office = new(shengtuo, named_person=office)
    assert not opinions_for(office).filter(pk=named_office.pk).exists()


def test_contact_details_are_for_the_office_only(shengtuo):
    opinion = new(shengtuo, anonymous=False, contact_name="赵先生", contact_phone="13711112222")
    assert "13711112222" in client("office").get(opinion.get_absolute_url()).content.decode()
    for name in ("secretary", "supervisor1", "leader", "inspector"):
        assert "13711112222" not in client(name).get(opinion.get_absolute_url()).content.decode()


def test_secretary_lists_only_own_units_opinions(shengtuo, haojia):
    mine, theirs = new(shengtuo), new(haojia)
    page = client("secretary").get(reverse("opinions:list"), {"q": "村务公开不及时"})
    listed = list(page.context["page"])
    assert mine in listed and theirs not in listed


def test_list_filters_by_channel_category_status_unit_date_and_overdue(shengtuo):
    opinion = new(shengtuo, channel=Channel.QUESTIONNAIRE, category=Category.LAND)
    Opinion.objects.filter(pk=opinion.pk).update(answer_due="2000-01-01")
    params = {
        "channel": "questionnaire",
        "category": "land",
        "status": "routed",
        "unit": shengtuo.parent_id,
        "since": opinion.received_on.isoformat(),
        "overdue": "on",
    }
    response = client("office").get(reverse("opinions:list"), params)
    assert opinion in list(response.context["page"])
    expected = Opinion.objects.filter(
        channel="questionnaire",
        category="land",
        status="routed",
        unit__path__startswith=shengtuo.parent.path,
        received_on__gte=opinion.received_on,
        answer_due__lt=response.context["today"],
    ).count()
    assert response.context["page"].paginator.count == expected


def test_counts_are_made_in_the_database(shengtuo, django_assert_max_num_queries):
    from campaign.opinions.queries import opinion_counts

    with django_assert_max_num_queries(4):  # three counts and the portal's date
        counts = opinion_counts(Opinion.objects.all())
    shown = Opinion.objects.filter(moderation="none")  # hidden box submissions apart
    assert counts["totals"]["total"] == shown.count()
    assert counts["totals"]["hidden"] == Opinion.objects.exclude(moderation="none").count() > 0
    assert {s.value: n for s, n in counts["statuses"]}["routed"] == shown.filter(
        status="routed"
    ).count()


@pytest.mark.parametrize("name", ["office", "secretary", "supervisor1", "leader"])
def test_opinion_list_query_count_is_fixed(name, django_assert_max_num_queries):
    c = client(name)
    c.get(reverse("opinions:list"))
    with django_assert_max_num_queries(16):
        assert c.get(reverse("opinions:list"), {"page": 2, "overdue": "on"}).status_code == 200


def test_office_enters_one_and_routes_it_through_http(shengtuo):
    c = client("office")
    response = c.post(
        reverse("opinions:create"),
        {
            "channel": "symposium",
            "received_on": "2014-05-10",
            "content": "座谈会上群众反映低保评定不公开",
            "category": "social_security",
            "anonymous": "on",
        },
    )
    opinion = Opinion.objects.get(content__startswith="座谈会上群众反映低保评定")
    assert response["Location"] == opinion.get_absolute_url()
    c.post(reverse("opinions:route", args=[opinion.pk]), {"unit": shengtuo.pk, "days": 5})
    opinion.refresh_from_db()
    assert opinion.unit == shengtuo and opinion.status == Status.ROUTED
