"""URL × persona grid rows of the leadership teams (joined into tests/test_access_grid.py).

A unit's team page is read by everyone whose scope holds the unit. The team is kept by
the office and the unit's own secretary; anyone else who sees the unit is refused a
write with 403, and for anyone who does not see it the page does not exist (404). The
import is an office page.
"""

from tests.grid_common import OFFICE_ONLY, SHENGTUO_READ, shengtuo_pk

TEAM_KEEPERS = SHENGTUO_READ | dict.fromkeys(["supervisor1", "leader", "inspector", "head"], 403)
# A post that succeeds redirects back to the team page.
TEAM_POSTS = {k: (302 if v == 200 else v) for k, v in TEAM_KEEPERS.items()}


def _seat(objects):
    return {"pk": objects["seat"].pk}


TEAMS_GRID = {
    "org:team": ("get", shengtuo_pk, SHENGTUO_READ),
    # An empty form is refused with its errors (422) for whoever may keep the team.
    "org:team_seat_add": (
        "post",
        shengtuo_pk,
        {k: (422 if v == 200 else v) for k, v in TEAM_KEEPERS.items()},
    ),
    "org:team_seat_edit": ("get", _seat, TEAM_KEEPERS),
    "org:team_seat_move": ("post", _seat, TEAM_POSTS),
    "org:team_seat_remove": ("post", _seat, TEAM_POSTS),
    "org:team_import": ("get", None, OFFICE_ONLY),
    "org:team_import_template": ("get", None, OFFICE_ONLY),
}


def teams_grid_objects(objects):
    """The last seat of 胜坨镇's team (a member, not its head)."""
    from campaign.org.models import TeamSeat

    seat = TeamSeat.objects.filter(unit=objects["shengtuo"]).order_by("order").last()
    return {"seat": seat}
