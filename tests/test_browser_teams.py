"""Browser test of the leadership team page: the secretary of 胜坨镇 keeps the town's team."""

import pytest

from campaign.org.models import TeamSeat, Unit
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_adds_a_deputy_with_villages_and_moves_them_up(new_page, live_server):
    town = Unit.objects.get(name="胜坨镇")
    villages = list(town.children.filter(kind="village").order_by("path")[:2])
    page = new_page()
    log_in(page, live_server.url, "secretary")
    page.get_by_role("link", name="领导班子", exact=True).click()
    page.get_by_role("heading", name="胜坨镇领导班子").wait_for()
    rows_before = page.locator("#team-seats tbody tr").count()

    page.get_by_label("或新增干部：姓名").fill("浏览器副镇长")
    page.get_by_label("班子职位").select_option("deputy")
    page.get_by_label("职务").fill("副镇长")
    page.get_by_label("分管单位").select_option([str(v.pk) for v in villages])
    page.get_by_role("button", name="添加到班子").click()
    page.get_by_text("已将 浏览器副镇长 添加到班子").wait_for()
    rows = page.locator("#team-seats tbody tr")
    assert rows.count() == rows_before + 1
    last = rows.nth(rows_before)
    assert "浏览器副镇长" in last.inner_text()
    for village in villages:
        assert village.name in last.inner_text()

    page.get_by_role("button", name="上移 浏览器副镇长").click()
    page.locator("#team-seats tbody tr").nth(rows_before - 1).filter(
        has_text="浏览器副镇长"
    ).wait_for()
    screenshot(page, "secretary-team")
    seat = TeamSeat.objects.get(unit=town, cadre__full_name="浏览器副镇长")
    assert seat.order == rows_before
    assert set(seat.oversees.all()) == set(villages)
