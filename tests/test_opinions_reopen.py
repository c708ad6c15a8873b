"""Reopening an answered opinion: the office does it with a reason, the unit handles it
again, the sender is told of the new answer, and the unit's phase acceptance signed off on
"every opinion answered" is reopened with the cause."""

import pytest
from django.urls import reverse

from campaign.history.models import HistoryEntry
from campaign.opinions import services
from campaign.opinions.models import Category, Channel, Notice, Opinion, Status
from campaign.opinions.reopening import reopen_opinion
from campaign.opinions.services import OpinionError
from campaign.org.models import User
from campaign.phases.rules import evaluate
from campaign.review.models import ReviewItem, State

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def answered(unit, **extra):
    office = user("office")
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.HOTLINE,
        content="村里路灯坏了三个月没人修,晚上出行不便",
        category=Category.SERVICE,
        **extra,
    )
    services.route_opinion(actor=office, opinion=opinion, unit=unit)
    services.answer_opinion(actor=office, opinion=opinion, answer="已更换路灯,全部亮了。")
    opinion.refresh_from_db()
    return opinion


@pytest.fixture
def accepted():
    """A unit of the demo county whose phase 1 acceptance is signed off."""
    item = (
        ReviewItem.objects.filter(kind="acceptance", state=State.PASSED)
        .select_related("unit", "phase")
        .order_by("pk")
        .first()
    )
    assert item is not None
    return item


def test_the_office_reopens_with_a_reason_and_the_unit_answers_again(shengtuo):
    opinion = answered(
        shengtuo, anonymous=False, contact_name="王某", contact_email="w@example.com"
    )
    services.set_published(actor=user("office"), opinion=opinion, published=True)
    first = opinion.notices.get()
    reopen_opinion(actor=user("office"), opinion=opinion, reason="来电说路灯仍然不亮")
    opinion.refresh_from_db()
    assert opinion.status == Status.HANDLING and not opinion.answer_published
    entry = HistoryEntry.objects.get(code="opinions.opinion.reopened", object_id=str(opinion.pk))
    assert entry.reason == "来电说路灯仍然不亮"
    assert entry.changes["status"] == [Status.ANSWERED, Status.HANDLING]
    secretary = user("secretary")
    services.answer_opinion(actor=secretary, opinion=opinion, answer="已请供电所重新接线,已亮。")
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
    # The sender is told of the new answer; the first telling keeps its row.
    notices = Notice.objects.filter(opinion=opinion).order_by("pk")
    assert notices.first().pk == first.pk and notices.count() == 2
    assert notices.last().kind == "answered"


def test_a_closed_opinion_can_be_reopened_too(shengtuo):
    opinion = answered(shengtuo)
    services.close_opinion(actor=user("office"), opinion=opinion)
    reopen_opinion(actor=user("office"), opinion=opinion, reason="群众再次反映")
    opinion.refresh_from_db()
    assert opinion.status == Status.HANDLING and opinion.closed_at is None


@pytest.mark.parametrize("who", ["secretary", "supervisor1", "inspector", "leader"])
def test_only_the_office_reopens(shengtuo, who):
    opinion = answered(shengtuo)
    with pytest.raises(OpinionError):
        reopen_opinion(actor=user(who), opinion=opinion, reason="群众再次反映")
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED


@pytest.mark.parametrize("reason", ["", "   ", "不行"])
def test_a_reason_is_required(shengtuo, reason):
    opinion = answered(shengtuo)
    with pytest.raises(OpinionError):
        reopen_opinion(actor=user("office"), opinion=opinion, reason=reason)
    assert not HistoryEntry.objects.filter(code="opinions.opinion.reopened").exists()


def test_an_open_opinion_is_not_reopened_and_two_reopenings_make_one(shengtuo):
    office = user("office")
    opinion = answered(shengtuo)
    stale = Opinion.objects.get(pk=opinion.pk)
    reopen_opinion(actor=office, opinion=opinion, reason="群众再次反映")
    with pytest.raises(OpinionError):
        reopen_opinion(actor=office, opinion=stale, reason="群众再次反映")
    with pytest.raises(OpinionError):
        reopen_opinion(actor=office, opinion=opinion, reason="群众再次反映")
    codes = HistoryEntry.objects.filter(object_id=str(opinion.pk), code__endswith="reopened")
    assert codes.count() == 1


def test_reopening_reopens_the_units_signed_off_acceptance(accepted):
    unit = accepted.unit
    opinion = answered(unit)
    assert {r.code: r.ok for r in evaluate(unit, accepted.phase)}["opinions_answered"]
    reopen_opinion(actor=user("office"), opinion=opinion, reason="群众反映答复不实")
    accepted.refresh_from_db()
    assert accepted.state == State.DRAFT and accepted.reopened
    assert opinion.receipt_code in accepted.reopen_cause
    assert "群众反映答复不实" in accepted.reopen_cause
    entry = HistoryEntry.objects.filter(code="review.item.reopened", object_id=str(accepted.pk))
    assert entry.get().reason == accepted.reopen_cause
    assert not {r.code: r.ok for r in evaluate(unit, accepted.phase)}["opinions_answered"]


def test_an_opinion_handled_one_level_up_leaves_the_units_acceptance_alone(accepted):
    unit = accepted.unit
    head = unit.head
    assert head is not None
    opinion = answered(unit, named_person=head)
    assert opinion.handler_unit_id or opinion.handler_group_id  # handed up
    reopen_opinion(actor=user("office"), opinion=opinion, reason="群众反映答复不实")
    accepted.refresh_from_db()
    assert accepted.state == State.PASSED


# ---- over HTTP -------------------------------------------------------------------------


def test_the_office_reopens_on_the_detail_page(client_for, shengtuo):
    opinion = answered(shengtuo)
    office = client_for("office")
    page = office.get(opinion.get_absolute_url()).content.decode()
    assert 'id="reopen-form"' in page and "重新办理" in page
    url = reverse("opinions:reopen", args=[opinion.pk])
    refused = office.post(url, {"reason": "差"})
    assert refused.status_code == 422
    assert "请说明重新办理的原因（至少4个字）" in refused.content.decode()
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
    done = office.post(url, {"reason": "来电说路灯仍然不亮"}, follow=True)
    assert "已重新办理" in done.content.decode()
    opinion.refresh_from_db()
    assert opinion.status == Status.HANDLING


@pytest.mark.parametrize("persona", ["secretary", "supervisor1", "leader", "inspector", "head"])
def test_others_see_no_reopen_form_and_cannot_post(client_for, shengtuo, persona):
    opinion = answered(shengtuo)
    client = client_for(persona)
    page = client.get(opinion.get_absolute_url())
    assert page.status_code in (200, 404)
    assert b'id="reopen-form"' not in page.content
    response = client.post(
        reverse("opinions:reopen", args=[opinion.pk]), {"reason": "群众再次反映"}
    )
    assert response.status_code == 404
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
