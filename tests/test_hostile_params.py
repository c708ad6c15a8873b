"""Hostile query parameters never reach a traceback: every GET page × every persona.

The pages come from the URL conf itself (``portal.urls``); a page with URL arguments gets
the real objects of the access grid's row (tests/test_access_grid.py: 胜坨镇, its member,
group 1, …), so each persona sees it as the grid says (200 in scope, 404/403 outside).
A page's parameters are found by watching which query parameters the page reads when
asked (its filter form or FilterSet reads each of its fields), together with the filter
forms' field names and the usual suspects (``q``, ``page``, ``group``, …). Each is sent
every hostile value, alone and all together, and no answer may be a 5xx.

SQLite accepts a NUL in a string where PostgreSQL (CI) refuses it with an error; the
sweep makes the test database refuse it too, so a NUL that reaches a query fails here.
"""

import time
from urllib.parse import quote

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from campaign.core import params
from campaign.opinions.filters import OpinionFilterSet
from campaign.org.filters import AccountFilterSet, UnitFilterSet
from campaign.study.forms import AttendeeSearchForm
from tests import test_access_grid
from tests.conftest import PERSONAS

grid_objects = test_access_grid.grid_objects  # the grid's objects, for URL arguments
GRID = test_access_grid.GRID

# Pages under /review/ and /phases/ (the lead's rewrite): test_lead_pages_survive_hostile_params.
LEAD_ROUTES = ("review/", "phases/")
SKIPPED = {"logout", "set_language"}  # POST only
# Pages that write every row in scope (a workbook): swept as the personas with the
# smallest scope only.
PERSONAS_FOR = {"opinions:export": ["secretary2", "supervisor2", "anonymous"]}

COMMON = ["q", "page", "group", "unit", "kind", "status", "sort", "role", "parent", "pk", "id"]
FILTER_FORMS = [UnitFilterSet, AccountFilterSet, OpinionFilterSet, AttendeeSearchForm]

# Values, each as it is written in a query string (percent-encoded).
_TEXT = [
    "abc",
    "-1",
    "1.5",
    str(10**30),
    "9" * 5000,
    "\x00",
    "1\x00",
    "a\x01\x1b[31m\x7f\x85\x9f",
    "x" * 5000,
    "胜坨\u202e\u200fمرحبا\u200dабв\ufeff",
    "²",
    "١٢",
    "%_\\' OR 1=1 --<script>",
]
HOSTILE = [quote(v, safe="") for v in _TEXT] + [
    "%FF%FE",  # not UTF-8
    "%ED%A0%80",  # an encoded lone surrogate
    "%zz",  # a broken escape
]
# Sent to each parameter a page reads on its own, for pages that ignore every filter
# once one is bad (so that a bad value of one parameter hides another's).
ALONE = [quote(v, safe="") for v in ["\x00", "abc", str(10**30), "\x00", "9" * 5000, "²"]]


def _pages():
    """(url name, route) of every pattern (Django admin: its index only) that the access
    grid has a row for (its real objects make the URL), or that needs no arguments."""

    def walk(resolver, namespace="", prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry, inner, route)
            elif isinstance(entry, URLPattern) and entry.name:
                yield namespace + entry.name, route, bool(entry.pattern.converters)

    pages = {}
    for name, route, needs_args in walk(get_resolver("portal.urls")):
        if name in SKIPPED or (name.startswith("admin:") and name != "admin:index"):
            continue
        if name in GRID or not needs_args:
            pages[name] = route
    return pages


PAGES = sorted(n for n, route in _pages().items() if not route.startswith(LEAD_ROUTES))
LEAD_PAGES = sorted(n for n, route in _pages().items() if route.startswith(LEAD_ROUTES))


def _form_fields():
    names = set()
    for form in FILTER_FORMS:
        names.update(getattr(form, "base_filters", None) or form.base_fields)
    return names


class _Recorder:
    """Records the query parameter names a page reads while it answers."""

    def __init__(self, monkeypatch):
        self.names = set()
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            original = getattr(QueryDict, method)
            monkeypatch.setattr(QueryDict, method, self._spy(original))

    def _spy(self, original):
        def spy(query, key, *args, **kwargs):
            if isinstance(key, str):
                self.names.add(key)
            return original(query, key, *args, **kwargs)

        return spy


def _refuse_nul(execute, sql, query_params, many, context):
    """Refuse a NUL in a query parameter, as PostgreSQL does."""
    rows = query_params if many else [query_params]
    for row in rows or []:
        values = row.values() if isinstance(row, dict) else row or []
        if any(isinstance(v, str) and "\x00" in v for v in values):
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
    return execute(sql, query_params, many, context)


def _clients(personas):
    from campaign.org.models import User

    clients = {}
    for persona in personas:
        client = Client(raise_request_exception=False)
        if persona != "anonymous":
            client.force_login(User.objects.get(username=persona))
        clients[persona] = client
    return clients


def _queries(names, read):
    """(salvo, alone). The salvo sets every parameter in each request, parameter i to
    value i + k in request k, so that every parameter gets every hostile value; its last
    request repeats each parameter. ``alone`` sends each parameter that the page reads a
    bad value on its own."""
    width = len(HOSTILE)
    salvo = [
        "&".join(f"{n}={HOSTILE[(i + k) % width]}" for i, n in enumerate(names))
        for k in range(width)
    ]
    salvo.append("&".join(f"{n}=1&{n}=abc&{n}=%00&{n}={10**30}" for n in names))
    alone = [f"{n}={ALONE[i % len(ALONE)]}" for i, n in enumerate(sorted(read))]
    return salvo, alone


def _probe(url, clients, monkeypatch):
    """({persona: (status, seconds)}, the parameter names the page read)."""
    recorder = _Recorder(monkeypatch)
    answered = {}
    for persona, client in clients.items():
        started = time.perf_counter()
        status = client.get(url, {"probe": "1"}).status_code
        answered[persona] = (status, time.perf_counter() - started)
    monkeypatch.undo()
    return answered, recorder.names - {"probe"}


def _short(query):
    """A query string with its long values cut, for a readable failure."""
    pairs = (pair.partition("=") for pair in query.split("&"))
    return "&".join(f"{n}={v[:14] + '…' if len(v) > 15 else v}" for n, _, v in pairs)


def _sweep(name, objects, monkeypatch):
    """The failures (persona, query string, status, exception) of one page.

    The persona that sees the page fastest gets the whole salvo (a page that reads no
    parameter: a few of its requests) and each read parameter alone; every other persona
    a request or two of the salvo, different ones for each."""
    method, kwargs_for, _ = GRID.get(name, ("get", None, None))
    if method != "get":
        return []
    url = reverse(name, kwargs=kwargs_for(objects) if kwargs_for else None)
    clients = _clients(PERSONAS_FOR.get(name, PERSONAS))
    answered, read = _probe(url, clients, monkeypatch)
    salvo, alone = _queries(sorted(read | set(COMMON) | _form_fields()), read)
    seeing = sorted((seconds, p) for p, (status, seconds) in answered.items() if status == 200)
    primary = seeing[0][1] if seeing else "anonymous"
    failures = []
    with connection.execute_wrapper(_refuse_nul):
        for number, (persona, client) in enumerate(clients.items()):
            if persona == primary:
                queries = (salvo if read else salvo[::5] + salvo[-1:]) + alone
            else:
                sees = answered[persona][0] == 200
                rows = (number, number + len(salvo) // 2)[: 2 if sees else 1]
                queries = [salvo[r % len(salvo)] for r in rows]
            for query in queries:
                response = client.get(f"{url}?{query}")
                if response.status_code >= 500:
                    error = getattr(response, "exc_info", None)
                    failures.append(
                        (persona, _short(query), response.status_code, error and repr(error[1]))
                    )
    return failures


def _assert_survives(name, grid_objects, monkeypatch):
    # No stopwatch here: on a loaded machine it fails for no fault of the page (timings
    # live in bench/); the pinned query counts keep the pages' cost in check.
    failures = _sweep(name, grid_objects, monkeypatch)
    assert not failures, f"{name}: {len(failures)} 5xx, e.g. {failures[:5]}"


def test_the_sweep_covers_the_list_pages():
    listed = {"org:unit_list", "org:account_list", "opinions:list", "opinions:export"}
    assert listed | {"study:follow_up", "study:attendee_options"} <= set(PAGES)
    assert {"overview:queue", "overview:supervision"} <= set(LEAD_PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_page_survives_hostile_params(name, grid_objects, monkeypatch):
    _assert_survives(name, grid_objects, monkeypatch)


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_lead_pages_survive_hostile_params(name, grid_objects, monkeypatch):
    """The review and phases pages (the lead's rewrite): allowed to fail until it lands."""
    _assert_survives(name, grid_objects, monkeypatch)


# ---- the pieces (campaign/core/params.py) -----------------------------------------------


@pytest.mark.parametrize("value", ["胜坨\x00", "a\x07b", "a\nb", "a\x85b", "\x9f"])
def test_a_search_term_with_a_control_character_is_refused(value):
    form = params.SearchForm({"q": value})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["q"]] == ["control_characters"]


def test_a_search_term_is_stripped_of_spaces_and_invisible_format_characters():
    form = params.SearchForm({"q": " \u200f胜坨\u200d镇\ufeff\t"})
    assert form.is_valid()
    assert form.cleaned_data["q"] == "胜坨镇"


def test_an_overlong_search_term_is_refused():
    form = params.SearchForm({"q": "x" * (params.MAX_SEARCH_LENGTH + 1)})
    assert not form.is_valid()
    assert params.SearchForm({"q": "x" * params.MAX_SEARCH_LENGTH}).is_valid()


@pytest.mark.parametrize(
    "value, ok",
    [("1", True), ("42", True), (" 7 ", True), (str(params.MAX_ID), True), ("0", False),
     ("-1", False), ("abc", False), ("1.5", False), ("²", False), ("١٢", False),
     (str(10**30), False), ("9" * 5000, False), ("1\x00", False), ("", False)],
)  # fmt: skip
def test_an_id_is_a_plain_positive_number_that_fits_a_primary_key(value, ok):
    assert params.is_id(value) is ok
    field = params.IdField()
    if ok:
        assert field.clean(value) == int(value)
    elif value:
        with pytest.raises(params.forms.ValidationError):
            field.clean(value)


def test_a_bad_pk_is_an_invalid_choice_without_a_query(db, django_assert_num_queries):
    from campaign.org.models import SupervisionGroup

    field = params.ModelChoiceField(queryset=SupervisionGroup.objects.all())
    for value in ["abc", "-1", str(10**30), "\x00", "²"]:
        with django_assert_num_queries(0), pytest.raises(params.forms.ValidationError):
            field.clean(value)
    many = params.ModelMultipleChoiceField(queryset=SupervisionGroup.objects.all())
    with django_assert_num_queries(0), pytest.raises(params.forms.ValidationError):
        many.clean(["1", str(10**30)])


@pytest.mark.parametrize("value", ["\x00", "abc", "-1", str(10**30), "9" * 5000, "1e400", "²"])
def test_paginator_get_page_copes_with_any_page_value(value):
    # The list pages need no page helper: get_page turns any value into a real page.
    page = Paginator(range(120), 50).get_page(value)
    assert page.number in (1, 3)


def test_a_filterset_applies_the_good_filters_and_reports_the_bad(db):
    from campaign.org.models import User

    filters = AccountFilterSet({"q": "secretary", "role": "\x00"}, queryset=User.objects.all())
    usernames = set(filters.qs.values_list("username", flat=True))
    assert "secretary" in usernames and "office" not in usernames
    assert list(filters.form.errors) == ["role"]


# ---- the list pages: a bad value is ignored and said, the other filters still apply -----


def test_unit_list_ignores_a_bad_group_and_keeps_the_other_filters(client_for):
    response = client_for("office").get(reverse("org:unit_list"), {"group": "abc", "q": "胜坨"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["group"]
    names = [unit.name for unit in response.context["page"]]
    assert names and all("胜坨" in name for name in names)


def test_unit_create_ignores_a_parent_that_is_not_a_number(client_for):
    response = client_for("office").get(reverse("org:unit_create"), {"parent": "abc"})
    assert response.status_code == 200
    assert response.context["form"].initial["parent"] is None


@pytest.mark.parametrize("value", ["\x00", "胜坨\x1b", "x" * 101])
def test_account_list_refuses_a_bad_search_and_lists_everyone(client_for, value):
    response = client_for("office").get(reverse("org:account_list"), {"q": value, "role": "office"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["q"]
    assert {a.role for a in response.context["page"]} == {"office"}


def test_opinion_list_ignores_a_bad_unit_and_applies_the_status(client_for):
    response = client_for("office").get(
        reverse("opinions:list"), {"unit": str(10**30), "status": "answered", "q": "\u200f"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["unit"]
    assert {o.status for o in response.context["page"]} == {"answered"}


def test_attendee_search_ignores_a_nul_and_says_so(client_for, shengtuo):
    url = reverse("study:attendee_options", args=[shengtuo.pk])
    response = client_for("secretary").get(url, {"q": "\x00", "attendees": ["²", str(10**30)]})
    assert response.status_code == 200
    assert list(response.context["search_errors"]) == ["q"]
