"""Browser test of the individual material: ``cadre`` (a deputy of 县教育局) writes their
material, sees the checks at their places, completes it and sends it for review."""

import pytest

from campaign.examination.models import Material
from campaign.review.models import State
from tests.browser import (
    PHONE,
    axe_violations,
    context_for,
    english_words,
    log_in,
    screenshot,
    sweep_init_script,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _problem(page, i, category, description, what):
    page.locator(f'[name="p-{i}-category"]').select_option(category)
    page.locator(f'[name="p-{i}-description"]').fill(description)
    page.locator(f'[name="p-{i}-e-0-when"]').fill("2014年3月")
    page.locator(f'[name="p-{i}-e-0-what"]').fill(what)
    page.locator(f'[name="p-{i}-e-0-effect"]').fill("群众有意见")


def test_cadre_writes_checks_and_submits_their_material(new_page, live_server):
    page = new_page()
    log_in(page, live_server.url, "cadre")
    card = page.locator("#my-material")
    card.get_by_text("我的对照检查材料").wait_for()
    card.get_by_role("button", name="开始撰写").click()
    page.locator("#material-editor").wait_for()
    page.locator('[name="intro"]').fill("认真学习了党章，召开座谈会征求意见。")

    page.get_by_role("button", name="添加问题").click()
    _problem(page, 0, "formalism", "文山会海，调研走过场", "一次调研只看了准备好的点")
    page.get_by_role("button", name="添加问题").click()
    assert page.locator('[name="p-0-description"]').input_value() == "文山会海，调研走过场"
    _problem(page, 1, "bureaucratism", "门难进、脸难看", "群众来办事被推诿")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存。").wait_for()
    # the checks show at their places, in Chinese
    winds = page.locator("#section-winds .check-unmet")
    assert "享乐主义" in winds.first.inner_text()
    page.locator("#section-causes").get_by_text("理想信念方面不能为空").wait_for()

    page.locator('[name="none-hedonism"]').fill("经认真查摆，本人没有享乐主义方面的问题。")
    page.locator('[name="none-extravagance"]').fill("经认真查摆，本人没有奢靡之风方面的问题。")
    for name, text in (
        ("cause_ideals", "理论学习不深入"),
        ("cause_purpose", "群众观点淡化"),
        ("cause_spirit", "党性锻炼放松"),
        ("cause_discipline", "纪律要求不严"),
    ):
        page.locator(f'[name="{name}"]').fill(text)
    page.get_by_role("button", name="添加措施").click()
    page.locator('[name="m-0-text"]').fill("每月下基层调研不少于五天")
    page.locator('[name="m-0-problems"][value="0"]').check()
    page.locator('[name="m-0-problems"][value="1"]').check()
    screenshot(page, "cadre-material")
    page.get_by_role("button", name="送审").click()
    page.get_by_text("已送审。").wait_for()

    page.goto(live_server.url + "/")
    assert page.locator("#my-material .material-state").inner_text() == "审核中"
    material = Material.objects.get(author__username="cadre")
    assert material.problems.count() == 2
    from campaign.review.services import item_for

    assert item_for(material).state == State.IN_REVIEW


def test_the_editor_is_chinese_accessible_and_fits_a_phone(browser, live_server, demo_county):
    from campaign.examination import services
    from campaign.org.models import User
    from tests.test_examination import complete_data

    cadre = User.objects.get(username="cadre")
    item = services.start_material(actor=cadre)
    data = complete_data()
    data["problems"][0]["examples"] = []  # a check to show at its place
    services.save_material(actor=cadre, material=item.record, data=data)
    context = context_for(browser, live_server.url, "cadre", viewport=PHONE)
    context.add_init_script(sweep_init_script())
    page = context.new_page()
    page.goto(f"{live_server.url}/examination/{item.record_id}/edit/")
    page.locator("#problem-0 .check-unmet").get_by_text("问题1没有具体事例。").wait_for()
    assert page.evaluate("() => window.__csp || []") == []
    assert axe_violations(page) == []
    assert english_words(page) == set()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # the autosave answers with its short status
    page.locator('[name="intro"]').fill("改过的学习情况")
    page.locator('[name="intro"]').dispatch_event("change")
    page.locator("#autosave-status").get_by_text("已自动保存").wait_for()
    item.record.refresh_from_db()
    assert item.record.intro == "改过的学习情况"
    screenshot(page, "cadre-material-phone")
    context.close()
