"""The demo county on another timeline (campaign.demo.timeline): seeded with a start set
by DEMO_START, every date follows from it. Each test seeds the small county once and checks
several things; the session's small county (DEMO_START 2014-02-28) is the reference."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Max
from django.test import override_settings
from django.utils import timezone

from campaign.acceptance.models import PhaseAcceptance
from campaign.demo.build import seed
from campaign.documents.models import TextDocument
from campaign.history.models import HistoryEntry
from campaign.opinions.models import Notice, Opinion
from campaign.org.models import Member
from campaign.overview.progress import load_plan
from campaign.phases import clock
from campaign.phases.models import Campaign, SupervisionActivity, WavePlan
from campaign.review.models import ReviewItem, ReviewVersion
from campaign.study.models import StudyActivity, StudyReport

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
REFERENCE_START = datetime.date(2014, 2, 28)
LEAD = datetime.timedelta(days=76)  # from the launch to the demo day (2014-05-15)
# Every time and date something happened at in the demo: (model, fields).
EVENTS = [
    (HistoryEntry, ["created_at"]),
    (ReviewItem, ["created_at", "submitted_at", "state_changed_at", "passed_at"]),
    (ReviewVersion, ["created_at"]),
    (Opinion, ["received_on", "created_at", "routed_at", "answered_at", "closed_at"]),
    (Opinion, ["moderated_at"]),
    (Notice, ["created_at", "claimed_at", "sent_at"]),
    (StudyActivity, ["held_on", "created_at", "updated_at"]),
    (StudyReport, ["created_at", "updated_at"]),
    (TextDocument, ["created_at", "updated_at"]),
    (PhaseAcceptance, ["created_at", "updated_at"]),
    (SupervisionActivity, ["happened_on", "created_at"]),
]
CN_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")


def plans():
    return {(p.phase.number, p.wave): (p.starts_on, p.ends_on) for p in WavePlan.objects.all()}


def items():
    """{(unit path, kind): (created, state changed, state, level, text of the record)}."""
    rows = {}
    for item in ReviewItem.objects.select_related("unit", "record_type"):
        record = item.record
        body = record.note if isinstance(record, PhaseAcceptance) else record.body
        key = (item.unit.path, item.kind)
        rows[key] = (item.created_at, item.state_changed_at, item.state, item.level, body)
    return rows


def reference():
    """What the session's county (on the reference timeline) shows."""
    campaign = Campaign.objects.get()
    assert campaign.starts_on == REFERENCE_START
    return {
        "campaign": (campaign.starts_on, campaign.ends_on),
        "plans": plans(),
        "items": items(),
        "born": sorted(Member.objects.values_list("birth_year", flat=True)),
        "opinions": Opinion.objects.count(),
    }


def latest():
    """The latest time anything in the demo happened at, as a local date and time."""
    found = []
    for model, fields in EVENTS:
        values = model.objects.aggregate(**{f: Max(f) for f in fields})
        for name, value in values.items():
            if isinstance(value, datetime.datetime):
                found.append((value.astimezone(SHANGHAI).replace(tzinfo=None), model, name))
            elif value is not None:
                found.append((datetime.datetime.combine(value, datetime.time()), model, name))
    return max(found, key=lambda row: row[0])


def assert_nothing_on_or_after(day):
    when, model, name = latest()
    assert when < datetime.datetime.combine(day, datetime.time()), (model.__name__, name, when)


def moved(text, shift, year=2014):
    """``text`` with each date it prints (5月12日) moved by ``shift``."""

    def move(match):
        day = datetime.date(year, int(match[1]), int(match[2])) + shift
        return f"{day.month}月{day.day}日"

    return CN_DATE.sub(move, text)


def test_a_start_in_the_past_moves_every_date_and_freezes_the_portal_on_the_demo_day():
    before = reference()
    start = datetime.date(2025, 3, 10)
    shift = start - REFERENCE_START
    demo_day = start + LEAD
    with override_settings(DEMO_START="2025-03-10"):
        seed(counties=1, small=True)

    campaign = Campaign.objects.get()
    assert (campaign.starts_on, campaign.ends_on) == tuple(d + shift for d in before["campaign"])
    assert plans() == {k: (lo + shift, hi + shift) for k, (lo, hi) in before["plans"].items()}
    assert campaign.frozen_on == demo_day == datetime.date(2025, 5, 25)
    assert clock.today() == demo_day and load_plan().today == demo_day
    assert_nothing_on_or_after(demo_day)
    assert Opinion.objects.aggregate(Max("received_on"))["received_on__max"] < demo_day

    # The campaign's items are the reference ones, moved: same states, times moved by the
    # shift, and the dates their texts print moved too.
    after = items()
    assert after.keys() == before["items"].keys()
    printed = 0
    for key, (created, changed, state, level, body) in before["items"].items():
        assert after[key][:4] == (created + shift, changed + shift, state, level), key
        if key[1] in ("study_days", "meeting") and CN_DATE.search(body):
            assert after[key][4] == moved(body, shift), key
            assert after[key][4] != body
            printed += 1
    assert printed >= 3
    # Members are as old on the demo day as on the reference one.
    years = demo_day.year - 2014
    assert sorted(Member.objects.values_list("birth_year", flat=True)) == [
        born + years for born in before["born"]
    ]


def test_by_default_the_demo_day_is_today_and_the_portal_runs_on_real_time():
    before = reference()
    first = timezone.localdate()
    with override_settings(DEMO_START=""):
        seed(counties=1, small=True)
    last = timezone.localdate()  # the seed may run over midnight

    campaign = Campaign.objects.get()
    demo_day = campaign.starts_on + LEAD
    assert demo_day in (first, last)
    shift = campaign.starts_on - REFERENCE_START
    assert campaign.ends_on == before["campaign"][1] + shift
    assert plans() == {k: (lo + shift, hi + shift) for k, (lo, hi) in before["plans"].items()}
    assert campaign.frozen_on is None
    assert clock.today() == timezone.localdate()
    assert_nothing_on_or_after(demo_day)
    assert Opinion.objects.count() == before["opinions"]
    assert ReviewItem.objects.count() == len(before["items"])
