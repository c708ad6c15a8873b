"""Browser tests of likely duplicates: the office types a near-copy of an opinion already
taken in and sees it suggested under the field, in Chinese, before saving; 胜坨镇's
secretary, handling an opinion, sees its near-copy on its page."""

import pytest
from playwright.sync_api import expect

from campaign.opinions import services
from campaign.opinions.models import Category, Channel, Opinion
from campaign.org.models import Unit, User
from tests.browser import axe_violations, log_in, screenshot, sweep_init_script

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORIGINAL = "胜坨镇便民服务中心中午没人值班，群众赶几十里路来办事，只能在门口干等两个小时。"
COPY = "您好，胜坨镇便民服务中心中午没有人值班!群众赶几十里路来办事 只能在门口干等两个小时"


def routed(text, town, channel=Channel.HOTLINE):
    office = User.objects.get(username="office")
    opinion = services.receive_opinion(
        actor=office, channel=channel, content=text, category=Category.SERVICE
    )
    return services.route_opinion(actor=office, opinion=opinion, unit=town)


def test_the_office_typing_a_near_copy_sees_it_suggested(new_page, live_server):
    base = live_server.url
    town = Unit.objects.get(name="胜坨镇")
    original = routed(ORIGINAL, town)

    page = new_page()
    page.add_init_script(sweep_init_script())  # CSP violations in window.__csp; axe
    log_in(page, base, "office")
    page.goto(base + "/opinions/new/")
    page.select_option("select[name=unit]", str(town.pk))
    box = page.locator("#similar-box")
    page.locator("textarea[name=content]").press_sequentially(COPY, delay=15)
    expect(box).to_contain_text("可能重复的意见")
    expect(box).to_contain_text(original.receipt_code)
    assert "胜坨镇" in box.inner_text() and "中午没人值班" in box.inner_text()
    link = box.get_by_role("link", name=original.receipt_code)
    assert link.get_attribute("href") == original.get_absolute_url()
    screenshot(page, "opinion-similar-1-office-typing")
    assert axe_violations(page) == []

    page.locator("textarea[name=content]").fill("村里幼儿园冬天没有暖气，孩子们冻得直哆嗦。")
    expect(box).to_contain_text("未发现可能重复的意见")
    page.locator("textarea[name=content]").fill(COPY)
    expect(box).to_contain_text(original.receipt_code)
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    assert "已保存。发现可能重复的意见" in page.locator("main").inner_text()
    saved = Opinion.objects.get(content=COPY)
    assert page.url.endswith(saved.get_absolute_url())
    expect(page.locator("#similar")).to_contain_text(original.receipt_code)
    expect(page.locator(f"#dup-{original.pk}")).to_be_visible()  # the office may merge it
    screenshot(page, "opinion-similar-2-office-saved")
    assert page.evaluate("window.__csp") == []


def test_a_secretary_handling_an_opinion_sees_its_near_copy(new_page, live_server):
    base = live_server.url
    town = Unit.objects.get(name="胜坨镇")
    original = routed(ORIGINAL, town)
    copy = routed(COPY, town, channel=Channel.BOX)

    page = new_page()
    page.add_init_script(sweep_init_script())
    log_in(page, base, "secretary")
    page.goto(base + copy.get_absolute_url())
    found = page.locator("#similar")
    expect(found).to_contain_text("可能重复的意见")
    expect(found).to_contain_text(original.receipt_code)
    assert found.locator("input[type=checkbox]").count() == 0  # merging is the office's
    screenshot(page, "opinion-similar-3-secretary-detail")
    assert axe_violations(page) == []
    with page.expect_popup() as opened:  # in a new tab: the page being handled stays
        found.get_by_role("link", name=original.receipt_code).click()
    other = opened.value
    other.wait_for_load_state("networkidle")
    assert other.locator("#opinion-content").inner_text() == ORIGINAL
    assert page.evaluate("window.__csp") == []
