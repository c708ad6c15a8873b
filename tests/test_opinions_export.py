"""Excel export of the opinion list: each user gets exactly their own scope, contact
columns only for the office, the list's filters applied, streamed from a file with a
query count that does not grow with the rows."""

import datetime
import io

import pytest
from django.db import connection
from django.http import FileResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from campaign.opinions import services
from campaign.opinions.access import opinions_for
from campaign.opinions.exports import header
from campaign.opinions.models import Opinion, Status

pytestmark = pytest.mark.django_db

HEADERS = header()
CONTACT = header(contact=True)[len(HEADERS) :]


def export(client, **filters):
    response = client.get(reverse("opinions:export"), filters)
    assert response.status_code == 200
    return response


def rows_of(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["意见建议"].iter_rows(values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def codes(rows):
    return {row["回执码"] for row in rows}


def test_export_is_a_streamed_xlsx_attachment(client_for, shengtuo):
    response = export(client_for("office"), unit=shengtuo.pk, status="routed")
    assert isinstance(response, FileResponse) and response.streaming
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    header, rows = rows_of(response)
    assert header == HEADERS + CONTACT
    assert rows


def test_secretary_exports_only_their_units_opinions_without_contact(
    client_for, persona_user, shengtuo
):
    secretary = persona_user("secretary")
    named = Opinion.objects.filter(unit=shengtuo).exclude(named_person_name="")
    # the demo county names 胜坨镇's people now and then: its head (一把手), whose
    # opinions are handed up and hidden from the town's accounts, and others, which are not
    about_the_head = named.filter(named_person=shengtuo.head).first()
    about_others = named.exclude(named_person=shengtuo.head).first()
    assert about_the_head is not None and about_others is not None
    header, rows = rows_of(export(client_for("secretary")))
    assert header == HEADERS
    assert codes(rows) == set(opinions_for(secretary).values_list("receipt_code", flat=True))
    in_scope = Opinion.objects.filter(unit__path__startswith=shengtuo.path)
    assert codes(rows) <= set(in_scope.values_list("receipt_code", flat=True))
    assert about_the_head.receipt_code not in codes(rows)
    assert about_others.receipt_code in codes(rows)
    assert shengtuo.head.display_name not in {row["涉及人员"] for row in rows}


@pytest.mark.parametrize("persona", ["inspector", "leader", "supervisor1"])
def test_only_the_office_gets_contact_columns(client_for, persona, shengtuo):
    header, rows = rows_of(export(client_for(persona), unit=shengtuo.pk, status="answered"))
    assert header == HEADERS
    assert rows


def test_office_rows_carry_labels_dates_and_contact(client_for, shengtuo):
    opinion = (
        Opinion.objects.filter(unit=shengtuo, status="answered", anonymous=False)
        .exclude(contact_phone="")
        .first()
    )
    _header, rows = rows_of(export(client_for("office"), q=opinion.receipt_code))
    (row,) = rows
    assert row["渠道"] == opinion.get_channel_display()
    assert row["状态"] == Status.ANSWERED.label == "已答复"
    assert row["分类"] == opinion.get_category_display()
    assert row["受理日期"].date() == opinion.received_on
    assert row["答复期限"].date() == opinion.answer_due
    assert isinstance(row["答复时间"], datetime.datetime)
    assert (row["涉及单位"], row["答复"]) == (shengtuo.name, opinion.answer)
    assert (row["联系人姓名"], row["联系电话"]) == (opinion.contact_name, opinion.contact_phone)


def test_the_lists_filters_are_applied(client_for, shengtuo):
    filters = {
        "unit": shengtuo.pk,
        "status": "closed",
        "category": "bureaucratism",
        "since": "2014-01-20",
        "until": "2014-02-20",
    }
    _header, rows = rows_of(export(client_for("office"), **filters))
    expected = Opinion.objects.filter(
        unit__path__startswith=shengtuo.path,
        status="closed",
        category="bureaucratism",
        received_on__range=(datetime.date(2014, 1, 20), datetime.date(2014, 2, 20)),
    )
    assert rows and codes(rows) == set(expected.values_list("receipt_code", flat=True))
    _header, overdue = rows_of(export(client_for("office"), unit=shengtuo.pk, overdue="on"))
    assert overdue and {row["状态"] for row in overdue} <= {"已交办", "办理中"}


def test_a_large_export_takes_no_more_queries_than_a_small_one(
    client_for, django_assert_max_num_queries
):
    client = client_for("office")
    with CaptureQueriesContext(connection) as small:
        _header, few = rows_of(export(client, q="胜坨镇主要负责人"))
    assert 0 < len(few) < 100
    with django_assert_max_num_queries(len(small.captured_queries)):
        _header, rows = rows_of(export(client))
    # every opinion but the box submissions hidden by moderation
    assert len(rows) == Opinion.objects.filter(moderation="none").count() > 20 * len(few)


def test_text_is_written_as_text_not_as_a_formula(client_for, persona_user):
    opinion = services.receive_opinion(
        actor=persona_user("office"),
        channel="hotline",
        content='=HYPERLINK("http://example.com","点这里")反映的问题',
        category="other",
    )
    response = export(client_for("office"), q=opinion.receipt_code)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = book["意见建议"]["E2"]
    assert cell.data_type == "s" and cell.value == opinion.content


def test_cadres_and_visitors_cannot_export(client, persona_user):
    client.force_login(persona_user("secretary").unit.accounts.get(username="head"))
    assert client.get(reverse("opinions:export")).status_code == 404
    client.logout()
    response = client.get(reverse("opinions:export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_sheet_says_what_the_list_page_says(client_for, shengtuo):
    """Same column labels and value labels as the screen, in the user's language."""
    client = client_for("office")
    page = client.get(reverse("opinions:list"), {"unit": shengtuo.pk, "status": "answered"})
    html = page.content.decode()
    shown = list(page.context["page"])[:5]
    header_row, rows = rows_of(export(client, unit=shengtuo.pk, status="answered"))
    for heading in ("受理日期", "渠道", "分类", "涉及单位", "状态", "答复期限"):
        assert f"<th>{heading}</th>" in html and heading in header_row
    by_code = {row["回执码"]: row for row in rows}
    for opinion in shown:
        row = by_code[opinion.receipt_code]
        for column, value in (
            ("渠道", opinion.get_channel_display()),
            ("分类", opinion.get_category_display()),
            ("状态", opinion.get_status_display()),
        ):
            assert row[column] == value and value in html
    client.post(reverse("set_language"), {"language": "en"})
    header_row, rows = rows_of(export(client, unit=shengtuo.pk, status="answered"))
    assert header_row[:4] == ["Receipt code", "Channel", "Received on", "Category"]
    assert {row["Status"] for row in rows} == {"answered"}


def test_history_of_opinions_shows_labels_not_field_names():
    """Every key the opinion services write into history reads as a label."""
    from campaign.history.models import HistoryEntry

    entries = HistoryEntry.objects.filter(content_type__model="opinion").select_related(
        "content_type"
    )
    keys = {}
    for code in entries.order_by().values_list("code", flat=True).distinct():
        entry = entries.filter(code=code).first()
        for key, (label, _old, _new) in zip(entry.changes, entry.shown_changes(), strict=True):
            keys[key] = str(label)
    assert {"status", "answer_published", "merged_into", "merged"} <= set(keys)
    assert all(label != key for key, label in keys.items()), keys
