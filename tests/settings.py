"""The portal's settings plus an app that exists only in tests (tests/reviewkind)."""

from portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.reviewkind"]  # noqa: F405
# The demo county on its reference timeline, whatever the date: the campaign starts on
# 2014-02-28 and the portal's date is frozen on the demo day, 2014-05-15.
DEMO_START = "2014-02-28"
