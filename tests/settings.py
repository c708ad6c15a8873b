"""The portal's settings plus an app that exists only in tests (tests/reviewkind)."""

from portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.reviewkind"]  # noqa: F405
