"""Excel import: a good sheet is imported whole; a sheet with any bad row saves nothing
and lists every bad row; a file that is not a workbook is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign.org.imports import MEMBER_COLUMNS, UNIT_COLUMNS, import_workbook
from campaign.org.models import Member, Unit, UnitKind

pytestmark = pytest.mark.django_db


def workbook(units=(), members=()):
    book = Workbook()
    sheet = book.active
    sheet.title = "单位"
    sheet.append(UNIT_COLUMNS)
    for row in units:
        sheet.append(list(row))
    sheet = book.create_sheet("党员")
    sheet.append(MEMBER_COLUMNS)
    for row in members:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


GOOD_UNITS = [
    ("新垦村", "胜坨镇", "村、社区", 3, "农业农村", "县委第一督导组"),
    ("新垦村第一党小组", "新垦村", "村、社区", "", "", 1),
    ("垦利县新材料有限公司党支部", "垦利县/非公企业和社会组织", "非公企业", "", "", ""),
]
GOOD_MEMBERS = [
    ("孙立新", "新垦村", "男", 1948, "书记", "13805460000", "是", "", "", ""),
    ("周红梅", "胜坨镇/新垦村", "女", 1979, "", "", "否", "", "是", ""),
    ("吴海涛", "垦利县新材料有限公司党支部", "男", "1990", "", "", "", "", "", "√"),
]


def test_good_sheet_imports_units_and_members(persona_user, shengtuo):
    units, members = Unit.objects.count(), Member.objects.count()
    result = import_workbook(workbook(GOOD_UNITS, GOOD_MEMBERS), actor=persona_user("office"))
    assert result.ok, result.errors
    assert (result.units_created, result.members_created) == (3, 3)
    assert Unit.objects.count() == units + 3 and Member.objects.count() == members + 3
    village = Unit.objects.get(name="新垦村")
    assert village.parent == shengtuo and village.kind == UnitKind.VILLAGE
    assert village.group.number == 1 and village.sector.name == "农业农村"
    assert Unit.objects.get(name="新垦村第一党小组").parent == village
    assert Member.objects.get(name="周红梅").is_migrant
    assert Member.objects.get(name="吴海涛").is_frontline
    assert Member.objects.get(name="孙立新").is_retired


def test_bad_rows_save_nothing_and_are_all_listed(persona_user):
    units, members = Unit.objects.count(), Member.objects.count()
    bad_units = [
        *GOOD_UNITS,
        ("", "胜坨镇", "村、社区", 3, "", ""),  # row 5: no name
        ("某村", "不存在的镇", "村、社区", 3, "", ""),  # row 6: unknown parent
        ("另一村", "胜坨镇", "工厂", 3, "", ""),  # row 7: unknown kind
        ("三村", "胜坨镇", "村、社区", 7, "", ""),  # row 8: bad wave
        ("四村", "胜坨镇", "村、社区", 3, "", "第99督导组"),  # row 9: unknown group
    ]
    bad_members = [
        *GOOD_MEMBERS,
        ("", "新垦村", "男", 1960, "", "", "", "", "", ""),  # row 5: no name
        ("钱某", "新垦村", "未知", 1960, "", "", "", "", "", ""),  # row 6: bad gender
        ("赵某", "新垦村", "男", 1800, "", "", "", "", "", ""),  # row 7: bad year
        ("李某", "新垦村", "男", 1960, "", "", "也许", "", "", ""),  # row 8: bad flag
        ("陈某", "垦利县", "男", 1960, "", "", "", "", "", ""),  # row 9: the county heading
    ]
    result = import_workbook(workbook(bad_units, bad_members), actor=persona_user("office"))
    assert not result.ok
    where = {(e.sheet, e.row) for e in result.errors}
    assert {("单位", n) for n in range(5, 10)} <= where
    assert {("党员", n) for n in range(5, 10)} <= where
    assert ("单位", 2) not in where and ("党员", 2) not in where
    assert Unit.objects.count() == units and Member.objects.count() == members


def test_ambiguous_unit_name_asks_for_the_full_path(persona_user, shengtuo, haojia):
    office = persona_user("office")
    for town in (shengtuo, haojia):
        Unit.objects.create(
            name="同名村", kind=UnitKind.VILLAGE, parent=town, path=town.path + "9999", depth=3
        )
    result = import_workbook(
        workbook(members=[("王某", "同名村", "", "", "", "", "", "", "", "")]), actor=office
    )
    assert not result.ok
    assert "/" in result.errors[0].message
    result = import_workbook(
        workbook(members=[("王某", "胜坨镇/同名村", "", "", "", "", "", "", "", "")]), actor=office
    )
    assert result.ok, result.errors


def test_importing_the_same_members_twice_is_refused(persona_user):
    office = persona_user("office")
    assert import_workbook(workbook(GOOD_UNITS, GOOD_MEMBERS), actor=office).ok
    result = import_workbook(workbook(members=GOOD_MEMBERS), actor=office)
    assert not result.ok and len(result.errors) == len(GOOD_MEMBERS)


def test_wrong_file_type_is_refused_in_chinese(client_for):
    count = Unit.objects.count()
    upload = SimpleUploadedFile("名单.csv", "单位名称,上级单位\n".encode())
    response = client_for("office").post(reverse("org:import"), {"file": upload})
    assert response.status_code == 422
    assert "Excel" in response.content.decode() and "请" in response.content.decode()
    assert Unit.objects.count() == count


def test_corrupt_xlsx_is_refused(client_for):
    upload = SimpleUploadedFile("坏文件.xlsx", b"PK\x03\x04 not really a zip")
    response = client_for("office").post(reverse("org:import"), {"file": upload})
    assert response.status_code == 422
    assert "无法" in response.content.decode()


def test_import_page_lists_every_bad_row(client_for):
    rows = [("", "胜坨镇", "村、社区", 3, "", ""), ("某村", "不存在的镇", "村、社区", 3, "", "")]
    response = client_for("office").post(reverse("org:import"), {"file": workbook(rows)})
    assert response.status_code == 422
    body = response.content.decode()
    assert "未导入" in body or "没有导入" in body
    assert "不存在的镇" in body


def test_import_page_reports_success(client_for):
    response = client_for("office").post(
        reverse("org:import"), {"file": workbook(GOOD_UNITS, GOOD_MEMBERS)}, follow=True
    )
    assert response.status_code == 200
    assert Unit.objects.filter(name="新垦村").exists()


def test_template_has_both_sheets_with_headers(client_for):
    response = client_for("office").get(reverse("org:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value.rstrip("*") for c in book["单位"][1]] == UNIT_COLUMNS
    assert [c.value.rstrip("*") for c in book["党员"][1]] == MEMBER_COLUMNS
