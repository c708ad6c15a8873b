"""URL × persona grid rows of answer deadlines and telling senders (joined into
tests/test_access_grid.py): the office changes them, higher supervision reads them,
for everyone else they do not exist."""

from tests.conftest import PERSONAS

OFFICE_READ = dict.fromkeys(PERSONAS, 404) | {"office": 200, "inspector": 200, "anonymous": 302}
OFFICE_WRITE = dict.fromkeys(PERSONAS, 404) | {"office": 302, "inspector": 403, "anonymous": 302}


def _notice(objects):
    return {"pk": objects["phone_notice"].pk}


def _answered(objects):
    return {"pk": objects["phone_notice"].opinion_id}


OPINIONS_FEEDBACK_GRID = {
    "opinions:deadlines": ("get", None, OFFICE_READ),
    "opinions:notices": ("get", None, OFFICE_READ),
    "opinions:notice_told": ("post", _notice, OFFICE_WRITE),
    # Reopening an answered opinion (an empty form: 422): the office only; for everyone
    # else, whether they read the opinion or not, the action does not exist.
    "opinions:reopen": (
        "post",
        _answered,
        dict.fromkeys(PERSONAS, 404) | {"office": 422, "anonymous": 302},
    ),
}


def feedback_grid_objects(objects):
    """An answered opinion whose sender left only a phone number."""
    from campaign.opinions import services
    from campaign.opinions.models import Category, Channel
    from campaign.org.models import User

    office = User.objects.get(username="office")
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.HOTLINE,
        content="网格测试:路灯坏了没人修",
        category=Category.SERVICE,
        anonymous=False,
        contact_name="王某",
        contact_phone="13800000000",
    )
    services.route_opinion(actor=office, opinion=opinion, unit=objects["shengtuo"])
    services.answer_opinion(actor=office, opinion=opinion, answer="已安排维修，三日内修好。")
    return {"phone_notice": opinion.notices.get()}
