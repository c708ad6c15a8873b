"""Test set-up: the test database holds the demo county, seeded once per session.

Tests run inside a transaction that is rolled back, so each one sees the demo county as
seeded. Tests that need real transactions (browser tests, races) use ``transactional_db``;
pytest-django runs those after the others, and they seed what they need themselves.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

pytest_plugins = ["tests.browser", "tests.review_fixtures"]


_DEMO = {"seeded": False, "flushed": False}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from campaign.demo.build import seed

    with django_db_blocker.unblock():
        seed(counties=1)
    _DEMO["seeded"] = True


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _transactional(item):
        _DEMO["flushed"] = True  # a transactional test empties the database when it ends


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """In one process transactional tests run last (pytest-django orders them so); under
    pytest-xdist a worker may get a test file's transactional tests before other files'
    plain ones, which expect the demo county: seed it again first."""
    if _DEMO["seeded"] and _DEMO["flushed"] and _uses_db(item) and not _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        from campaign.demo.build import seed

        with item.config.stash[blocking_manager_key].unblock():
            seed(counties=1)
        _DEMO["flushed"] = False
    yield


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
