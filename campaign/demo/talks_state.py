"""The demo county's one-to-one talks (谈心谈话), recorded through the talks app's own
service (``campaign.talks.services.record_talk``) on the demo timeline: talks are
workflow, not reference data.

Wave 1 is deep in phase 2 on the demo day: most of its teams have held most of their
must-talks (三个必谈), a few pairs are still missing and a few talks went through fewer
than the five things (五个谈透). Wave 2 started phase 2 two weeks before the demo day and
has held about a third of its pairs; wave 3 has not started phase 2. Every talk is
recorded by the unit's secretary, on a working day between the start of the wave's
phase 2 and the evening before the demo day.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from campaign.org.models import TEAM_KINDS, Role, User
from campaign.phases.models import WavePlan
from campaign.talks.coverage import required_pairs, team_seats
from campaign.talks.models import FIVE_KEYS
from campaign.talks.services import record_talk

from . import timeline

TZ = ZoneInfo("Asia/Shanghai")
# (share of a team's pairs talked, share of those talks with fewer than five things)
SHARES = {1: (0.9, 0.06), 2: (0.35, 0.1)}
NOTES = {
    "team": ["班子联系服务群众的突出问题", "班子会风文风不实", "班子落实八项规定的差距"],
    "own": ["本人深入基层调研少的问题", "本人工作作风不够扎实", "本人对分管工作督促检查不到位"],
    "other": ["对方抓落实力度不够", "对方与群众面对面交流少", "对方文件材料把关不严"],
    "criticism": ["准备在民主生活会上提出的批评意见已当面说明", "相互指出了会议多、检查多的问题"],
    "measures": ["商定了整改时限和责任分工", "明确了即知即改的具体事项"],
}


def _working_days(first, last):
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and not timeline.is_holiday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _things(rng, complete):
    keys = list(FIVE_KEYS)
    ticked = set(keys)
    if not complete:
        ticked -= set(rng.sample(keys, rng.randint(1, 3)))
    values = {}
    for key in keys:
        values[f"{key}_done"] = key in ticked
        values[f"{key}_note"] = rng.choice(NOTES[key]) if key in ticked else ""
    return values


def build(index, root):
    """Talks of the county's teams in waves 1 and 2."""
    rng = random.Random(f"talks-{index}")
    line = timeline.current()
    starts = {
        p.wave: p.starts_on
        for p in WavePlan.objects.filter(phase__number=2).order_by("phase__campaign_id")
    }
    units = [
        n.unit
        for n in root.walk()
        if n.is_organisation and n.unit.kind in TEAM_KINDS and n.unit.wave in SHARES
    ]
    secretaries = {
        u.unit_id: u
        for u in User.objects.filter(role=Role.SECRETARY, unit__in=[u.pk for u in units])
    }
    for unit in units:
        secretary = secretaries.get(unit.pk)
        if secretary is None or unit.wave not in starts:
            continue
        days = _working_days(starts[unit.wave], line.last_day)
        if not days:
            continue
        share, incomplete = SHARES[unit.wave]
        for pair in required_pairs(team_seats(unit)):
            if rng.random() >= share:
                continue
            day = rng.choice(days)
            at = datetime.datetime.combine(day, datetime.time(rng.randint(9, 17), 0), tzinfo=TZ)
            record_talk(
                actor=secretary,
                unit=unit,
                first=pair.a,
                second=pair.b,
                held_on=day,
                at=at,
                **_things(rng, complete=rng.random() >= incomplete),
            )
