"""The public box and lookup under abuse: rate limits per client, per address and per
minute (through trusted proxies), the receipt code only ever posted, one opinion per
form however often it is sent, and a honeypot people never see."""

import datetime as dt
import re
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from campaign.opinions import oncetoken, ratelimit
from campaign.opinions.models import Opinion
from campaign.opinions.views import FORM_EXPIRED, TOO_MANY_LOOKUPS

pytestmark = pytest.mark.django_db

BOX = "/opinions/box/"
LOOKUP = "/opinions/lookup/"
TEXT = "村里的路灯坏了三个月没人修"
PROXY = "10.0.0.5"
NOON = dt.datetime(2026, 3, 2, 4, 0, 55, tzinfo=dt.UTC)  # 12:00:55 in Beijing


def token_for(client, **extra):
    return client.get(BOX, **extra).context["token"]


def send(client, token=None, address="198.51.100.20", **extra):
    """Post the box as a browser would: the form (with its token) first, unless given."""
    meta = {"REMOTE_ADDR": address, **{k: v for k, v in extra.items() if k.startswith("HTTP_")}}
    data = {k: v for k, v in extra.items() if not k.startswith("HTTP_")}
    token = token or token_for(client, **meta)
    body = {"content": TEXT, "category": "other", "anonymous": "on", "token": token, **data}
    return client.post(BOX, body, **meta)


def sent():
    return Opinion.objects.filter(content=TEXT).count()


def code_in(response):
    return re.search(r'id="receipt-code">([^<]+)<', response.content.decode()).group(1)


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.TRUSTED_PROXY_HOPS = 0
    return settings


# ---- lookup ---------------------------------------------------------------------------


def test_lookup_by_post_shows_the_opinion(client):
    code = code_in(send(client))
    response = client.post(LOOKUP, {"code": code.lower()})
    assert response.status_code == 200
    assert response.context["found"].receipt_code == code
    assert 'id="lookup-result"' in response.content.decode()


def test_lookup_form_posts_with_a_csrf_token():
    code = code_in(send(Client()))
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(LOOKUP, {"code": code}).status_code == 403
    page = strict.get(LOOKUP).content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    csrf = strict.cookies["csrftoken"].value
    response = strict.post(LOOKUP, {"code": code, "csrfmiddlewaretoken": csrf})
    assert response.status_code == 200 and response.context["found"].receipt_code == code


def test_a_code_in_the_query_string_reveals_nothing(client):
    code = code_in(send(client))
    response = client.get(LOOKUP, {"code": code})
    # The language switcher echoes the page's own URL; nothing else may hold the code.
    body = response.content.decode().replace(f"?code={code}", "")
    assert response.status_code == 200
    assert response.context.get("found") is None
    assert code not in body and 'id="lookup-result"' not in body
    assert not response.context["form"].is_bound  # the empty form


def test_the_thanks_page_looks_up_by_post_not_by_link(client):
    response = send(client)
    body = response.content.decode()
    code = code_in(response)
    assert f"?code={code}" not in body and "?code=" not in body
    assert re.search(r'<form method="post" action="/opinions/lookup/"', body)


def test_lookups_are_rate_limited_per_minute(client, settings, frozen):
    settings.OPINION_LOOKUP_PER_MINUTE = 10
    statuses = [client.post(LOOKUP, {"code": f"ZZZZZZZZ{i:02d}"}).status_code for i in range(13)]
    assert statuses == [200] * 10 + [429] * 3
    assert str(TOO_MANY_LOOKUPS) in client.post(LOOKUP, {"code": "ZZZZ"}).content.decode()
    frozen.shift(75)
    assert client.post(LOOKUP, {"code": "ZZZZZZZZZZ"}).status_code == 200


def test_lookups_are_rate_limited_per_client_per_hour(client, settings, frozen):
    settings.OPINION_LOOKUP_PER_HOUR = 4
    statuses = []
    for _ in range(6):
        statuses.append(client.post(LOOKUP, {"code": "ZZZZZZZZZZ"}).status_code)
        frozen.shift(61)
    assert statuses == [200] * 4 + [429] * 2
    assert Client().post(LOOKUP, {"code": "ZZZZZZZZZZ"}).status_code == 200  # someone else


def test_a_lookup_flood_dropping_its_cookie_is_cut_by_address(settings, frozen):
    settings.OPINION_LOOKUP_PER_MINUTE = 10
    statuses = [
        Client().post(LOOKUP, {"code": "ZZZZZZZZZZ"}, REMOTE_ADDR="192.0.2.1").status_code
        for _ in range(15)
    ]
    assert statuses.count(200) == 10


# ---- the box behind proxies -----------------------------------------------------------


def test_a_forged_forwarded_header_from_an_untrusted_address_changes_nothing(behind_proxy, frozen):
    accepted = 0
    for i in range(20):  # a new cookie and a new forged address each time
        response = send(Client(), address="192.0.2.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        accepted += response.status_code == 200
    assert accepted == 10 == sent()


def test_many_clients_behind_one_trusted_proxy_can_each_send(behind_proxy, frozen):
    statuses = [
        send(Client(), address=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}, 10.0.0.9").status_code
        for i in range(30)
    ]
    assert statuses == [200] * 30 and sent() == 30


def test_many_clients_sharing_one_address_are_not_held_to_one_clients_limit(settings, frozen):
    settings.OPINION_BOX_PER_HOUR = 5
    statuses = []
    for i in range(20):  # twenty citizens behind one NAT, two a minute
        statuses.append(send(Client(), address="192.0.2.80").status_code)
        if i % 2:
            frozen.shift(60)
    assert statuses == [200] * 20 and sent() == 20


def test_a_shared_address_still_has_an_hourly_ceiling(settings, frozen):
    settings.OPINION_BOX_PER_ADDRESS_HOUR = 12
    statuses = []
    for _ in range(15):
        statuses.append(send(Client(), address="192.0.2.81").status_code)
        frozen.shift(30)
    assert statuses == [200] * 12 + [429] * 3


def test_one_client_keeping_its_cookie_is_held_to_its_hourly_limit(client, settings, frozen):
    settings.OPINION_BOX_PER_HOUR = 5
    statuses = [send(client).status_code for _ in range(8)]
    assert statuses == [200] * 5 + [429] * 3 and sent() == 5
    frozen.shift(30 * 60)
    assert send(client).status_code == 429
    frozen.shift(45 * 60)
    assert send(client).status_code == 200


def test_a_flood_from_one_client_is_cut_at_ten_a_minute_across_minute_boundaries(settings, frozen):
    settings.OPINION_BOX_PER_HOUR = 1000  # a client that drops its cookie anyway
    flood = [send(Client(), address="192.0.2.90").status_code for _ in range(25)]
    assert flood.count(200) == 10 and sent() == 10
    frozen.shift(10)  # 12:01:05, a new clock minute: still within the last 60 seconds
    assert send(Client(), address="192.0.2.90").status_code == 429
    frozen.shift(65)
    assert send(Client(), address="192.0.2.90").status_code == 200


def test_refusals_do_not_use_up_the_allowance(client, settings, frozen):
    settings.OPINION_BOX_PER_HOUR = 2
    assert [send(client).status_code for _ in range(6)] == [200, 200, 429, 429, 429, 429]
    frozen.shift(71 * 60)
    assert [send(client).status_code for _ in range(3)] == [200, 200, 429]


def test_the_client_cookie_is_signed_http_only_and_same_site(client):
    response = client.get(BOX)
    cookie = response.cookies[ratelimit.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert ":" in cookie.value  # signed
    again = client.get(BOX)
    assert ratelimit.COOKIE not in again.cookies  # kept, not reissued
    client.cookies[ratelimit.COOKIE] = "forged-token"
    assert client.get(BOX).cookies[ratelimit.COOKIE].value != "forged-token"


def test_no_address_or_client_token_is_kept_in_the_cache(client, behind_proxy):
    send(client, address=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.201")
    client.post(LOOKUP, {"code": "ZZZZZZZZZZ"}, REMOTE_ADDR="203.0.113.202")
    token = client.cookies[ratelimit.COOKIE].value.split(":")[0]
    stored = repr(dict(cache._cache)) + repr(list(cache._cache))
    assert cache._cache  # the counters are there
    for trace in ("203.0.113.201", "203.0.113.202", PROXY, token):
        assert trace not in stored


# ---- one opinion per form -------------------------------------------------------------


def test_sending_the_same_form_twice_shows_the_first_receipt_and_creates_one_opinion(client):
    token = token_for(client)
    first = send(client, token=token)
    second = send(client, token=token)
    assert first.status_code == second.status_code == 200
    assert code_in(first) == code_in(second)
    assert sent() == 1
    assert send(client).status_code == 200 and sent() == 2  # a new form is a new opinion


def test_the_stored_key_is_a_keyed_hash_of_the_token(client):
    token = token_for(client)
    send(client, token=token)
    raw = oncetoken.read(token)
    assert raw and all(raw not in key and token not in key for key in cache._cache)


def test_a_resent_form_is_not_counted_against_the_limit(client, settings):
    settings.OPINION_BOX_PER_HOUR = 1
    token = token_for(client)
    assert send(client, token=token).status_code == 200
    assert send(client, token=token).status_code == 200  # the receipt again, not a 429
    assert send(client).status_code == 429


def test_a_forged_or_old_token_creates_nothing(client, frozen):
    response = send(client, token="not-a-token")
    assert response.status_code == 400 and response.context["refused"] == str(FORM_EXPIRED)
    assert response.context["form"]["content"].value() == TEXT  # what they wrote is kept
    token = token_for(client)
    frozen.shift(oncetoken.MAX_AGE + 60)
    assert send(client, token=token).status_code == 400
    assert send(client, token="x" * 5000).status_code == 400
    assert sent() == 0


def test_a_refused_submission_leaves_its_token_usable(client, settings, frozen):
    settings.OPINION_BOX_PER_HOUR = 1
    send(client)
    token = token_for(client)
    assert send(client, token=token).status_code == 429
    frozen.shift(71 * 60)
    assert send(client, token=token).status_code == 200 and sent() == 2


def test_two_racing_submissions_with_one_token_create_once():
    calls = []
    gate = threading.Event()

    def create():
        calls.append(1)
        gate.wait(2)
        return "RACE000001"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(oncetoken.run_once("t-1", create)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1
    assert sorted(results) == [("RACE000001", False), ("RACE000001", True)]


def test_a_failed_first_submission_frees_the_token():
    def broken():
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        oncetoken.run_once("t-2", broken)
    assert oncetoken.run_once("t-2", lambda: "CODE000002") == ("CODE000002", True)


# ---- the honeypot ---------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_without_an_inline_style(client):
    body = client.get(BOX).content.decode()
    trap = re.search(r'<div class="box-trap" aria-hidden="true">(.*?)</div>', body).group(1)
    assert 'name="website"' in trap and 'tabindex="-1"' in trap
    assert "Website" not in body  # the old English label
    assert "style=" not in body[body.index('id="box-form"') :]


def test_the_honeypot_label_is_translatable():
    from campaign.opinions.forms import PublicOpinionForm

    label = PublicOpinionForm.base_fields["website"].label
    assert type(label).__name__ == "__proxy__"  # gettext_lazy: zh-hans shows Chinese


def test_the_honeypot_css_class_is_in_the_stylesheet():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    assert re.search(r"\.box-trap \{[^}]*left: -10000px", css)


def test_a_bot_filling_the_honeypot_is_thanked_and_counted(client, settings):
    settings.OPINION_BOX_PER_HOUR = 2
    statuses = [send(client, website="http://spam.example").status_code for _ in range(3)]
    assert statuses == [200, 200, 429] and sent() == 0
