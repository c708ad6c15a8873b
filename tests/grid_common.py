"""The access patterns shared by the URL × persona grid's rows (tests/test_access_grid.py
and the tests/grid_*.py files of later apps)."""

from tests.conftest import PERSONAS

# An office page: the office uses it, higher supervision is refused a write (403), for
# everyone else it does not exist (404); anonymous visitors go to the login page.
OFFICE_ONLY = dict.fromkeys(PERSONAS, 404) | {"office": 200, "inspector": 403, "anonymous": 302}
OFFICE_AND_INSPECTOR_READ = {**OFFICE_ONLY, "inspector": 200}
EVERYONE_LOGGED_IN = dict.fromkeys(PERSONAS, 200) | {"anonymous": 302}
# A page of 胜坨镇 (group 1; the leader's contact unit): read by everyone whose scope holds it.
SHENGTUO_READ = {
    "office": 200,
    "secretary": 200,
    "secretary2": 404,
    "supervisor1": 200,
    "supervisor2": 404,
    "leader": 200,
    "inspector": 200,
    "head": 200,
    "cadre": 404,
    "anonymous": 302,
}


def shengtuo_pk(objects):
    return {"pk": objects["shengtuo"].pk}


def shengtuo_unit_pk(objects):
    return {"unit_pk": objects["shengtuo"].pk}
