"""URL × persona grid rows of the one-to-one talks (joined into tests/test_access_grid.py).

A team's talks page is read by everyone whose scope holds the unit. Talks are recorded by
either party, the unit's own secretary and the office; anyone else who sees the unit is
refused a write with 403, and for anyone who does not see it the page does not exist (404).
The grid's talk is one between 胜坨镇's head and a deputy, so the head may change it.
"""

from tests.grid_common import SHENGTUO_READ, shengtuo_pk

TALK_KEEPERS = SHENGTUO_READ | dict.fromkeys(["supervisor1", "leader", "inspector"], 403)
# A post that succeeds redirects back to the talks page.
TALK_POSTS = {k: (302 if v == 200 else v) for k, v in TALK_KEEPERS.items()}


def _talk(objects):
    return {"pk": objects["talk"].pk}


TALKS_GRID = {
    "talks:unit": ("get", shengtuo_pk, SHENGTUO_READ),
    # An empty form is refused with its errors (422) for whoever may record.
    "talks:create": (
        "post",
        shengtuo_pk,
        {k: (422 if v == 200 else v) for k, v in TALK_KEEPERS.items()},
    ),
    "talks:edit": ("get", _talk, TALK_KEEPERS),
    "talks:delete": ("post", _talk, TALK_POSTS),
}


def talks_grid_objects(objects):
    """A complete talk of 胜坨镇's head with its first deputy, recorded by the secretary."""
    from campaign.org.models import TeamSeat, User
    from campaign.phases import clock
    from campaign.talks.models import FIVE_KEYS
    from campaign.talks.services import record_talk

    seats = list(TeamSeat.objects.filter(unit=objects["shengtuo"]).order_by("order")[:2])
    talk = record_talk(
        actor=User.objects.get(username="secretary"),
        unit=objects["shengtuo"],
        first=seats[0].cadre,
        second=seats[1].cadre,
        held_on=clock.today(),
        **{f"{k}_done": True for k in FIVE_KEYS},
    )
    return {"talk": talk}
