"""Answer deadlines: so many working days after an opinion is routed, by channel.

Working days follow the State Council's holiday schedule (``chinesecalendar``: holidays
off, the weekend days swapped in as working days on); outside the years that package
knows, Monday to Friday."""

import datetime
import functools

import chinese_calendar
from django.conf import settings


@functools.lru_cache(maxsize=16384)
def is_working_day(day):
    # chinesecalendar checks the year's range on every call (two scans of its tables):
    # the answer for a date never changes, so it is worked out once per process.
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def working_days_after(day, n):
    """The ``n``-th working day after ``day``."""
    while n > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_for(channel):
    """The office's setting for ``channel``, else ``OPINION_ANSWER_WORKING_DAYS``."""
    from .models import ChannelDeadline

    row = ChannelDeadline.objects.filter(channel=channel).values_list("working_days").first()
    return row[0] if row else settings.OPINION_ANSWER_WORKING_DAYS


def days_by_channel():
    """{channel: working days} for every channel (one query)."""
    from .models import Channel, ChannelDeadline

    days = dict.fromkeys(Channel.values, settings.OPINION_ANSWER_WORKING_DAYS)
    days.update(ChannelDeadline.objects.values_list("channel", "working_days"))
    return days


def answer_due(channel, routed_on):
    return working_days_after(routed_on, working_days_for(channel))
