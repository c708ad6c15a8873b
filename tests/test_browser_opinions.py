"""Browser test: a member of the public sends an opinion on a phone, the office routes
it, the unit's secretary answers and publishes, the public reads the answer with the
receipt code."""

import pytest

from campaign.opinions.models import Opinion, Status
from campaign.org.models import Unit
from tests.browser import PHONE, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_opinion_is_routed_answered_published_and_looked_up(new_page, live_server):
    base = live_server.url
    town = Unit.objects.get(name="胜坨镇")
    phone = new_page(viewport=PHONE)
    phone.goto(base + "/opinions/box/")
    phone.fill("textarea[name=content]", "胜坨镇便民服务中心中午无人值班,群众办事白跑一趟。")
    phone.select_option("select[name=category]", "service")
    phone.fill("input[name=unit_hint]", "胜坨镇便民服务中心")
    phone.locator("#box-form button[type=submit]").click()
    code = phone.locator("#receipt-code").inner_text().strip()
    screenshot(phone, "opinion-1-public-receipt")
    opinion = Opinion.objects.get(receipt_code=code)
    assert opinion.anonymous and opinion.status == Status.RECEIVED

    office = new_page()
    log_in(office, base, "office")
    office.goto(base + f"/opinions/?q={code}")
    office.locator("#opinions tbody a").first.click()
    office.select_option("#route-form select[name=unit]", str(town.pk))
    office.locator("#route-form button[type=submit]").click()
    office.wait_for_load_state("networkidle")
    screenshot(office, "opinion-2-office-routed")
    opinion.refresh_from_db()
    assert opinion.status == Status.ROUTED and opinion.unit == town

    secretary = new_page()
    log_in(secretary, base, "secretary")
    secretary.goto(base + opinion.get_absolute_url())
    secretary.locator("#take-up").click()
    secretary.fill("#answer-form textarea[name=answer]", "已安排中午轮流值班,并公开值班电话。")
    secretary.check("#answer-form input[name=publish]")
    secretary.locator("#answer-form button[type=submit]").click()
    secretary.wait_for_load_state("networkidle")
    screenshot(secretary, "opinion-3-secretary-answered")
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED and opinion.answer_published

    phone.goto(base + "/opinions/lookup/")
    phone.fill("input[name=code]", code)
    phone.locator("form button[type=submit]").first.click()
    result = phone.locator("#lookup-result")
    result.wait_for()
    assert "轮流值班" in result.inner_text()
    screenshot(phone, "opinion-4-public-sees-the-answer")
