"""campaign.core.client.client_address: X-Forwarded-For is believed only through trusted
proxies, walked from the right."""

import pytest
from django.test import RequestFactory

from campaign.core.client import client_address

PROXY = "10.0.0.5"


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8:ffff::/48"]
    settings.TRUSTED_PROXY_HOPS = 0
    return settings


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_HOPS = [], 0
    assert client_address(request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_an_untrusted_address_with_a_forged_header_is_taken_as_it_is(behind_proxies):
    assert client_address(request("198.51.100.7", "203.0.113.1, 10.0.0.9")) == "198.51.100.7"


def test_a_trusted_proxy_gives_the_address_it_saw(behind_proxies):
    assert client_address(request(PROXY, "203.0.113.1")) == "203.0.113.1"


def test_the_walk_skips_trusted_proxies_and_stops_at_the_first_untrusted(behind_proxies):
    # The client forged the two leftmost entries; our proxies appended the last two.
    forged = "1.1.1.1, 10.9.9.9, 203.0.113.1, 10.0.0.7"
    assert client_address(request(PROXY, forged)) == "203.0.113.1"


def test_a_trusted_proxy_without_a_header_is_the_address(behind_proxies):
    assert client_address(request(PROXY)) == PROXY
    assert client_address(request(PROXY, "")) == PROXY


def test_garbage_where_an_address_should_be_stops_at_the_nearest_proxy(behind_proxies):
    assert client_address(request(PROXY, "203.0.113.1, unknown")) == PROXY
    assert client_address(request(PROXY, "x" * 10000)) == PROXY
    assert client_address(request(PROXY, ",,,")) == PROXY


def test_ports_brackets_and_mapped_addresses_are_understood(behind_proxies):
    assert client_address(request(PROXY, "203.0.113.1:4711")) == "203.0.113.1"
    assert client_address(request(PROXY, "[2001:db8::1]:443")) == "2001:db8::1"
    assert client_address(request(PROXY, "::ffff:203.0.113.1")) == "203.0.113.1"
    assert client_address(request("2001:db8:ffff::2", "2001:db8::1")) == "2001:db8::1"


def test_hops_trust_that_many_proxies_whatever_their_address(settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_HOPS = [], 2
    chain = "1.1.1.1, 203.0.113.1, 192.0.2.50"  # forged, the client, the first proxy
    assert client_address(request("192.0.2.99", chain)) == "203.0.113.1"
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request("192.0.2.99", chain)) == "192.0.2.50"


def test_a_long_forged_header_is_never_walked_past_the_trusted_part(behind_proxies):
    forged = ", ".join(["10.1.1.1"] * 5000)  # all "trusted": the walk stops early
    assert client_address(request(PROXY, forged)) == "10.1.1.1"


def test_a_missing_or_odd_remote_address_does_not_fail(behind_proxies):
    factory = RequestFactory()
    bare = factory.get("/")
    del bare.META["REMOTE_ADDR"]
    assert client_address(bare) == ""
    assert client_address(request("not-an-address", "203.0.113.1")) == "not-an-address"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRUSTED_PROXIES": "10.0.0.0/8, lb.example.org"}, "TRUSTED_PROXIES"),
        ({"TRUSTED_PROXY_HOPS": "-1"}, "TRUSTED_PROXY_HOPS"),
        ({"TRUSTED_PROXY_HOPS": "two"}, "TRUSTED_PROXY_HOPS"),
        ({"OPINION_BOX_PER_ADDRESS_HOUR": "many"}, "OPINION_BOX_PER_ADDRESS_HOUR"),
    ],
)
def test_bad_proxy_settings_stop_start_up_naming_the_variable(env, message):
    from tests.test_settings import run_django

    result = run_django(["check"], **env)
    assert result.returncode != 0
    assert message in result.stderr
