"""Browser test: the office reopens an answered opinion of a unit whose phase 1 was
accepted; the opinion goes back to the unit and the acceptance is reopened with the cause."""

import pytest

from campaign.opinions import services
from campaign.opinions.models import Category, Channel, Status
from campaign.org.models import User
from campaign.review.models import ReviewItem, State
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_reopens_an_answered_opinion_and_the_acceptance_reopens(new_page, live_server):
    base = live_server.url
    office = User.objects.get(username="office")
    acceptance = ReviewItem.objects.filter(kind="acceptance", state=State.PASSED).first()
    unit = acceptance.unit
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.HOTLINE,
        content="村口垃圾堆放半年无人清运,气味很大",
        category=Category.ENVIRONMENT,
    )
    services.route_opinion(actor=office, opinion=opinion, unit=unit)
    services.answer_opinion(actor=office, opinion=opinion, answer="已组织清运,设置了垃圾箱。")

    page = new_page()
    log_in(page, base, "office")
    page.goto(base + opinion.get_absolute_url())
    form = page.locator("#reopen-form")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "请说明重新办理的原因" in page.locator("#reopen-form").inner_text()
    page.locator("#reopen-form textarea[name=reason]").fill("群众来电:垃圾又堆起来了,未见垃圾箱")
    page.locator("#reopen-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "opinion-reopen-1-office-reopened")
    assert page.locator("#opinion-status").inner_text().strip() == "办理中"
    history = page.locator("#opinion-history").inner_text()
    assert "重新办理" in history and "垃圾又堆起来了" in history
    assert page.locator("#reopen-form").count() == 0

    page.goto(base + acceptance.get_absolute_url())
    note = page.locator("#reopened").inner_text()
    screenshot(page, "opinion-reopen-2-acceptance-reopened")
    assert opinion.receipt_code in note and "垃圾又堆起来了" in note
    opinion.refresh_from_db()
    acceptance.refresh_from_db()
    assert opinion.status == Status.HANDLING and acceptance.state == State.DRAFT
