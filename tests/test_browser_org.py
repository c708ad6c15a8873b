"""Browser tests: each demo role logs in and sees its home page in Chinese; the office
keeps the organisation; a secretary keeps the roster on a phone-sized screen."""

import io

import pytest
from openpyxl import Workbook

from campaign.org.imports import UNIT_COLUMNS
from tests.browser import PHONE, log_in, open_menu, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_HEADINGS = {
    "office": "全县概况",
    "secretary": "胜坨镇",
    "supervisor1": "县委第一督导组",
    "leader": "我的联系点",
    "inspector": "全县概况",
    "cadre": "县教育局",
}


def test_each_demo_role_logs_in_and_sees_its_home_page_in_chinese(new_page, live_server):
    for username, heading in HOME_HEADINGS.items():
        page = new_page()
        page.goto(live_server.url + "/")
        assert "/login/" in page.url
        assert page.get_by_role("heading", name="登录").is_visible()
        log_in(page, live_server.url, username)
        assert page.url.rstrip("/") == live_server.url
        assert page.locator("h1").first.inner_text().strip().startswith(heading), username
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        assert page.get_by_role("button", name="退出登录").count() == 1
        screenshot(page, f"home-{username}")
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_url("**/login/")


def test_office_draws_the_tree_adds_a_unit_and_sees_a_bad_import_refused(
    new_page, live_server, tmp_path
):
    page = new_page()
    log_in(page, live_server.url, "office")
    open_menu(page, "单位树")
    page.locator("li", has_text="垦利县").first.get_by_role("button", name="展开").first.click()
    page.get_by_role("link", name="镇、街道").wait_for()
    screenshot(page, "office-tree")

    page.goto(live_server.url + "/org/units/?q=胜坨镇")
    page.get_by_role("link", name="胜坨镇", exact=True).click()
    page.get_by_role("link", name="新建下级单位").click()
    page.get_by_label("名称").fill("浏览器测试村")
    page.get_by_label("类型").select_option("village")
    page.get_by_label("梯次").select_option("3")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已创建").wait_for()
    assert page.locator("h1").inner_text() == "浏览器测试村"
    screenshot(page, "office-unit-created")

    book = Workbook()
    book.active.title = "单位"
    book.active.append(UNIT_COLUMNS)
    book.active.append(["某村", "不存在的镇", "村、社区", 3, "", ""])
    path = tmp_path / "导入.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    open_menu(page, "导入")
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="检查并导入").click()
    errors = page.locator("#import-errors")
    errors.wait_for()
    assert "未导入" in errors.inner_text() and "不存在的镇" in errors.inner_text()
    screenshot(page, "office-import-refused")


def test_secretary_adds_a_member_on_a_phone(new_page, live_server):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "secretary")
    page.get_by_role("link", name="添加党员").click()
    page.get_by_label("姓名").fill("手机录入党员")
    page.get_by_label("流动党员").check()
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("已添加").wait_for()
    row = page.locator("#members tr", has_text="手机录入党员")
    assert "流动党员" in row.inner_text()
    screenshot(page, "secretary-phone-member-added")
