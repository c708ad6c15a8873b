"""The public opinion box: no login, receipt code, lookup, rate limit, honeypot, and an
anonymous sender leaves no trace anywhere."""

import io
import logging

import pytest
from celery.signals import before_task_publish
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from campaign.opinions.models import Channel, Opinion, Status

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "DistinctiveAgent/9.9 (zq7x-trace-me)"


def send(client, **extra):
    """Open the box (which issues the form's one-time token) and send an opinion."""
    page = client.get(reverse("opinions:box"), REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    data = {
        "content": "窗口单位办事拖拉,门难进脸难看",
        "category": "service",
        "anonymous": "on",
        "token": page.context["token"],
        **extra,
    }
    return client.post(reverse("opinions:box"), data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)


def test_public_box_needs_no_login_and_gives_a_receipt_code(client):
    assert client.get(reverse("opinions:box")).status_code == 200
    response = send(client)
    opinion = Opinion.objects.get(channel=Channel.PUBLIC, content__startswith="窗口单位办事拖拉")
    assert response.status_code == 200
    assert opinion.receipt_code in response.content.decode()
    assert opinion.status == Status.RECEIVED and opinion.unit is None


def test_anonymous_sender_leaves_no_trace_in_database_logs_tasks_or_cache(client, caplog):
    payloads = []

    def collect(body=None, headers=None, **kwargs):
        payloads.append(repr(body) + repr(headers))

    before_task_publish.connect(collect)
    caplog.set_level(logging.DEBUG)
    try:
        send(client, contact_name="不该保存", contact_phone="13800000000")
    finally:
        before_task_publish.disconnect(collect)
    opinion = Opinion.objects.get(content__startswith="窗口单位办事拖拉")
    assert (opinion.contact_name, opinion.contact_phone, opinion.contact_email) == ("", "", "")
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    assert opinion.receipt_code in everything  # the dump really holds the new opinion
    for trace in (ADDRESS, "zq7x-trace-me", "13800000000", "不该保存"):
        assert trace not in everything
        assert all(trace not in record.getMessage() for record in caplog.records)
        assert all(trace not in payload for payload in payloads)
        assert all(trace not in str(key) for key in cache._cache)


def test_contact_left_by_a_named_sender_is_kept_for_the_office(client):
    send(client, anonymous="", contact_name="王大爷", contact_phone="13900001111")
    opinion = Opinion.objects.get(content__startswith="窗口单位办事拖拉")
    assert not opinion.anonymous and opinion.contact_phone == "13900001111"


def test_a_flood_from_one_address_is_refused_with_a_clear_message(client, settings):
    settings.OPINION_BOX_PER_HOUR = 3
    codes = [send(client).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert Opinion.objects.filter(content__startswith="窗口单位办事拖拉").count() == 3
    other = Client()  # another citizen, on another connection
    token = other.get(reverse("opinions:box")).context["token"]
    response = other.post(
        reverse("opinions:box"),
        {
            "content": "另一位群众的意见建议内容",
            "category": "other",
            "anonymous": "on",
            "token": token,
        },
        REMOTE_ADDR="198.51.100.9",
    )
    assert response.status_code == 200


def test_the_honeypot_keeps_nothing(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 200
    assert not Opinion.objects.filter(content__startswith="窗口单位办事拖拉").exists()


def test_lookup_shows_status_and_published_answer_only(client):
    from campaign.opinions import services
    from campaign.org.models import Unit, User

    send(client)
    opinion = Opinion.objects.get(content__startswith="窗口单位办事拖拉")
    office = User.objects.get(username="office")
    services.route_opinion(actor=office, opinion=opinion, unit=Unit.objects.get(name="胜坨镇"))
    services.answer_opinion(actor=office, opinion=opinion, answer="已整改:窗口实行首问负责制。")
    url = reverse("opinions:lookup")
    page = client.post(url, {"code": opinion.receipt_code.lower()}).content.decode()
    assert "首问负责制" not in page  # not published yet
    assert "胜坨镇" not in page and "门难进" not in page  # nothing but status and answer
    services.set_published(actor=office, opinion=opinion, published=True)
    page = client.post(url, {"code": opinion.receipt_code}).content.decode()
    assert "首问负责制" in page


def test_lookup_with_an_unknown_code_says_so(client):
    response = client.post(reverse("opinions:lookup"), {"code": "ZZZZZZZZZZ"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_public_box_works_at_phone_width_markup(client):
    body = client.get(reverse("opinions:box")).content.decode()
    assert 'name="viewport"' in body and 'id="box-form"' in body
