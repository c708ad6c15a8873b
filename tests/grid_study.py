"""URL × persona grid rows of the study app (joined into tests/test_access_grid.py).

A unit's study page is read by everyone whose scope holds the unit. Writes there are
for one persona each (activities: the unit's own secretary; learning checks: a member
of the unit's supervision group); anyone else who sees the unit is refused with 403,
and for anyone who does not see it the page does not exist (404).
"""

import datetime

from tests.conftest import PERSONAS
from tests.grid_common import SHENGTUO_READ, shengtuo_pk, shengtuo_unit_pk

# Read-only in scope: 403; outside it: 404.
SECRETARY_WRITES = SHENGTUO_READ | dict.fromkeys(
    ["office", "supervisor1", "leader", "inspector", "head"], 403
)
GROUP_WRITES = {**SECRETARY_WRITES, "secretary": 403, "supervisor1": 200}
FOLLOW_UP = dict.fromkeys(PERSONAS, 404) | {
    "office": 200,
    "inspector": 200,
    "supervisor1": 200,
    "supervisor2": 200,
    "anonymous": 302,
}


def _activity(objects):
    return {"pk": objects["study_activity"].pk}


STUDY_GRID = {
    "study:unit": ("get", shengtuo_pk, SHENGTUO_READ),
    "study:activity_create": ("get", shengtuo_unit_pk, SECRETARY_WRITES),
    "study:attendee_options": ("get", shengtuo_unit_pk, SECRETARY_WRITES),
    "study:activity_edit": ("get", _activity, SECRETARY_WRITES),
    "study:activity_delete": ("post", _activity, SECRETARY_WRITES | {"secretary": 302}),
    "study:check_create": ("get", shengtuo_unit_pk, GROUP_WRITES),
    "study:follow_up": ("get", None, FOLLOW_UP),
}


def record_session(unit, attendees, *, actor=None, **values):
    """A concentrated study session of ``unit`` by rotating reading, recorded by its secretary."""
    from campaign.org.models import Role, User
    from campaign.study import services

    actor = actor or User.objects.filter(role=Role.SECRETARY, unit=unit).order_by("id").first()
    defaults = {
        "kind": "concentrated",
        "held_on": datetime.date(2014, 5, 6),
        "half_days": 2,
        "format": "reading",
        "topic": "集中学习党章",
        "supervisor": None,
    }
    return services.create_activity(
        actor=actor, unit=unit, attendees=attendees, **(defaults | values)
    )


def study_grid_objects(objects):
    """Objects the rows need, made from the grid's base objects (see grid_objects)."""
    from campaign.study.models import LearningCheck

    shengtuo = objects["shengtuo"]
    activity = record_session(shengtuo, list(shengtuo.members.order_by("id")[:5]))
    LearningCheck.objects.create(
        unit=shengtuo,
        group=objects["group1"],
        checked_on=datetime.date(2014, 5, 10),
        method="test",
        result="poor",
        note="网格:学习不深",
    )
    return {"study_activity": activity}
