"""Browser tests: the office reads the progress matrix and drills down, sees a short wave
plan refused; a supervision member works the group's queue and records a visit."""

import datetime

import pytest

from campaign.phases.models import SupervisionActivity, WavePlan
from tests.browser import log_in, open_menu, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_drills_down_the_progress_matrix_and_sees_a_short_plan_refused(
    new_page, live_server
):
    page = new_page()
    log_in(page, live_server.url, "office")
    open_menu(page, "工作进度")
    matrix = page.locator("#progress-matrix")
    matrix.wait_for()
    assert "镇、街道" in matrix.inner_text()
    assert page.locator("#league-overdue li").count() > 0
    screenshot(page, "progress-county")
    matrix.get_by_role("link", name="镇、街道").click()
    page.locator("#progress-matrix").get_by_role("link", name="胜坨镇").wait_for()
    screenshot(page, "progress-towns")

    open_menu(page, "活动设置")
    before = sorted(WavePlan.objects.values_list("phase_id", "wave", "starts_on", "ends_on"))
    dates = page.locator("#wave-plans input[type=date]")  # per phase: waves 1-3, start and end
    for phase in range(3):
        dates.nth(phase * 6 + 4).fill("2014-06-01")  # wave 3 start
        dates.nth(phase * 6 + 5).fill("2014-06-30")  # wave 3 end
    page.get_by_role("button", name="保存梯次安排").click()
    # A wave of less than three months is refused (no longer saved and flagged).
    refusal = page.locator(".alert-danger", has_text="三个月")
    refusal.wait_for()
    assert "第3梯次" in refusal.inner_text()
    after = sorted(WavePlan.objects.values_list("phase_id", "wave", "starts_on", "ends_on"))
    assert after == before
    assert not WavePlan.objects.filter(wave=3, starts_on=datetime.date(2014, 6, 1)).exists()
    assert page.locator("#short-plans").count() == 0
    screenshot(page, "campaign-short-plan-refused")


def test_supervisor_filters_the_queue_and_records_a_visit(new_page, live_server):
    page = new_page()
    log_in(page, live_server.url, "supervisor1")
    page.get_by_role("link", name="督导工作台").click()
    page.locator("#supervision-counts").wait_for()
    waiting = int(page.locator("#supervision-counts .display-6").first.inner_text())
    assert waiting == page.locator("#queue tbody tr").count() > 0
    page.get_by_label("只看逾期").check()
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#queue tbody tr").count() <= waiting
    screenshot(page, "supervision-workspace")

    row = page.locator("#group-phases tr", has_text="胜坨镇")
    row.get_by_role("link", name="记录督导活动").click()
    page.get_by_label("类型").select_option("visit")
    page.get_by_label("日期").fill("2014-05-14")
    page.get_by_label("发现情况").fill("走访宁海村群众12户,反映办事难问题2条。")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("走访宁海村群众12户").wait_for()
    assert SupervisionActivity.objects.filter(findings__startswith="走访宁海村").count() == 1
    screenshot(page, "supervision-activity-recorded")
