"""Browser test of a phase acceptance whose rules are not all met: the unit's secretary
requests and sends it; a member of its supervision group sees the unmet rules and the
evidence and cannot accept it; the campaign office signs it off by exception with a
written reason (shown in red). Revising one of the unit's signed-off phase-1 items then
reopens the acceptance, and the progress matrix shows it. Screenshots of each step."""

import pytest
from django.urls import reverse

from campaign.org.models import Role, Unit, User
from campaign.phases import rules
from campaign.phases.models import Campaign, Requirement
from campaign.review.models import Level, ReviewItem, State
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page):
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")


def pick_scene(phase):
    """A unit just below one of the county's top rows, with a secretary and a group member,
    no phase-1 acceptance yet, every phase-1 requirement signed off (so its checklist
    offers the request) and yet a campaign rule unmet; and its signed-off written report."""
    asked = ReviewItem.objects.filter(kind="acceptance", phase=phase).values("unit_id")
    requirements = list(Requirement.objects.filter(phase=phase))
    candidates = Unit.objects.filter(
        parent__parent__isnull=False, parent__parent__parent__isnull=True, group__isnull=False
    ).exclude(pk__in=asked)
    for unit in candidates.order_by("path"):
        if not unit.is_organisation:
            continue
        secretary = User.objects.filter(unit=unit, role=Role.SECRETARY, is_active=True).first()
        supervisor = User.objects.filter(
            role=Role.SUPERVISOR, group_id=unit.group_id, is_active=True
        ).first()
        applicable = [r for r in requirements if r.applies_to(unit.kind)]
        items = list(ReviewItem.objects.filter(unit=unit, requirement__in=applicable))
        report = next((i for i in items if i.kind == "report"), None)
        if (
            secretary
            and supervisor
            and report
            and len(items) == len(applicable)
            and all(i.state == State.PASSED for i in items)
            and rules.unmet(unit, phase)
        ):
            return unit, secretary, supervisor, report
    pytest.fail("the demo county has no unit fit for this scene")


@pytest.mark.full_demo  # its scene is a unit of the full county (see pick_scene)
def test_acceptance_with_unmet_rules_is_signed_off_by_exception_then_reopened(
    new_page, live_server
):
    base = live_server.url
    phase = Campaign.objects.get().phases.get(number=1)
    unit, secretary, supervisor, report = pick_scene(phase)
    unmet = rules.unmet(unit, phase)
    page = new_page()

    # 1. The secretary requests the phase-1 acceptance from the unit's checklist and sends it.
    log_in(page, base, secretary.username)
    page.goto(base + reverse("overview:unit", args=[unit.pk]))
    block = page.locator("#checklist .card-body", has_text=phase.name).first
    block.get_by_role("link", name="申请本环节验收").click()
    page.get_by_label("单位报告情况").fill("本单位第一环节各项规定动作均已完成并签收。")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="送审").click()
    page.wait_for_load_state("networkidle")
    item = ReviewItem.objects.get(unit=unit, phase=phase, kind="acceptance")
    assert (item.state, item.level) == (State.IN_REVIEW, Level.GROUP)
    screenshot(page, "acceptance-1-secretary-sent")
    log_out(page)

    # 2. A member of the unit's group sees the unmet rules and the evidence; all four
    #    checks answered yes, the acceptance is still refused, with the rules listed.
    log_in(page, base, supervisor.username)
    page.goto(base + item.get_absolute_url())
    shown = page.locator("#unmet")
    assert "尚未达标" in shown.inner_text()
    for reason in unmet:
        assert reason in shown.inner_text()
    evidence = page.locator("#acceptance-evidence")
    assert "已签收" in evidence.inner_text()  # the signed-off requirements, linked
    assert evidence.locator(".rule-unmet").count() == len(unmet)
    assert evidence.locator(".rule-met").count() > 0
    assert evidence.locator(".evidence a").count() > 0
    checks = page.locator("#review-checks")
    for key in ("focused", "deep", "measures", "satisfied"):
        checks.locator(f"input[name='check-{key}'][value=yes]").check()
    screenshot(page, "acceptance-2-group-sees-unmet-rules")
    checks.get_by_role("button", name="记录核查结果").click()
    page.wait_for_load_state("networkidle")
    refusal = page.locator(".alert-danger[role=alert]", has_text="暂不能通过")
    refusal.wait_for()
    for reason in unmet:
        assert reason in refusal.inner_text()
    item.refresh_from_db()
    assert (item.state, item.level) == (State.IN_REVIEW, Level.GROUP)
    screenshot(page, "acceptance-3-group-cannot-accept")
    log_out(page)

    # 3. The office signs it off by exception with a written reason, shown in red.
    reason = "该单位群众意见已当面答复,书面答复正在补录,经活动办研究同意特批验收。"
    log_in(page, base, "office")
    page.goto(base + item.get_absolute_url())
    form = page.locator("#sign-by-exception")
    form.get_by_label("未达标仍予签收的理由").fill(reason)
    form.get_by_role("button", name="特批签收").click()
    page.wait_for_load_state("networkidle")
    exception = page.locator("#exception")
    exception.wait_for()
    assert reason in exception.inner_text()
    assert "alert-danger" in exception.get_attribute("class")
    red, green, blue = (
        int(c)
        for c in exception.evaluate("e => getComputedStyle(e).color")
        .removeprefix("rgb(")
        .rstrip(")")
        .split(",")[:3]
    )
    assert red > green + 40 and red > blue + 40, "the reason is written in red"
    item.refresh_from_db()
    assert item.state == State.PASSED and item.exception_reason == reason
    screenshot(page, "acceptance-4-office-signed-off-by-exception")
    log_out(page)

    # 4. The secretary revises the signed-off report: the acceptance is reopened.
    log_in(page, base, secretary.username)
    page.goto(base + report.get_absolute_url())
    page.get_by_role("link", name="修改").first.click()
    page.wait_for_url(f"**{reverse('documents:edit', args=[report.record_id])}")
    page.get_by_label("内容").fill("征求意见建议情况报告(修订):补充群众意见答复情况。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == State.DRAFT and report.reopened
    item.refresh_from_db()
    assert item.state == State.DRAFT and item.reopened
    page.goto(base + item.get_absolute_url())
    reopened = page.locator("#reopened")
    assert "重新" in reopened.inner_text() and report.title in reopened.inner_text()
    screenshot(page, "acceptance-5-reopened-by-a-revision")
    log_out(page)

    # 5. The office's progress matrix flags the reopened acceptance on the unit's parent row.
    log_in(page, base, "office")
    page.goto(base + reverse("overview:progress"))
    row = page.locator(
        "#progress-matrix tbody tr", has=page.get_by_role("link", name=unit.parent.name, exact=True)
    )
    badge = row.locator(".reopened")
    badge.wait_for()
    expected = (
        ReviewItem.objects.filter(
            kind="acceptance", phase=phase, reopened=True, unit__path__startswith=unit.parent.path
        )
        .exclude(state=State.PASSED)
        .count()
    )
    assert str(expected) in badge.first.inner_text()
    screenshot(page, "acceptance-6-progress-shows-reopened")
