"""Test set-up: the test database holds the small test county of ``fixtures/``
(``test_county.json``), seeded once per session; tests marked ``full_demo`` run on the
full demo county 垦利县 instead, seeded when the first of them starts.

Tests run inside a transaction that is rolled back, so each one sees the county as
seeded. Tests that need real transactions (browser tests, races) use ``demo_county`` (or
``transactional_db`` and seed what they need); pytest-django runs those after the others.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

pytest_plugins = ["tests.browser", "tests.review_fixtures"]


# Which county the test database holds ("small", "full", or None once a transactional
# test emptied it), from the moment the session set the database up.
_DEMO = {"ready": False, "county": None, "item": None}


def county_for(item):
    """The county a test runs on: the small test county of ``fixtures/`` unless it is
    marked ``full_demo``."""
    return "full" if item.get_closest_marker("full_demo") else "small"


def seed_county(county):
    from campaign.demo.build import seed

    seed(counties=1, small=county == "small")
    _DEMO["county"] = county


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    first = _DEMO["item"]  # the test that set the database up: seed the county it runs on
    with django_db_blocker.unblock():
        seed_county(county_for(first) if first is not None else "small")
    _DEMO["ready"] = True


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _uses_db(item):
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (plain tests, then transactional ones): the plain tests
    on the full demo county after those on the small one, so a process seeds it once."""
    rank = {id(item): k for k, item in enumerate(items)}
    items.sort(key=lambda item: (_transactional(item), county_for(item) == "full", rank[id(item)]))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _transactional(item):
        _DEMO["county"] = None  # a transactional test empties the database when it ends


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """A plain test sees the county it runs on, seeded (and committed) before its
    transaction starts: seed it again when the database holds the other one, or was
    emptied by a transactional test (under pytest-xdist a worker may get a file's
    transactional tests before another file's plain ones)."""
    _DEMO["item"] = item
    if _DEMO["ready"] and _uses_db(item) and not _transactional(item):
        wanted = county_for(item)
        if _DEMO["county"] != wanted:
            from pytest_django.plugin import blocking_manager_key

            with item.config.stash[blocking_manager_key].unblock():
                seed_county(wanted)
    yield


@pytest.fixture
def demo_county(request, transactional_db):
    """The test's county, committed, for the live server or for real transactions; the
    transactional test empties the database when it ends."""
    seed_county(county_for(request.node))


@pytest.fixture(autouse=True)
def _clear_cache():
    # Lockout counters and rate limits live in the cache: no test may leak into another.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in the thread: every test starts in
    # the portal's language, as a new request does.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# Personas: demo accounts of the seeded county (see campaign.demo).
PERSONAS = [
    "office",
    "secretary",  # secretary of 胜坨镇 (group 1)
    "secretary2",  # secretary of 郝家镇 (group 2)
    "supervisor1",  # member of group 1, which covers 胜坨镇
    "supervisor2",  # member of group 2, which does not
    "leader",  # contact units 胜坨镇 and 县教育局
    "inspector",  # higher supervision, reads everything
    "head",  # head (一把手) of 胜坨镇: first reviewer of its items
    "cadre",  # a deputy of 县教育局 (role cadre): their own home page only
    "anonymous",
]


@pytest.fixture
def persona_user(db):
    from campaign.org.models import User

    def get(name):
        return None if name == "anonymous" else User.objects.get(username=name)

    return get


@pytest.fixture
def client_for(db, client, persona_user):
    """client_for('office') is a test client logged in as that persona."""

    def make(name):
        from django.test import Client

        c = Client()
        user = persona_user(name)
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def shengtuo(db):
    from campaign.org.models import Unit

    return Unit.objects.get(name="胜坨镇")


@pytest.fixture
def haojia(db):
    from campaign.org.models import Unit

    return Unit.objects.get(name="郝家镇")


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true a skipped test is a failure: CI must run everything."""
    import os

    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"CI=true: {skipped} skipped test(s) count as failures.", red=True)
        session.exitstatus = 1
