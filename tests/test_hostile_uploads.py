"""Hostile Excel uploads: each is refused with a message naming the limit, or read
correctly, within 2 s (timed untraced) and 100 MB (tracemalloc's peak, in a second run),
through the reader and through both import pages, where the page shows the message and
nothing is saved.

Every file is built here from raw XML strings, as an attacker would write it.
"""

import contextlib
import functools
import io
import random
import struct
import time
import tracemalloc
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl.utils.cell import get_column_letter

from campaign.core import xlsx
from campaign.opinions.imports import COLUMNS as OPINION_COLUMNS
from campaign.opinions.models import Opinion
from campaign.org.imports import UNIT_COLUMNS, ImportFileError, read_workbook
from campaign.org.models import Member, TeamSeat, Unit
from campaign.org.team_imports import TEAM_COLUMNS

from .test_settings import run_django

MB = 1024 * 1024
MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# Building packages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One import page and the shape of a sheet it reads."""

    url: str
    sheet: str
    header: tuple
    asks_for_cell_chars: int  # what the import passes to read_workbook(cell_chars=...)

    @property
    def cell_chars(self):
        """The most characters a cell may hold in this import, by default."""
        return max(2000, self.asks_for_cell_chars)

    def bad_row(self, n):
        """A row the import reads and reports (so a file of them saves nothing)."""
        if self.sheet == "单位":
            return [f"测试村{n}", "不存在的镇", "村、社区"]
        if self.sheet == "领导班子":
            return ["不存在的局", f"某干部{n}", "副局长", "副职"]
        return ["座谈", "2014-05-06", f"坏行{n}:渠道写错了。", "官僚主义"]


ORG = Target("org:import", "单位", tuple(UNIT_COLUMNS), 0)
OPINIONS = Target("opinions:import", "意见建议", tuple(OPINION_COLUMNS), 3000)
TEAMS = Target("org:team_import", "领导班子", tuple(TEAM_COLUMNS), 0)


def content_types(main=MAIN, extra=""):
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        f"{extra}</Types>"
    )


ROOT_RELS = (
    f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def workbook_xml(sheet):
    return (
        f'{DECLARATION}<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
        f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


WORKBOOK_RELS = (
    f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def cell(column, row, value):
    text = xml_escape(str(value))
    return f'<c r="{get_column_letter(column)}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows, start=1):
    """<row> elements of inline strings; ``rows`` are lists of values (None: no cell)."""
    return "".join(
        f'<row r="{n}">'
        + "".join(cell(i, n, v) for i, v in enumerate(row, start=1) if v is not None)
        + "</row>"
        for n, row in enumerate(rows, start=start)
    )


def sheet_xml(body, dimension=None, doctype=""):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'{DECLARATION}{doctype}<worksheet xmlns="{NS}">{dim}<sheetData>{body}</sheetData>'
        "</worksheet>"
    )


def package(sheet, target=ORG, *, strings=None, parts=None, main=MAIN, types_extra=""):
    """A zip holding a one-sheet workbook; ``parts`` adds or replaces parts."""
    files = {
        "[Content_Types].xml": content_types(main, types_extra),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(target.sheet),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    if strings is not None:
        files["xl/sharedStrings.xml"] = strings
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def header_and(rows, target, **kwargs):
    """A sheet with the import's header row and then ``rows``."""
    return sheet_xml(rows_xml([list(target.header), *rows]), **kwargs)


def strings_xml(texts):
    items = "".join(f"<si><t>{xml_escape(t)}</t></si>" for t in texts)
    return f'{DECLARATION}<sst xmlns="{NS}">{items}</sst>'


def uses_shared_string(target):
    """A sheet whose header is followed by a row whose first cell is shared string 0."""
    return sheet_xml(
        rows_xml([list(target.header)]) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    )


def streamed_strings_bomb(size):
    """A package whose sharedStrings.xml unpacks to about ``size`` bytes of one repeated
    string (it packs a thousand times smaller), and a sheet that uses it."""

    def build(target):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in {
                "[Content_Types].xml": content_types(),
                "_rels/.rels": ROOT_RELS,
                "xl/workbook.xml": workbook_xml(target.sheet),
                "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
                "xl/worksheets/sheet1.xml": uses_shared_string(target),
            }.items():
                archive.writestr(name, content)
            with archive.open("xl/sharedStrings.xml", "w") as part:
                part.write(f'{DECLARATION}<sst xmlns="{NS}">'.encode())
                chunk = ("<si><t>" + "炸" * 100 + "</t></si>").encode() * 1000
                for _ in range(size // len(chunk)):
                    part.write(chunk)
                part.write(b"</sst>")
        return buffer.getvalue()

    return build


def lying_about_its_size(target):
    """The strings bomb again, but the zip's directory says the part unpacks to 1 kB."""
    data = bytearray(streamed_strings_bomb(20 * MB)(target))
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while True:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        extra, comment = struct.unpack_from("<HH", data, entry + 30)
        if data[entry + 46 : entry + 46 + name_length] == b"xl/sharedStrings.xml":
            struct.pack_into("<I", data, entry + 24, 1000)  # uncompressed size
            return bytes(data)
        entry += 46 + name_length + extra + comment


XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def xxe_in_sheet(target):
    body = (
        rows_xml([list(target.header)])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    )
    return package(sheet_xml(body, doctype=XXE), target)


def xxe_in_strings(target):
    strings = (
        f'{DECLARATION}<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{NS}"><si><t>&xxe;</t></si></sst>'
    )
    return package(uses_shared_string(target), target, strings=strings)


def xxe_in_content_types(target):
    types = content_types().replace(DECLARATION, DECLARATION + XXE.replace("worksheet", "Types"))
    return package(header_and([], target), target, parts={"[Content_Types].xml": types})


def laughs_in_strings(target):
    strings = f'{DECLARATION}{LAUGHS}<sst xmlns="{NS}"><si><t>&lol9;</t></si></sst>'
    return package(uses_shared_string(target), target, strings=strings)


def laughs_in_sheet(target):
    body = (
        rows_xml([list(target.header)])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    )
    return package(sheet_xml(body, doctype=LAUGHS), target)


def macro_content_type(target):
    return package(header_and([target.bad_row(1)], target), target, main=MACRO_MAIN)


def vba_project(target):
    types = '<Default Extension="bin" ContentType="application/octet-stream"/>'
    parts = {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(500)}
    return package(header_and([], target), target, parts=parts, types_extra=types)


def renamed_text(target):
    return ",".join(target.header).encode() + "\n测试,胜坨镇\n".encode()


def old_xls(target):
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def zip_of_something_else(target):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def broken_zip(target):
    return b"PK\x03\x04 not really a zip" + bytes(100)


def too_large(target):
    noise = random.Random(1).randbytes(5 * MB + 1000)  # does not compress
    return package(header_and([], target), target, parts={"xl/media/image1.png": noise})


def unpacks_too_large(target):
    """Two MB of digits (packs about 2:1) against IMPORT_MAX_UNCOMPRESSED_MB=1."""
    digits = "".join(random.Random(2).choices("0123456789", k=2 * MB))
    return package(header_and([], target), target, parts={"xl/media/notes.xml": digits})


def too_many_parts(target):
    parts = {f"xl/media/image{i}.png": b"x" for i in range(1001)}
    return package(header_and([], target), target, parts=parts)


def too_many_rows_dense(target):
    """50,000 rows after the header, each with a value in column T (outside the import's
    columns, so the import skips them cheaply and the reader has to count them)."""
    body = "".join(f'<row r="{n}"><c r="T{n}"><v>{n}</v></c></row>' for n in range(2, 50002))
    return package(sheet_xml(rows_xml([list(target.header)]) + body), target)


def too_many_rows_sparse(target):
    body = rows_xml([list(target.header)]) + rows_xml([target.bad_row(1)], start=50001)
    return package(sheet_xml(body), target)


def too_many_columns(target):
    row = target.bad_row(1)
    row = [*row, *([None] * (50 - len(row))), "第51列"]
    return package(header_and([row], target), target)


def too_many_empty_cells(target):
    body = rows_xml([list(target.header)]) + '<row r="2">' + "<c/>" * 20000 + "</row>"
    return package(sheet_xml(body), target)


def overlong_cell(target):
    row = target.bad_row(1)
    row[2 if target is ORG else 3] = "长" * (target.cell_chars + 1)
    return package(header_and([row], target), target)


def overlong_shared_string(target):
    strings = strings_xml(["长" * (target.cell_chars + 1)])
    return package(uses_shared_string(target), target, strings=strings)


def deep_nesting(target):
    body = rows_xml([list(target.header)]) + "<x>" * 5000 + "</x>" * 5000
    return package(sheet_xml(body), target)


def out_of_order_rows(target):
    body = rows_xml([list(target.header)]) + rows_xml([target.bad_row(1)], start=1)
    return package(sheet_xml(body), target)


def claims_twenty_million_cells(target):
    rows = [target.bad_row(n) for n in range(1, 4)]
    return package(header_and(rows, target, dimension="A1:T1000000"), target)


def understates_its_dimension(target):
    rows = [target.bad_row(n) for n in range(1, 31)]
    return package(header_and(rows, target, dimension="A1:A1"), target)


@dataclass(frozen=True)
class Refused:
    build: object
    message: str  # part of the English message
    settings: dict = field(default_factory=dict)


REFUSED = {
    "xxe_entity_in_sheet": Refused(xxe_in_sheet, "not allowed"),
    "xxe_entity_in_shared_strings": Refused(xxe_in_strings, "not allowed"),
    "xxe_entity_in_content_types": Refused(xxe_in_content_types, "not allowed"),
    "billion_laughs_in_shared_strings": Refused(laughs_in_strings, "not allowed"),
    "billion_laughs_in_sheet": Refused(laughs_in_sheet, "not allowed"),
    "shared_strings_bomb": Refused(streamed_strings_bomb(60 * MB), "more than 100 times"),
    "shared_strings_bomb_lying_about_its_size": Refused(lying_about_its_size, "could not be read"),
    "macro_content_type_named_xlsx": Refused(macro_content_type, "macros"),
    "vba_project_named_xlsx": Refused(vba_project, "macros"),
    "renamed_text_file": Refused(renamed_text, "Please upload an Excel file"),
    "old_xls": Refused(old_xls, "old Excel file (.xls)"),
    "zip_that_is_not_a_workbook": Refused(zip_of_something_else, "Please upload an Excel file"),
    "broken_zip": Refused(broken_zip, "could not be read"),
    "too_large_file": Refused(too_large, "larger than 5 MB"),
    "unpacks_too_large": Refused(
        unpacks_too_large, "larger than 1 MB", {"IMPORT_MAX_UNCOMPRESSED_MB": 1}
    ),
    "too_many_parts": Refused(too_many_parts, "more than 1000 parts"),
    "too_many_rows": Refused(too_many_rows_dense, "more than 50000 rows"),
    "too_many_rows_far_down": Refused(too_many_rows_sparse, "more than 50000 rows"),
    "too_many_rows_under_a_lower_setting": Refused(
        too_many_rows_dense, "more than 10 rows", {"IMPORT_MAX_ROWS": 10}
    ),
    "too_many_columns": Refused(too_many_columns, "beyond its first 50 columns"),
    "too_many_empty_cells_in_a_row": Refused(too_many_empty_cells, "beyond its first 50 columns"),
    "overlong_cell": Refused(overlong_cell, "more than %(chars)s characters"),
    "overlong_shared_string": Refused(overlong_shared_string, "more than %(chars)s characters"),
    "deep_nesting": Refused(deep_nesting, "could not be read"),
    "rows_out_of_order": Refused(out_of_order_rows, "could not be read"),
}


@functools.cache
def build(case, target):
    return REFUSED[case].build(target)


def upload(data, name="导入.xlsx"):
    return SimpleUploadedFile(name, data)


def read_all(data, target=ORG):
    workbook = read_workbook(upload(data), cell_chars=target.asks_for_cell_chars)
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


def bounded(action, seconds=2, megabytes=100):
    """Run ``action`` twice: untraced, it must take under ``seconds``; under tracemalloc
    (which slows Python down several times over) its peak must stay under ``megabytes``.
    Returns what the second run returned (or raises what it raised)."""
    start = time.perf_counter()
    with contextlib.suppress(ImportFileError):
        action()
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f} s"
    tracemalloc.start()
    try:
        return action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < megabytes * MB, f"peak {peak / MB:.1f} MB"


def refusal_message(data, target):
    """What the reader says about ``data``, in the language the pages speak."""
    with translation.override("zh-hans"), pytest.raises(ImportFileError) as refused:
        read_all(data, target)
    return str(refused.value)


# Through the reader ----------------------------------------------------------------------


@pytest.mark.parametrize("case", REFUSED)
def test_reader_refuses_hostile_file_quickly_naming_the_limit(case):
    refused = REFUSED[case]
    data = build(case, ORG)
    with override_settings(**refused.settings), translation.override("en"):
        with pytest.raises(ImportFileError) as error:
            bounded(lambda: read_all(data))
        assert refused.message % {"chars": ORG.cell_chars} in str(error.value)


def test_reader_reads_the_real_rows_of_a_sheet_claiming_twenty_million_cells():
    data = claims_twenty_million_cells(ORG)
    rows = bounded(lambda: read_all(data))["单位"]
    assert rows == [ORG.header, *(tuple(ORG.bad_row(n)) for n in range(1, 4))]


def test_reader_reads_every_row_of_a_sheet_understating_its_dimension():
    data = understates_its_dimension(ORG)
    rows = bounded(lambda: read_all(data))["单位"]
    assert len(rows) == 31
    assert rows[1:] == [tuple(ORG.bad_row(n)) for n in range(1, 31)]


def test_reader_reads_numbers_dates_booleans_and_shared_strings():
    sheet = sheet_xml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1948</v></c>'
        '<c r="D1"><v>2.5</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" s="1"><v>41765</v></c>'
        '<c r="G1" t="str"><f>A1</f><v>公式</v></c><c r="H1" t="inlineStr"><is><r><t>富</t></r>'
        "<r><t>文本</t></r><rPh><t>fu</t></rPh></is></c></row>"
        '<row r="3"><c r="B3" s="0"><v>7</v></c></row>'
    )
    styles = (
        f'{DECLARATION}<styleSheet xmlns="{NS}"><cellXfs count="2">'
        '<xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    rels = WORKBOOK_RELS.replace(
        "</Relationships>",
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
    )
    data = package(
        sheet,
        strings=strings_xml(["共享"]),
        parts={"xl/styles.xml": styles, "xl/_rels/workbook.xml.rels": rels},
    )
    rows = read_all(data)["单位"]
    assert rows[0][:5] == ("共享", None, 1948, 2.5, True)
    assert rows[0][5].date().isoformat() == "2014-05-06"
    assert rows[0][6:] == ("公式", "富文本")
    assert rows[1:] == [(), (None, 7)]


def test_reader_goes_by_content_not_by_name():
    data = understates_its_dimension(ORG)
    assert len(read_all_named(data, "名单.dat")) == 31
    with pytest.raises(ImportFileError):
        read_all_named(renamed_text(ORG), "名单.xlsx")


def read_all_named(data, name):
    workbook = read_workbook(upload(data, name))
    return list(workbook["单位"].iter_rows(values_only=True))


def test_limits_are_read_when_a_file_is_read():
    data = understates_its_dimension(ORG)
    with override_settings(IMPORT_MAX_ROWS=20), pytest.raises(ImportFileError):
        read_all(data)
    with override_settings(IMPORT_MAX_CELL_CHARS=3):
        assert xlsx.Limits.from_settings().cell_chars == 3
        with pytest.raises(ImportFileError):
            read_all(data)  # 测试村1 has four characters
    assert len(read_all(data)["单位"]) == 31


def test_the_opinion_import_reads_an_opinion_as_long_as_it_may_be():
    row = OPINIONS.bad_row(1)
    row[2] = "长" * 3000
    rows = read_all(package(header_and([row], OPINIONS), OPINIONS), OPINIONS)["意见建议"]
    assert rows[1][2] == "长" * 3000


# Through the import pages ----------------------------------------------------------------


def counts():
    return (
        Unit.objects.count(),
        Member.objects.count(),
        Opinion.objects.count(),
        TeamSeat.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("target", [ORG, OPINIONS, TEAMS], ids=["org", "opinions", "teams"])
@pytest.mark.parametrize("case", REFUSED)
def test_import_page_refuses_hostile_file_showing_the_message(client_for, case, target):
    refused = REFUSED[case]
    data = build(case, target)
    client = client_for("office")
    before = counts()
    with override_settings(**refused.settings):
        message = refusal_message(data, target)
        response = bounded(lambda: client.post(reverse(target.url), {"file": upload(data)}))
    assert response.status_code == 422
    assert escape(message) in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("target", [ORG, OPINIONS, TEAMS], ids=["org", "opinions", "teams"])
@pytest.mark.parametrize(
    ("build_file", "rows"),
    [(claims_twenty_million_cells, 3), (understates_its_dimension, 30)],
    ids=["claims_twenty_million_cells", "understates_its_dimension"],
)
def test_import_page_reads_every_real_row_whatever_the_dimension_says(
    client_for, target, build_file, rows
):
    data = build_file(target)
    client = client_for("office")
    before = counts()
    response = bounded(lambda: client.post(reverse(target.url), {"file": upload(data)}))
    assert response.status_code == 422
    assert {e.row for e in response.context["result"].errors} == set(range(2, rows + 2))
    assert counts() == before


@pytest.mark.django_db
def test_a_good_file_understating_its_dimension_imports_every_unit(client_for):
    rows = [[f"测试村{n:02}", "胜坨镇", "村、社区"] for n in range(1, 31)]
    data = package(header_and(rows, ORG, dimension="A1:A1"))
    units = Unit.objects.count()
    response = client_for("office").post(reverse("org:import"), {"file": upload(data)})
    assert response.status_code == 200
    assert Unit.objects.count() == units + 30
    assert Unit.objects.filter(name__startswith="测试村", parent__name="胜坨镇").count() == 30


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["org:import", "opinions:import", "org:team_import"])
def test_import_form_refuses_an_oversize_file_at_the_field(client_for, url):
    with override_settings(IMPORT_MAX_FILE_MB=1):
        response = client_for("office").post(reverse(url), {"file": upload(bytes(MB + 1))})
        with translation.override("zh-hans"):
            message = xlsx.too_large_message(MB)
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [message]


# Settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"), [("IMPORT_MAX_ROWS", "many"), ("IMPORT_MAX_FILE_MB", "0")]
)
def test_a_bad_import_limit_stops_start_up_naming_the_variable(variable, value):
    result = run_django(["check"], **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
