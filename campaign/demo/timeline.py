"""The demo's one timeline: every date of the demo county follows from the day its
campaign starts, ``settings.DEMO_START`` (empty: so that the demo day is today).

The demo is written on a reference timeline, the speech's 2014: the campaign starts on
2014-02-28 and the demo day, the portal's "today" in the demo, is 2014-05-15.
``Timeline.shift`` and ``Timeline.shift_dt`` move a reference date or time onto the
demo's timeline by (start − 2014-02-28), whole days; nothing else decides a demo date.
Working days, holidays and weekdays are then looked up on the moved dates, as the portal
looks them up.

When the demo day is the real date, the portal runs on real time (``frozen_on`` is
empty); otherwise its date is frozen on the demo day (``Campaign.frozen_on``)."""

import contextlib
import datetime
import functools
from dataclasses import dataclass

import chinese_calendar
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

REFERENCE_START = datetime.date(2014, 2, 28)  # the launch in the speech
REFERENCE_DAY = datetime.date(2014, 5, 15)  # the demo day of the reference timeline
LEAD = REFERENCE_DAY - REFERENCE_START  # from the launch to the demo day: 76 days
YEARS_AGO = {0: "今年", 1: "去年", 2: "前年"}


@dataclass(frozen=True)
class Timeline:
    start: datetime.date  # the day the demo's campaign starts
    today: datetime.date  # the real local date when the timeline was read

    @property
    def offset(self):
        return self.start - REFERENCE_START

    def shift(self, day):
        """A reference date on the demo's timeline."""
        return day + self.offset

    def shift_dt(self, when):
        """A reference time on the demo's timeline (the same time of day)."""
        return when + self.offset

    @property
    def demo_day(self):
        return self.start + LEAD

    @property
    def last_day(self):
        """Nothing in the demo happens later than the evening before the demo day."""
        return self.demo_day - datetime.timedelta(days=1)

    @property
    def frozen_on(self):
        """The portal's frozen date: none when the demo day is today, else the demo day."""
        return None if self.demo_day == self.today else self.demo_day

    def birth_year(self, reference_year):
        """A member born in ``reference_year`` on the reference timeline is as old on the
        demo day."""
        return reference_year + self.demo_day.year - REFERENCE_DAY.year

    def month(self, reference_day):
        """The month of a reference date, moved, as the demo day says it (今年1月, 去年9月)."""
        day = self.shift(reference_day)
        ago = self.demo_day.year - day.year
        return f"{YEARS_AGO.get(ago, f'{day.year}年')}{day.month}月"


def read():
    """The timeline ``settings.DEMO_START`` sets, as of now."""
    today = timezone.localdate()
    raw = getattr(settings, "DEMO_START", "") or ""
    if isinstance(raw, datetime.date):
        return Timeline(raw, today)
    raw = raw.strip()
    if not raw:
        return Timeline(today - LEAD, today)
    try:
        return Timeline(datetime.date.fromisoformat(raw), today)
    except ValueError:
        raise ImproperlyConfigured(
            f"DEMO_START must be an ISO date such as 2014-02-28, not {raw!r}"
        ) from None


_pinned = []


@contextlib.contextmanager
def pinned():
    """One timeline for the whole of a seed (one running over midnight keeps its start)."""
    _pinned.append(read())
    try:
        yield _pinned[-1]
    finally:
        _pinned.pop()


def current():
    """The pinned timeline inside a seed, else the one the settings set now."""
    return _pinned[-1] if _pinned else read()


@functools.lru_cache(maxsize=4096)
def is_holiday(day):
    """A day of a statutory holiday (春节, 清明, 劳动节...), not a weekend made a working day;
    outside the years ``chinesecalendar`` knows, none (as the portal's working days)."""
    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return False
    return holiday and name is not None
