"""Excel import of opinions: a good sheet is imported whole, each opinion received and,
with a unit, routed; a sheet with any bad row saves nothing and lists every bad row; a
file that is not a workbook is refused."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign.history.models import HistoryEntry
from campaign.history.services import history_for
from campaign.opinions import imports
from campaign.opinions.deadlines import working_days_after
from campaign.opinions.imports import COLUMNS, import_opinions
from campaign.opinions.labels import field_label
from campaign.opinions.models import Opinion
from campaign.phases import clock

pytestmark = pytest.mark.django_db


def workbook(rows, header=None, sheet="意见建议", name="意见建议.xlsx"):
    book = Workbook()
    page = book.active
    page.title = sheet
    page.append(list(header or HEADER))
    for row in rows:
        page.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


HEADER = [field_label(c) for c in COLUMNS]

GOOD = [
    # 渠道, 收到日期, 内容, 类别, 涉及单位, 涉及人员, 联系人, 联系电话, 电子邮箱
    ("座谈会", datetime.date(2014, 5, 6), "导入测试1:镇干部下村靠手机指挥。", "官僚主义",
     "胜坨镇", "", "", "", ""),
    ("box", "2014/5/7", "导入测试2:宁海村的垃圾没人清运。", "环境",
     "胜坨镇/宁海村", "", "刘桂兰", "13805461234", "liu@example.com"),
    ("热线电话", "2014年5月8日", "导入测试3:建议多建公共厕所。", "other",
     "", "", "", "", ""),
]  # fmt: skip


def created(prefix="导入测试"):
    return Opinion.objects.filter(content__startswith=prefix).order_by("content")


def test_good_sheet_receives_every_row_and_routes_those_with_a_unit(persona_user, shengtuo):
    office = persona_user("office")
    result = import_opinions(workbook(GOOD), actor=office)
    assert result.ok, result.errors
    assert (result.created, result.routed) == (3, 2)
    first, second, third = created()
    due = working_days_after(clock.today(), settings.OPINION_ANSWER_WORKING_DAYS)
    assert (first.status, first.unit, first.answer_due) == ("routed", shengtuo, due)
    assert (first.channel, first.category) == ("symposium", "bureaucratism")
    assert first.received_on == datetime.date(2014, 5, 6) and first.routed_at is not None
    assert first.anonymous and not first.contact_phone
    assert second.unit.name == "宁海村" and second.unit.parent == shengtuo
    assert (second.channel, second.category, second.received_on) == (
        "box",
        "environment",
        datetime.date(2014, 5, 7),
    )
    assert not second.anonymous and second.contact_email == "liu@example.com"
    assert (third.status, third.unit, third.channel) == ("received", None, "hotline")
    assert third.received_on == datetime.date(2014, 5, 8) and third.answer_due is None
    assert [e.code for e in history_for(first).order_by("id")] == [
        "opinions.opinion.received",
        "opinions.opinion.routed",
    ]
    assert [e.code for e in history_for(third)] == ["opinions.opinion.received"]
    assert {e.actor for o in (first, second, third) for e in history_for(o)} == {office}


def test_a_row_naming_the_units_head_links_the_account(persona_user, shengtuo):
    head = shengtuo.head
    row = ("面对面", "2014-05-09", "导入测试:镇主要负责人开会多、落实少。", "形式主义", "胜坨镇",
           head.full_name, "", "", "")  # fmt: skip
    assert import_opinions(workbook([row]), actor=persona_user("office")).ok
    opinion = created().get()
    assert (opinion.named_person, opinion.named_person_name) == (head, head.full_name)


def test_a_row_naming_nobody_links_no_account(persona_user, shengtuo):
    from campaign.org.models import Role, User

    User.objects.create_user("no-name", role=Role.CADRE, unit=shengtuo)  # full name empty
    assert import_opinions(workbook(GOOD[:1]), actor=persona_user("office")).ok
    opinion = created().get()
    assert (opinion.named_person, opinion.named_person_name) == (None, "")


BAD = [
    ("座谈", "2014-05-06", "坏行一:渠道写错了,没有这个渠道。", "官僚主义", "", "", "", "", ""),
    ("座谈会", "五月六日", "坏行二:日期写成了汉字。", "官僚主义", "", "", "", "", ""),
    ("座谈会", "2014-05-16", "坏行三:日期在明天之后。", "官僚主义", "", "", "", "", ""),
    ("座谈会", "2014-05-06", "短", "官僚主义", "", "", "", "", ""),
    ("座谈会", "2014-05-06", "坏行五:类别写错了。", "作风", "", "", "", "", ""),
    ("座谈会", "2014-05-06", "坏行六:单位不存在。", "官僚主义", "不存在的镇", "", "", "", ""),
    ("座谈会", "2014-05-06", "坏行七:单位是一个分类。", "官僚主义", "镇、街道", "", "", "", ""),
    ("座谈会", "2014-05-06", "坏行八:邮箱写错了。", "官僚主义", "", "", "李四", "", "not-an-email"),
    ("座谈会", "2014-05-06", "坏行九:只留了名字。", "官僚主义", "", "", "李四", "", ""),
    ("座谈会", "2014-05-06", "坏行十:电话写错了。", "官僚主义", "", "", "李四", "电话多少", ""),
    ("", "", "坏行十一:必填的渠道和日期都空着。", "官僚主义", "", "", "", "", ""),
]
BAD_COLUMNS = {
    3: "渠道", 4: "受理日期", 5: "受理日期", 6: "内容", 7: "分类", 8: "涉及单位",
    9: "涉及单位", 10: "联系邮箱", 11: "联系电话", 12: "联系电话",
}  # fmt: skip


def test_bad_rows_save_nothing_and_are_all_listed(persona_user):
    opinions, entries = Opinion.objects.count(), HistoryEntry.objects.count()
    result = import_opinions(workbook([GOOD[0], *BAD]), actor=persona_user("office"))
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert set(BAD_COLUMNS.items()) <= found
    assert {(13, "渠道"), (13, "受理日期")} <= found
    assert {e.row for e in result.errors} == set(range(3, 14))  # the good row 2 is not listed
    assert {e.sheet for e in result.errors} == {"意见建议"}
    assert all(e.message for e in result.errors)
    assert Opinion.objects.count() == opinions and HistoryEntry.objects.count() == entries


def test_a_missing_required_column_is_reported(persona_user):
    header = [field_label(c) for c in COLUMNS if c != "category"]
    result = import_opinions(workbook([GOOD[0][:3]], header=header), actor=persona_user("office"))
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(1, "分类")]


def test_sheets_with_the_older_column_names_or_english_labels_still_read(persona_user):
    older = [
        "渠道",
        "收到日期",
        "内容",
        "类别",
        "涉及单位",
        "涉及人员",
        "联系人",
        "联系电话",
        "电子邮箱",
    ]
    english = ["Channel", "Received on", "Content", "Category", "Unit concerned"]
    office = persona_user("office")
    result = import_opinions(workbook(GOOD, header=older), actor=office)
    assert result.ok, result.errors
    assert created()[1].contact_email == "liu@example.com"
    rows = [("Hotline", "2014-05-08", "导入测试4:英文表头也能读。", "Education", "")]
    result = import_opinions(workbook(rows, header=english), actor=office)
    assert result.ok, result.errors
    assert (created()[3].channel, created()[3].category) == ("hotline", "education")


def test_a_workbook_without_the_sheet_or_without_rows_is_refused(persona_user):
    office = persona_user("office")
    result = import_opinions(workbook(GOOD, sheet="Sheet1"), actor=office)
    assert not result.ok and result.errors[0].row == 0
    assert not import_opinions(workbook([]), actor=office).ok


def test_a_file_with_too_many_rows_is_refused(persona_user, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    count = Opinion.objects.count()
    result = import_opinions(workbook(GOOD), actor=persona_user("office"))
    assert not result.ok and result.errors[-1].row == 4
    assert Opinion.objects.count() == count


def test_wrong_file_type_is_refused(client_for):
    count = Opinion.objects.count()
    upload = SimpleUploadedFile("意见.csv", "渠道,收到日期\n".encode())
    response = client_for("office").post(reverse("opinions:import"), {"file": upload})
    assert response.status_code == 422
    assert response.context["form"].errors["file"]
    assert Opinion.objects.count() == count


def test_corrupt_xlsx_is_refused(client_for):
    upload = SimpleUploadedFile("坏文件.xlsx", b"PK\x03\x04 not really a zip")
    response = client_for("office").post(reverse("opinions:import"), {"file": upload})
    assert response.status_code == 422
    assert response.context["form"].errors["file"]


def test_import_page_lists_every_bad_row(client_for):
    count = Opinion.objects.count()
    response = client_for("office").post(reverse("opinions:import"), {"file": workbook(BAD[:6])})
    assert response.status_code == 422
    assert len(response.context["result"].errors) == 6
    assert "不存在的镇" in response.content.decode()
    assert Opinion.objects.count() == count


def test_import_page_imports_a_good_file(client_for):
    response = client_for("office").post(
        reverse("opinions:import"), {"file": workbook(GOOD)}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("opinions:import"), 302)]
    assert created().count() == 3


@pytest.mark.parametrize(
    ("persona", "status"), [("secretary", 404), ("supervisor1", 404), ("inspector", 403)]
)
def test_only_the_office_imports(client_for, persona, status):
    count = Opinion.objects.count()
    response = client_for(persona).post(reverse("opinions:import"), {"file": workbook(GOOD)})
    assert response.status_code == status
    assert Opinion.objects.count() == count


def test_template_has_the_headers_lists_and_instructions(client_for, persona_user):
    response = client_for("office").get(reverse("opinions:import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value.rstrip("*") for c in book["意见建议"][1]] == HEADER
    assert HEADER[:4] == ["渠道", "受理日期", "内容", "分类"]
    assert [c.value.endswith("*") for c in book["意见建议"][1]] == [True] * 4 + [False] * 5
    assert len(book["意见建议"].data_validations.dataValidation) == 2
    assert book["填写说明"].max_row >= 5
    upload = SimpleUploadedFile("模板.xlsx", response.content)
    result = import_opinions(upload, actor=persona_user("office"))
    assert not result.ok and len(result.errors) == 1  # the empty template: no rows
