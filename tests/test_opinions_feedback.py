"""Answer deadlines by channel in working days, and telling senders of the answer: the
services, their refusals and history, and the office pages per persona."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from campaign.history.models import HistoryEntry
from campaign.history.services import history_for
from campaign.opinions import feedback, services
from campaign.opinions.deadlines import answer_due, is_working_day, working_days_after
from campaign.opinions.models import Category, Channel, ChannelDeadline, Notice
from campaign.opinions.notices import deliver_notice
from campaign.org.models import User
from campaign.phases import clock

pytestmark = pytest.mark.django_db
D = datetime.date


def user(name):
    return User.objects.get(username=name)


def client(name):
    c = Client()
    c.force_login(user(name))
    return c


def new(unit=None, channel=Channel.HOTLINE, **extra):
    opinion = services.receive_opinion(
        actor=user("office"),
        channel=channel,
        content="村里的路灯坏了半年没人修",
        category=Category.SERVICE,
        **extra,
    )
    if unit is not None:
        services.route_opinion(actor=user("office"), opinion=opinion, unit=unit)
    return opinion


def test_working_days_follow_the_official_holidays():
    # 2014: 1–3 May off for Labour Day, Sunday 4 May a working day in exchange.
    assert not is_working_day(D(2014, 5, 1)) and is_working_day(D(2014, 5, 4))
    assert working_days_after(D(2014, 4, 30), 1) == D(2014, 5, 4)
    # National Day week 2014: 1–7 October off, Saturday 11 October worked.
    assert working_days_after(D(2014, 9, 30), 1) == D(2014, 10, 8)
    assert working_days_after(D(2014, 10, 10), 1) == D(2014, 10, 11)
    # A year the calendar package does not know: Monday to Friday.
    assert working_days_after(D(2031, 1, 3), 1) == D(2031, 1, 6)


def test_the_office_sets_days_per_channel_and_routing_uses_them(shengtuo):
    office = user("office")
    changed = feedback.set_channel_deadlines(
        actor=office, days={Channel.HOTLINE: 5, Channel.PETITION: 15}
    )
    assert changed == 2
    assert ChannelDeadline.objects.get(channel=Channel.HOTLINE).working_days == 5
    hotline = new(shengtuo, Channel.HOTLINE)
    petition = new(shengtuo, Channel.PETITION)
    other = new(shengtuo, Channel.ONLINE)
    today = clock.today()
    assert hotline.answer_due == working_days_after(today, 5) == answer_due("hotline", today)
    assert petition.answer_due == working_days_after(today, 15)
    assert other.answer_due == working_days_after(today, 10)  # OPINION_ANSWER_WORKING_DAYS
    row = ChannelDeadline.objects.get(channel=Channel.HOTLINE)
    (entry,) = history_for(row)
    assert entry.code == "opinions.deadline.updated" and entry.changes["working_days"] == [10, 5]
    assert feedback.set_channel_deadlines(actor=office, days={Channel.HOTLINE: 5}) == 0


def test_a_change_of_deadline_leaves_routed_opinions_as_they_were(shengtuo):
    routed = new(shengtuo, Channel.HOTLINE)
    due = routed.answer_due
    feedback.set_channel_deadlines(actor=user("office"), days={Channel.HOTLINE: 3})
    routed.refresh_from_db()
    assert routed.answer_due == due


@pytest.mark.parametrize(
    "persona, days",
    [
        ("inspector", {Channel.HOTLINE: 5}),
        ("secretary", {Channel.HOTLINE: 5}),
        ("office", {Channel.HOTLINE: 0}),
        ("office", {Channel.HOTLINE: 61}),
        ("office", {Channel.HOTLINE: True}),
        ("office", {"telepathy": 5}),
    ],
)
def test_deadline_changes_are_refused_and_save_nothing(persona, days):
    entries = HistoryEntry.objects.count()
    with pytest.raises(services.OpinionError):
        feedback.set_channel_deadlines(actor=user(persona), days=days)
    assert not ChannelDeadline.objects.exists()
    assert HistoryEntry.objects.count() == entries


def test_a_sender_with_only_a_phone_is_phoned_and_it_is_recorded(shengtuo):
    opinion = new(shengtuo, anonymous=False, contact_name="王大爷", contact_phone="13800000001")
    services.answer_opinion(actor=user("secretary"), opinion=opinion, answer="路灯已修好。")
    notice = Notice.objects.get(opinion=opinion)
    assert (notice.method, notice.state) == ("phone", "pending")
    assert deliver_notice(notice.pk) is False and not mail.outbox  # the worker never phones
    notice.refresh_from_db()
    assert notice.state == "pending"
    with pytest.raises(services.OpinionError):
        feedback.record_phone_notice(actor=user("inspector"), notice=notice)
    feedback.record_phone_notice(actor=user("office"), notice=notice, note="本人接听")
    notice.refresh_from_db()
    assert notice.state == "sent" and notice.sent_at is not None
    entry = history_for(opinion).filter(code="opinions.opinion.notified").get()
    assert entry.actor == user("office") and entry.reason == "本人接听"
    assert [(str(label), new) for label, _old, new in entry.shown_changes()] == [
        ("告知提交人", "电话告知")
    ]
    with pytest.raises(services.OpinionError):
        feedback.record_phone_notice(actor=user("office"), notice=notice)


def test_an_email_is_sent_by_the_worker_and_recorded(shengtuo):
    opinion = new(shengtuo, anonymous=False, contact_email="li@example.org")
    services.answer_opinion(actor=user("secretary"), opinion=opinion, answer="已整改,谢谢。")
    notice = Notice.objects.get(opinion=opinion)
    assert notice.method == "email"
    assert deliver_notice(notice.pk) is True and len(mail.outbox) == 1
    (entry,) = history_for(opinion).filter(code="opinions.opinion.notified")
    assert entry.actor is None and entry.changes["method"] == [None, "email"]


def test_an_anonymous_sender_leaves_nothing_to_tell(shengtuo):
    opinion = new(shengtuo)
    services.answer_opinion(actor=user("secretary"), opinion=opinion, answer="已答复此事。")
    assert not Notice.objects.filter(opinion=opinion).exists()


def test_the_office_changes_deadlines_on_the_page_with_messages_at_the_field():
    office = client("office")
    page = office.get(reverse("opinions:deadlines"))
    assert page.status_code == 200 and "信访" in page.content.decode()
    data = dict.fromkeys(Channel.values, 10) | {"hotline": "0", "petition": "abc"}
    bad = office.post(reverse("opinions:deadlines"), data)
    assert bad.status_code == 422
    assert "1 至 60" in bad.content.decode() or "1到60" in bad.content.decode()
    assert not ChannelDeadline.objects.exists()
    good = office.post(reverse("opinions:deadlines"), data | {"hotline": 5, "petition": 15})
    assert good.status_code == 302
    assert dict(ChannelDeadline.objects.values_list("channel", "working_days")) == {
        "hotline": 5,
        "petition": 15,
    }
    reader = client("inspector").get(reverse("opinions:deadlines")).content.decode()
    assert 'value="5"' in reader and "disabled" in reader and "保存" not in reader


def test_the_list_of_senders_to_tell_and_recording_a_call(shengtuo, django_assert_num_queries):
    for n in range(3):
        opinion = new(shengtuo, anonymous=False, contact_name=f"张{n}", contact_phone="13800000002")
        services.answer_opinion(actor=user("office"), opinion=opinion, answer="已办理完毕。")
    office = client("office")
    office.get(reverse("opinions:notices"))
    with django_assert_num_queries(4):  # session, user, count, the page with its opinions
        page = office.get(reverse("opinions:notices"))
    waiting = list(page.context["page"])
    assert len(waiting) >= 3 and all(n.method == "phone" for n in waiting)
    html = page.content.decode()
    assert "13800000002" in html and "已电话告知" in html
    response = office.post(
        reverse("opinions:notice_told", args=[waiting[0].pk]), {"note": "已告知"}
    )
    assert response.status_code == 302
    waiting[0].refresh_from_db()
    assert waiting[0].state == "sent"
    again = office.post(reverse("opinions:notice_told", args=[waiting[0].pk]), follow=True)
    assert "已经告知" in again.content.decode() or "已告知过" in again.content.decode()
    detail = office.get(opinion.get_absolute_url()).content.decode()
    assert "待电话告知" in detail or "尚待电话告知" in detail
