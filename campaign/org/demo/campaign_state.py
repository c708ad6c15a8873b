"""The campaign of the demo county as it stands on the demo day, 2014-05-15.

``build(index, root, accounts, members)`` runs after a county's accounts exist. For the
first county it sets up the campaign (phases, wave plans, the speech's requirements)
and freezes the portal's date; for every county it writes the units' submitted items,
their versions and history, and the supervision groups' activities, all in bulk.

The items are stepped in memory by ``Sim``, which does exactly what the review services
(``campaign.review.services``) do, so the rows are the ones the services would have
written: wave 1 (county organs) is deep in phase 2, wave 2 (towns) finishing phase 1,
wave 3 (villages, enterprises) just starting.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from campaign.history.models import HistoryEntry
from campaign.org.models import Role, UnitKind
from campaign.phases.models import (
    Campaign,
    ItemKind,
    Phase,
    Requirement,
    SupervisionActivity,
    WavePlan,
)
from campaign.phases.services import setup_campaign
from campaign.review.models import (
    ACCEPTANCE_CHECKS,
    ChainConfig,
    Level,
    Reason,
    ReviewItem,
    ReviewVersion,
    State,
)

from .texts import Texts

BATCH = 1000
TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date
TODAY = D(2014, 5, 15)  # the portal's "today" in the demo
LAST_DAY = D(2014, 5, 14)  # nothing happens after the evening before
CAMPAIGN_NAME = "垦利县党的群众路线教育实践活动"
STARTS_ON, ENDS_ON = D(2014, 2, 28), D(2014, 9, 30)
PLANS = {
    (1, 1): (D(2014, 3, 1), D(2014, 4, 15)),
    (2, 1): (D(2014, 4, 10), D(2014, 6, 10)),
    (3, 1): (D(2014, 6, 1), D(2014, 8, 31)),
    (1, 2): (D(2014, 3, 20), D(2014, 5, 5)),
    (2, 2): (D(2014, 5, 1), D(2014, 6, 30)),
    (3, 2): (D(2014, 6, 20), D(2014, 9, 10)),
    (1, 3): (D(2014, 5, 1), D(2014, 6, 15)),
    (2, 3): (D(2014, 6, 10), D(2014, 7, 31)),
    (3, 3): (D(2014, 7, 20), D(2014, 9, 25)),
}
ACCEPTANCE_TITLE = "学习教育、听取意见环节验收申请"
# The requirements of setup_campaign, by their position (Requirement.order).
STUDY, COVERAGE, OPINIONS, MATERIAL, MEETING = range(5)
PHASE_ONE = (STUDY, COVERAGE, OPINIONS)
KEYS = {STUDY: "study", COVERAGE: "coverage", OPINIONS: "opinions", MATERIAL: "material"}
KEYS[MEETING] = "meeting"


class Spec(NamedTuple):
    """Where an item stands: its state, the level it waits at, the levels it was sent back
    at (in order), and how many revisions followed the last send-back (or the draft)."""

    state: str
    level: str = ""
    backs: tuple = ()
    revised: int = 0


def passed(*backs):
    return Spec(State.PASSED, "", backs)


def waiting(level, *backs):
    return Spec(State.IN_REVIEW, level, backs)


def sent_back(*backs, revised=0):
    return Spec(State.SENT_BACK, "", backs, revised)


def draft(revised=0):
    return Spec(State.DRAFT, "", (), revised)


HEAD, GROUP, OFFICE = Level.HEAD.value, Level.GROUP.value, Level.OFFICE.value

# The towns, one by one (wave 2): phase 1 mostly in review or signed off, a few overdue
# with nothing submitted, acceptance requested by two. 胜坨镇 (the demo secretary's town,
# group 1) has one of each: signed off, sent back, at the group, at its head, not started.
TOWNS = {
    "垦利街道": {STUDY: passed(), COVERAGE: passed(), OPINIONS: passed(GROUP), MATERIAL: draft()},
    "兴隆街道": {STUDY: passed(), COVERAGE: passed(), OPINIONS: waiting(GROUP)},
    "胜坨镇": {
        STUDY: passed(GROUP),
        COVERAGE: waiting(GROUP),
        OPINIONS: sent_back(HEAD, GROUP),
        MATERIAL: waiting(HEAD),
    },
    "郝家镇": {STUDY: passed(), COVERAGE: waiting(GROUP), OPINIONS: waiting(HEAD, GROUP)},
    "永安镇": {STUDY: passed(), COVERAGE: passed(), OPINIONS: passed(), MATERIAL: draft(1)},
    "黄河口镇": {STUDY: passed(), COVERAGE: waiting(GROUP)},
    "董集乡": {STUDY: waiting(GROUP, HEAD)},
}
TOWN_ACCEPTANCES = {"垦利街道": waiting(GROUP), "永安镇": waiting(GROUP)}


def pick(rng, table):
    """One value of ``table`` [(weight, value)], drawn by weight."""
    r, total = rng.random() * sum(w for w, _ in table), 0
    for weight, value in table:
        total += weight
        if r < total:
            return value
    return table[-1][1]


def moments(rng, lo, hi, n):
    """``n`` strictly increasing datetimes in office hours, on days ``lo``..``hi``."""
    hi = max(lo, min(hi, LAST_DAY))
    span = (hi - lo).days
    slots = set()
    while len(slots) < n:
        slots.add((rng.randint(0, span), rng.randrange(8 * 60 + 30, 17 * 60 + 50, 5)))
    return [
        datetime.datetime.combine(
            lo + datetime.timedelta(days=day), datetime.time(minute // 60, minute % 60), TZ
        )
        for day, minute in sorted(slots)
    ]


def tokens(spec, levels):
    """The steps that bring a new item to ``spec``: create, revise, submit, pass, back."""
    steps = ["create"]
    if spec.state == State.DRAFT:
        return steps + ["revise"] * spec.revised
    for n, level in enumerate(spec.backs):
        steps += ["revise"] * bool(n) + ["submit"] + ["pass"] * levels.index(level) + ["back"]
    if spec.state == State.SENT_BACK:
        return steps + ["revise"] * spec.revised
    steps += ["revise"] * bool(spec.backs) + ["submit"]
    return steps + ["pass"] * (len(levels) if spec.state == State.PASSED else levels.index(spec.level))


@dataclass
class Context:
    """The campaign's rows the builder needs, loaded once per county."""

    campaign: Campaign
    phases: dict
    requirements: dict  # by order (STUDY, COVERAGE, ...)
    dues: dict  # (order, wave) -> date
    starts: dict  # (phase number, wave) -> date
    levels: dict  # item kind -> review levels
    item_type: ContentType
    activity_type: ContentType

    @classmethod
    def load(cls, index):
        campaign = _set_up_campaign() if index == 1 else Campaign.objects.get()
        phases = {p.number: p for p in campaign.phases.all()}
        plans = {(p.phase_id, p.wave): p for p in WavePlan.objects.filter(phase__in=phases.values())}
        requirements = {
            r.order: r for r in Requirement.objects.filter(phase__campaign=campaign).order_by("order")
        }
        dues = {
            (order, wave): due
            for order, r in requirements.items()
            for wave, due in r.due_for_wave(plans).items()
        }
        starts = {(p.phase.number, p.wave): p.starts_on for p in plans.values() if (p.phase := phases_by_pk(phases, p))}
        return cls(
            campaign,
            phases,
            requirements,
            dues,
            starts,
            {kind: ChainConfig.levels_for(kind) for kind in ItemKind.values},
            ContentType.objects.get_for_model(ReviewItem),
            ContentType.objects.get_for_model(SupervisionActivity),
        )
