"""Browser test of the whole review loop: a secretary submits, the unit head passes it,
the supervision group sends it back with a reason, the secretary revises and resubmits,
the head and the group pass it, the office signs it off. Screenshots of each step."""

import pytest

from campaign.org.models import Unit
from campaign.phases.models import Campaign, Requirement
from campaign.review.models import ReviewItem, State
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page):
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")


def open_from_queue(page, base_url, title):
    page.goto(base_url + "/review/queue/?q=胜坨镇")
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state("networkidle")


def pass_on(page, base_url, user, title, shot):
    log_in(page, base_url, user)
    open_from_queue(page, base_url, title)
    page.locator("#review-actions button.btn-success").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, shot)
    log_out(page)


def test_the_whole_review_loop_in_the_browser(new_page, live_server):
    town = Unit.objects.get(name="胜坨镇")
    assert town.head is not None, "the demo gives 胜坨镇 a unit head account"
    phase = Campaign.objects.get().phases.get(number=2)
    requirement = Requirement.objects.create(
        phase=phase,
        name="浏览器测试对照检查材料",
        item_kind="material",
        kinds=[],
        due_offset_days=60,
    )
    title = "胜坨镇党委班子对照检查材料(浏览器测试)"
    base = live_server.url
    page = new_page()

    # 1. The secretary writes the material on the unit's checklist and sends it for review.
    log_in(page, base, "secretary")
    row = page.locator("#checklist tr", has_text=requirement.name)
    row.get_by_role("link").click()
    page.get_by_label("标题").fill(title)
    page.get_by_label("内容").fill("一、“四风”方面存在的问题\n形式主义:调研走过场。")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="送审").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "loop-1-secretary-submitted")
    item = ReviewItem.objects.get(unit=town, requirement=requirement)
    assert (item.state, item.level) == (State.IN_REVIEW, "head")
    log_out(page)

    # 2. The unit head passes it to the supervision group.
    pass_on(page, base, town.head.username, title, "loop-2-head-passed")

    # 3. The group member sends it back with a reason and a comment.
    log_in(page, base, "supervisor1")
    open_from_queue(page, base, title)
    actions = page.locator("#review-actions")
    actions.get_by_label("缺少具体事例").check()
    actions.get_by_label("需要修改的内容").fill("每个问题请补充1-2个具体事例。")
    actions.get_by_role("button", name="退回").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "loop-3-supervisor-sent-back")
    log_out(page)

    # 4. The secretary sees what to fix, revises (version 2) and resubmits.
    log_in(page, base, "secretary")
    page.goto(base + item.get_absolute_url())
    reasons = page.locator("#send-back-reasons")
    assert "缺少具体事例" in reasons.inner_text() and "具体事例" in reasons.inner_text()
    page.get_by_role("link", name="修改").first.click()
    page.get_by_label("内容").fill(
        "一、“四风”方面存在的问题\n形式主义:调研走过场。事例:2013年到村调研3次均未入户。"
    )
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="重新提交").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "loop-4-secretary-resubmitted")
    log_out(page)

    # 5. Head and group pass it; the office signs it off.
    pass_on(page, base, town.head.username, title, "loop-5-head-passed-again")
    pass_on(page, base, "supervisor1", title, "loop-6-group-passed")
    log_in(page, base, "office")
    open_from_queue(page, base, title)
    page.locator("#review-actions button.btn-success").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "loop-7-office-signed-off")
    item.refresh_from_db()
    assert item.state == State.PASSED and item.version == 2 and item.send_back_count == 1
    assert "已签收" in page.locator("h1 + div").inner_text()
    page.goto(base + f"/review/items/{item.pk}/diff/")
    screenshot(page, "loop-8-versions-compared")
