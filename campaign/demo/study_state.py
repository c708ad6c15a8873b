"""What the demo county's units studied, recorded through the study app's own service
(``campaign.study.services.create_activity``), so that every study report the demo shows
as sent or signed rests on study the portal counts: a leadership team's three days of
rotating reading and discussion, and every member reached (flagged members by home
delivery). Units whose report is still a draft have studied less."""

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from campaign.study.models import LEADERSHIP_KINDS, ActivityKind, StudyFormat
from campaign.study.services import create_activity

TZ = ZoneInfo("Asia/Shanghai")
DAYS, COVERAGE = "study_days", "study_coverage"
STUDY_KINDS = (DAYS, COVERAGE)
TOPICS = [
    "学习习近平总书记关于党的群众路线教育实践活动的重要讲话",
    "学习《论群众路线——重要论述摘编》",
    "学习《党的群众路线教育实践活动学习文件选编》",
]


def _when(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=TZ)


def _first_submission(sim):
    return sim.submitted_at.date() if sim.submitted_at else None


def build(sims, units, members, directory, phase_starts):
    """Study activities for the units of ``sims`` (the county's review items, before they
    are saved): enough for each study report that was ever sent, less for a draft."""
    by_unit = defaultdict(list)
    for member in members:
        by_unit[member.unit_id].append(member)
    reports = defaultdict(dict)
    for sim in sims:
        if sim.item.kind in STUDY_KINDS:
            reports[sim.item.unit_id][sim.item.kind] = sim
    count = 0
    for unit_id, kinds in reports.items():
        unit_members = by_unit.get(unit_id, [])
        if not unit_members:
            continue
        unit = units[unit_id]
        secretary = directory.secretary[unit_id]
        supervisors = directory.supervisors.get(unit.group_id) or [None]
        start = phase_starts[(1, unit.wave)]
        for kind, sim in kinds.items():
            sent = _first_submission(sim)
            by = (sent or sim.created_at.date()) - datetime.timedelta(days=1)
            by = max(by, start)
            if kind == DAYS and unit.kind in LEADERSHIP_KINDS:
                count += _concentrated(
                    unit, secretary, supervisors[0], unit_members, start, by, full=sent is not None
                )
            elif kind == COVERAGE:
                count += _coverage(unit, secretary, unit_members, start, by, full=sent is not None)
    return count


def _concentrated(unit, secretary, supervisor, members, start, by, full):
    """Three days that count (two sessions) when the report was sent, one day otherwise."""
    team = members[: max(3, min(len(members), 15))]
    sessions = (
        [(StudyFormat.READING, 4), (StudyFormat.DISCUSSION, 2)]
        if full
        else [(StudyFormat.READING, 2)]
    )
    span = max((by - start).days, 1)
    for n, (fmt, half_days) in enumerate(sessions):
        day = start + datetime.timedelta(days=min(span, 2 + 5 * n))
        day = min(day, by)
        create_activity(
            actor=secretary,
            unit=unit,
            attendees=team,
            kind=ActivityKind.CONCENTRATED,
            held_on=day,
            half_days=half_days,
            format=fmt,
            topic=TOPICS[n % len(TOPICS)],
            supervisor=supervisor,
            at=_when(day, 17),
        )
    return len(sessions)


def _coverage(unit, secretary, members, start, by, full):
    """Rotating training for the members who can come; home delivery for the retired,
    frail, migrant and front-line members. A draft report: some are not reached yet."""
    flagged = [m for m in members if m.is_retired or m.is_frail or m.is_migrant or m.is_frontline]
    others = [m for m in members if m not in flagged]
    if not full:
        others = others[: max(1, len(others) * 4 // 5)]
        flagged = []
    made = 0
    day = min(start + datetime.timedelta(days=7), by)
    if others:
        create_activity(
            actor=secretary,
            unit=unit,
            attendees=others,
            kind=ActivityKind.TRAINING,
            held_on=day,
            topic="基层党员轮训:党的群众路线教育",
            at=_when(day, 16),
        )
        made += 1
    if flagged:
        day = min(day + datetime.timedelta(days=3), by)
        create_activity(
            actor=secretary,
            unit=unit,
            attendees=flagged,
            kind=ActivityKind.HOME_DELIVERY,
            held_on=day,
            topic="送学上门:学习文件选编",
            at=_when(day, 10),
        )
        made += 1
    return made
