"""Browser test of the moderation of box submissions: the office opens the queue from the
opinion list, hides a spam submission with a reason, masks the phone number in a real
one, reads its original, and restores the first; 胜坨镇's secretary then reads the masked
copy only."""

import pytest

from campaign.history.services import history_for
from campaign.opinions import services
from campaign.opinions.models import Category, Channel, Opinion
from campaign.org.models import Unit, User
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13800001234"


def test_the_office_moderates_box_submissions(new_page, live_server):
    base = live_server.url
    office = User.objects.get(username="office")
    spam = services.receive_opinion(
        actor=None,
        channel=Channel.PUBLIC,
        content="代开各类发票、办理各种证件,信誉第一,联系电话13900007788",
        category=Category.OTHER,
    )
    real = services.receive_opinion(
        actor=None,
        channel=Channel.PUBLIC,
        content=f"我是村民,电话{MOBILE}。村里修路的账目一直没有公开,希望镇里督促公布。",
        category=Category.FORMALISM,
    )
    services.route_opinion(actor=office, opinion=real, unit=Unit.objects.get(name="胜坨镇"))

    page = new_page()
    log_in(page, base, "office")
    page.goto(base + "/opinions/")
    page.locator("#moderation-link").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#moderation-tabs .active").inner_text().startswith("待审核")
    row = page.locator(f"#submission-{spam.pk}")
    assert "代开各类发票" in row.inner_text()
    screenshot(page, "opinion-moderation-1-queue")

    row.locator("select[name=kind]").select_option("spam")
    row.locator("input[name=reason]").fill("广告信息,与教育实践活动无关")
    row.get_by_role("button", name="屏蔽").click()
    page.wait_for_load_state("networkidle")
    assert "已屏蔽" in page.locator(".alert-success").inner_text()
    assert page.locator(f"#submission-{spam.pk}").count() == 0  # out of the waiting list

    page.locator(f"#mask-{real.pk}").click()
    page.wait_for_load_state("networkidle")
    proposal = page.locator("#mask-form textarea[name=shown]")
    assert "138＊＊＊＊1234" in proposal.input_value()
    screenshot(page, "opinion-moderation-2-mask-proposal")
    page.locator("#mask-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "已保存脱敏文本" in page.locator(".alert-success").inner_text()

    page.locator("#moderation-tabs").get_by_role("link", name="已脱敏").click()
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#submission-{real.pk}")
    assert "138＊＊＊＊1234" in row.inner_text() and MOBILE not in row.inner_text()
    row.locator(f"#reveal-{real.pk}").click()
    page.wait_for_load_state("networkidle")
    assert MOBILE in page.locator("#opinion-original").inner_text()
    assert "活动办公室查看了原文" in page.locator("#opinion-history").inner_text()
    screenshot(page, "opinion-moderation-3-original-revealed")

    page.goto(base + "/opinions/moderation/?show=hidden")
    row = page.locator(f"#submission-{spam.pk}")
    assert "垃圾信息" in row.inner_text() and "广告信息,与教育实践活动无关" in row.inner_text()
    row.locator("input[name=reason]").fill("再次核实,是反映有人散发小广告")
    row.get_by_role("button", name="恢复").click()
    page.wait_for_load_state("networkidle")
    assert "已恢复显示" in page.locator(".alert-success").inner_text()
    screenshot(page, "opinion-moderation-4-restored")
    spam, real = Opinion.objects.get(pk=spam.pk), Opinion.objects.get(pk=real.pk)
    assert not spam.hidden and spam.content.startswith("代开各类发票")
    assert real.content.count(MOBILE) == 1 and "138＊＊＊＊1234" in real.shown_content
    assert [h.code.split(".")[-1] for h in history_for(spam).reverse()] == [
        "received",
        "hidden",
        "restored",
    ]

    secretary = new_page()
    log_in(secretary, base, "secretary")
    secretary.goto(base + real.get_absolute_url())
    text = secretary.locator("#opinion-content").inner_text()
    assert "138＊＊＊＊1234" in text and MOBILE not in secretary.content()
    assert secretary.locator("#reveal").count() == 0
    screenshot(secretary, "opinion-moderation-5-secretary-reads-the-masked-copy")
    response = secretary.goto(base + "/opinions/moderation/")
    assert response.status == 404
