"""The review chain through HTTP, per persona."""

import pytest
from django.test import Client
from django.urls import reverse

from campaign.review import services
from campaign.review.models import Level, ReviewItem, State
from tests.review_fixtures import create_item, revise_item

pytestmark = pytest.mark.django_db


def client(user):
    c = Client()
    c.force_login(user)
    return c


def test_secretary_writes_a_draft_and_sends_it(scene):
    c = client(scene["secretary"])
    url = reverse("documents:start", args=[scene["unit"].pk, scene["requirement"].pk])
    assert c.get(url).status_code == 200
    response = c.post(url, {"title": "测试村对照检查材料", "body": "问题一……"})
    item = ReviewItem.objects.get(unit=scene["unit"])
    assert response["Location"] == item.get_absolute_url()
    c.post(reverse("review:item_submit", args=[item.pk]))
    item.refresh_from_db()
    assert (item.state, item.level) == (State.IN_REVIEW, Level.HEAD)


def test_empty_draft_is_refused_at_the_field(scene):
    c = client(scene["secretary"])
    url = reverse("documents:start", args=[scene["unit"].pk, scene["requirement"].pk])
    response = c.post(url, {"title": "", "body": ""})
    assert response.status_code == 200 and "必填" in response.content.decode()
    assert not ReviewItem.objects.filter(unit=scene["unit"]).exists()


@pytest.fixture
def waiting_at_group(scene):
    item = create_item(
        actor=scene["secretary"],
        unit=scene["unit"],
        title="材料",
        body="内容",
        requirement=scene["requirement"],
    )
    services.submit_item(actor=scene["secretary"], item=item)
    services.pass_item(actor=scene["head"], item=item)
    return item


def test_supervisor_sends_back_with_reasons_the_secretary_sees(scene, waiting_at_group):
    item = waiting_at_group
    response = client(scene["supervisor"]).post(
        reverse("review:item_send_back", args=[item.pk]),
        {"back-reasons": ["no_examples"], "back-comment": "请补充具体事例", "seen_level": "group"},
    )
    assert response.status_code == 302
    page = client(scene["secretary"]).get(item.get_absolute_url()).content.decode()
    assert "请补充具体事例" in page and "缺少具体事例" in page


def test_send_back_without_a_reason_is_refused_at_the_field(scene, waiting_at_group):
    response = client(scene["supervisor"]).post(
        reverse("review:item_send_back", args=[waiting_at_group.pk]), {"back-comment": "x"}
    )
    assert response.status_code == 422
    assert "至少" in response.content.decode()
    waiting_at_group.refresh_from_db()
    assert waiting_at_group.state == State.IN_REVIEW


def test_other_group_cannot_see_or_review_the_item(scene, waiting_at_group):
    c = client(scene["other_supervisor"])
    assert c.get(waiting_at_group.get_absolute_url()).status_code == 404
    assert c.post(reverse("review:item_pass", args=[waiting_at_group.pk])).status_code == 404
    waiting_at_group.refresh_from_db()
    assert waiting_at_group.level == Level.GROUP


def test_a_reviewer_who_comes_second_is_told(scene, waiting_at_group):
    c = client(scene["supervisor"])
    url = reverse("review:item_pass", args=[waiting_at_group.pk])
    c.post(url, {"seen_level": "group"})
    response = c.post(url, {"seen_level": "group"}, follow=True)  # the same page, sent again
    assert "已被他人处理" in response.content.decode() or "刚刚" in response.content.decode()
    waiting_at_group.refresh_from_db()
    assert waiting_at_group.level == Level.OFFICE


def test_queue_shows_what_waits_for_the_group(scene, waiting_at_group):
    response = client(scene["supervisor"]).get(reverse("overview:queue"))
    assert waiting_at_group in list(response.context["page"])
    response = client(scene["head"]).get(reverse("overview:queue"))
    assert waiting_at_group not in list(response.context["page"])


def test_diff_marks_the_added_words_for_people(scene):
    item = create_item(
        actor=scene["secretary"],
        unit=scene["unit"],
        title="材料",
        body="原有问题甲",
        requirement=scene["requirement"],
    )
    body = "原有问题甲\n补充事例乙"
    revise_item(actor=scene["secretary"], item=item, title="材料", body=body)
    page = (
        client(scene["supervisor"])
        .get(reverse("review:item_diff", args=[item.pk]))
        .content.decode()
    )
    assert "原有问题甲" in page  # the unchanged words, once
    shown = page.split('id="diff"')[1]
    assert '<ins class="diff-ins">' in shown and "补充事例乙" in shown.split('class="diff-ins">')[1]
    assert "+" not in page.split('id="diff"')[1].split("</div>")[0]  # no difflib markers


def test_acceptance_checks_through_http(scene):
    phase = scene["requirement"].phase
    c = client(scene["secretary"])
    c.post(
        reverse("acceptance:start", args=[scene["unit"].pk, phase.pk]),
        {"title": "环节验收申请", "body": "工作总结"},
    )
    item = ReviewItem.objects.get(unit=scene["unit"], kind="acceptance")
    c.post(reverse("review:item_submit", args=[item.pk]))
    data = {
        "check-focused": "yes",
        "check-deep": "yes",
        "check-measures": "no",
        "check-measures_note": "",
        "check-satisfied": "yes",
    }
    response = client(scene["supervisor"]).post(reverse("review:item_check", args=[item.pk]), data)
    assert response.status_code == 422  # a "no" needs a note
    data["check-measures_note"] = "整改措施未落实"
    client(scene["supervisor"]).post(reverse("review:item_check", args=[item.pk]), data)
    item.refresh_from_db()
    assert item.state == State.SENT_BACK and "整改措施未落实" in item.last_comment


@pytest.mark.parametrize("username", ["office", "supervisor1"])
def test_queue_query_count_is_fixed(username, campaign, django_assert_max_num_queries):
    from campaign.org.models import User

    c = client(User.objects.get(username=username))
    c.get(reverse("overview:queue"))
    with django_assert_max_num_queries(12):
        assert c.get(reverse("overview:queue"), {"overdue": "on", "waiting": 3}).status_code == 200
