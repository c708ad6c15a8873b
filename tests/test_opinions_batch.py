"""Batch entry: one channel and date, many rows; empty rows ignored; any bad row saves
nothing and is shown at its field; the office routes rows with a unit, a secretary's rows
concern their own unit and are routed to it at once."""

import pytest
from django.urls import reverse

from campaign.history.services import history_for
from campaign.opinions.models import Opinion

pytestmark = pytest.mark.django_db

URL = reverse("opinions:batch")


def post_data(rows, channel="symposium", received_on="2014-05-12", total=10):
    data = {
        "channel": channel,
        "received_on": received_on,
        "rows-TOTAL_FORMS": str(total),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "100",
    }
    for n in range(total):
        data[f"rows-{n}-category"] = "other"  # what an untouched row sends
    for n, row in enumerate(rows):
        data.update({f"rows-{n}-{key}": value for key, value in row.items()})
    return data


def saved():
    return Opinion.objects.filter(content__startswith="批量").order_by("content")


def test_office_saves_the_filled_rows_and_routes_those_with_a_unit(client_for, shengtuo):
    rows = [
        {"content": "批量1:镇里开会太多,落实太少。", "category": "formalism", "unit": "胜坨镇"},
        {},  # an empty row between two filled ones is ignored
        {"content": "批量2:宁海村路灯坏了半年没人修。", "category": "service",
         "unit": "胜坨镇/宁海村", "named_person_name": "张某"},
        {"content": "批量3:建议多办几场招聘会。", "category": "employment"},
    ]  # fmt: skip
    response = client_for("office").post(URL, post_data(rows))
    assert response.status_code == 302 and response["Location"] == URL
    first, second, third = saved()
    assert (first.status, first.unit, first.channel) == ("routed", shengtuo, "symposium")
    assert first.answer_due is not None and str(first.received_on) == "2014-05-12"
    assert (second.unit.name, second.named_person_name, second.status) == (
        "宁海村",
        "张某",
        "routed",
    )
    assert (third.status, third.unit) == ("received", None)
    assert [e.code for e in history_for(first).order_by("id")] == [
        "opinions.opinion.received",
        "opinions.opinion.routed",
    ]
    assert all(o.anonymous and o.created_by.username == "office" for o in (first, second, third))


def test_secretary_rows_concern_their_own_unit_and_are_routed_at_once(client_for, shengtuo):
    rows = [
        {"content": "批量1:村里的低保评定不公开。", "category": "social_security"},
        {"content": "批量2:镇卫生院看病排队时间长。", "category": "health", "unit": "郝家镇"},
    ]
    response = client_for("secretary").post(URL, post_data(rows, channel="door"))
    assert response.status_code == 302
    opinions = list(saved())
    assert len(opinions) == 2
    assert {(o.unit, o.status, o.channel) for o in opinions} == {(shengtuo, "routed", "door")}
    assert {o.created_by.username for o in opinions} == {"secretary"}


def test_a_bad_row_saves_nothing_and_shows_the_error_at_its_field(client_for):
    count = Opinion.objects.count()
    rows = [
        {"content": "批量1:这一行是好的,写得很清楚。", "category": "formalism"},
        {"content": "短", "category": "formalism"},
        {"content": "批量3:单位写错了的一行。", "category": "formalism", "unit": "不存在的镇"},
    ]
    response = client_for("office").post(URL, post_data(rows))
    assert response.status_code == 422
    forms = response.context["rows"].forms
    assert not forms[0].errors
    assert list(forms[1].errors) == ["content"]
    assert list(forms[2].errors) == ["unit"]
    assert Opinion.objects.count() == count


def test_a_heading_is_not_a_unit(client_for):
    rows = [{"content": "批量1:分类不是单位,应当报错。", "category": "other", "unit": "镇、街道"}]
    response = client_for("office").post(URL, post_data(rows))
    assert response.status_code == 422
    assert list(response.context["rows"].forms[0].errors) == ["unit"]


def test_an_empty_batch_or_a_future_date_is_refused(client_for):
    count = Opinion.objects.count()
    response = client_for("office").post(URL, post_data([]))
    assert response.status_code == 422 and response.context["rows"].non_form_errors()
    rows = [{"content": "批量1:日期在未来的一行。", "category": "other"}]
    response = client_for("office").post(URL, post_data(rows, received_on="2014-06-01"))
    assert response.status_code == 422
    assert list(response.context["header"].errors) == ["received_on"]
    assert Opinion.objects.count() == count


def test_more_rows_adds_ten_rows_and_saves_nothing(client_for):
    count = Opinion.objects.count()
    rows = [{"content": "批量1:先写一行再加行。", "category": "other"}]
    data = post_data(rows) | {"more": "1"}
    response = client_for("office").post(URL, data)
    assert response.status_code == 200
    formset = response.context["rows"]
    assert formset.total_form_count() == 20
    assert formset.forms[0]["content"].value() == rows[0]["content"]
    assert Opinion.objects.count() == count


def test_the_page_offers_units_to_the_office_only(client_for):
    office = client_for("office").get(URL)
    assert office.status_code == 200 and "unit" in office.context["rows"].forms[0].fields
    assert "胜坨镇" in office.context["unit_names"]
    secretary = client_for("secretary").get(URL)
    assert secretary.status_code == 200
    assert "unit" not in secretary.context["rows"].forms[0].fields


@pytest.mark.parametrize(
    ("persona", "status"), [("supervisor1", 404), ("leader", 404), ("inspector", 403)]
)
def test_read_only_roles_cannot_enter_a_batch(client_for, persona, status):
    rows = [{"content": "批量1:无权录入的人提交的。", "category": "other"}]
    assert client_for(persona).post(URL, post_data(rows)).status_code == status
    assert not saved().exists()
