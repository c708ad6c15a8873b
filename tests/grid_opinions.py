"""URL × persona grid rows of the opinions app (joined into tests/test_access_grid.py).

The grid's opinions concern 胜坨镇 (group 1): ``opinion`` names nobody and is routed;
``named`` names the town's head, so it is hidden from the town's accounts (its secretary)
and handed to group 1, whose members may answer and correct it; everyone else whose scope
holds 胜坨镇 reads it."""

from tests.conftest import PERSONAS
from tests.grid_common import EVERYONE_LOGGED_IN, SHENGTUO_READ
from tests.grid_opinions_bulk import OPINIONS_BULK_GRID

PUBLIC = dict.fromkeys(PERSONAS, 200)
NO_CADRES = EVERYONE_LOGGED_IN | {"head": 404, "cadre": 404}
NAMED = SHENGTUO_READ | {"secretary": 404, "head": 404}
# Correcting the named opinion (an empty form: 422): those who may answer it; those who
# only read it are refused (403).
NAMED_CORRECT = NAMED | {"office": 422, "supervisor1": 422, "leader": 403, "inspector": 403}
OFFICE_STEP = dict.fromkeys(PERSONAS, 404) | {"office": 302, "anonymous": 302}
# Steps a unit's secretary takes (the office may too); others who can see it are refused
# with a message (302), those who cannot see it get 404.
UNIT_STEP = {k: (302 if v == 200 else v) for k, v in SHENGTUO_READ.items()}


def _opinion(objects):
    return {"pk": objects["opinion"].pk}


def _named(objects):
    return {"pk": objects["named"].pk}


OPINIONS_GRID = {
    "opinions:box": ("get", None, PUBLIC),
    "opinions:lookup": ("get", None, PUBLIC),
    # A cadre, the unit head among them, has no opinion list (access.may_list).
    "opinions:list": ("get", None, NO_CADRES),
    "opinions:create": (
        "get",
        None,
        dict.fromkeys(PERSONAS, 404)
        | {"office": 200, "secretary": 200, "secretary2": 200, "anonymous": 302},
    ),
    "opinions:detail": ("get", _named, NAMED),
    "opinions:route": ("post", _opinion, OFFICE_STEP | {"office": 422}),
    "opinions:take_up": ("post", _opinion, UNIT_STEP),
    "opinions:answer": (
        "post",
        _opinion,
        dict.fromkeys(PERSONAS, 404) | {"office": 422, "secretary": 422, "anonymous": 302},
    ),
    "opinions:publish": ("post", _opinion, UNIT_STEP),
    "opinions:close": ("post", _opinion, UNIT_STEP),
    "opinions:merge": ("post", _opinion, OFFICE_STEP),
    "opinions:correct": ("post", _named, NAMED_CORRECT),
    **OPINIONS_BULK_GRID,
}


def opinions_grid_objects(objects):
    from campaign.opinions import services
    from campaign.opinions.models import Category, Channel
    from campaign.org.models import User

    office = User.objects.get(username="office")
    town = objects["shengtuo"]
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.HOTLINE,
        content="网格测试:办事窗口推诿扯皮",
        category=Category.SERVICE,
    )
    services.route_opinion(actor=office, opinion=opinion, unit=town)
    named = services.receive_opinion(
        actor=office,
        channel=Channel.BOX,
        content="网格测试:某领导作风问题",
        category=Category.HEDONISM,
        named_person=town.head,
        named_person_name=town.head.display_name,
    )
    services.route_opinion(actor=office, opinion=named, unit=town)
    return {"opinion": opinion, "named": named}
