"""Browser test of the talks page: the secretary of 胜坨镇 records a complete talk between
the town's head and a deputy and sees the pair done in the matrix and off the missing list."""

import pytest

from campaign.org.models import TeamSeat, Unit
from campaign.phases import clock
from campaign.talks import coverage as cov
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
THINGS = ["班子的问题", "自己的问题", "对方的问题", "相互批评意见", "整改措施"]


def test_secretary_records_a_complete_talk_of_the_head_with_a_deputy(new_page, live_server):
    town = Unit.objects.get(name="胜坨镇")
    head = town.head
    c = cov.coverage(town)
    deputies = [
        s.cadre
        for s in TeamSeat.objects.filter(unit=town, position="deputy").select_related("cadre")
    ]
    deputy = next(d for d in deputies if c.state_of(head, d) == cov.MISSING)
    low, high = sorted([head.pk, deputy.pk])

    page = new_page()
    log_in(page, live_server.url, "secretary")
    page.locator("#talks-link").click()
    page.get_by_role("heading", name="胜坨镇谈心谈话").wait_for()
    cell = page.locator(f'#talk-matrix td[data-pair="{head.pk}-{deputy.pk}"]')
    assert cell.get_attribute("data-state") == "missing"
    assert page.locator(f'#missing-pairs li[data-pair="{low}-{high}"]').count() == 1

    page.get_by_label("谈话人").select_option(str(head.pk))
    page.get_by_label("谈话对象").select_option(str(deputy.pk))
    page.get_by_label("谈话日期").fill(f"{clock.today():%Y-%m-%d}")
    for thing in THINGS:
        page.get_by_label(f"已谈透:{thing}").check()
        page.get_by_label(f"要点:{thing}").fill(f"谈透了{thing}")
    page.get_by_role("button", name="保存谈话记录").click()
    page.get_by_text("谈心谈话已记录。").wait_for()

    cell = page.locator(f'#talk-matrix td[data-pair="{head.pk}-{deputy.pk}"]')
    assert cell.get_attribute("data-state") == "done"
    assert "已谈透" in cell.inner_text()
    assert page.locator(f'#missing-pairs li[data-pair="{low}-{high}"]').count() == 0
    screenshot(page, "secretary-talks")
    assert cov.coverage(town).state_of(head, deputy) == cov.DONE
