"""URL × persona grid rows of the moderation of box submissions (joined into
tests/test_access_grid.py): the office moderates, higher supervision reads the queue and
is refused every step (403), for everyone else none of it exists (404)."""

from tests.grid_common import OFFICE_AND_INSPECTOR_READ, OFFICE_ONLY

OFFICE_STEP = OFFICE_ONLY | {"office": 302}
# A step sent empty: the office is shown the form again with the message at its field.
OFFICE_REFUSED = OFFICE_ONLY | {"office": 422}


def _waiting(objects):
    return {"pk": objects["box_waiting"].pk}


def _hidden(objects):
    return {"pk": objects["box_hidden"].pk}


def _masked(objects):
    return {"pk": objects["box_masked"].pk}


OPINIONS_MODERATION_GRID = {
    "opinions:moderation": ("get", None, OFFICE_AND_INSPECTOR_READ),
    "opinions:moderation_check": ("post", _waiting, OFFICE_STEP),
    "opinions:moderation_hide": ("post", _waiting, OFFICE_REFUSED),
    "opinions:moderation_restore": ("post", _hidden, OFFICE_REFUSED),
    "opinions:moderation_mask": ("get", _waiting, OFFICE_ONLY),
    # the office is shown the original on the opinion's page
    "opinions:reveal": ("post", _masked, OFFICE_ONLY),
}


def moderation_grid_objects(objects):
    """Three submissions to the public box: one waiting for the check, one hidden as
    spam, one whose phone number is masked."""
    from campaign.opinions import moderation, services
    from campaign.opinions.models import Category, Channel, Moderation
    from campaign.org.models import User

    office = User.objects.get(username="office")

    def public(content):
        return services.receive_opinion(
            actor=None, channel=Channel.PUBLIC, content=content, category=Category.OTHER
        )

    waiting = public("网格测试:村里路灯坏了半年没人修")
    hidden = public("网格测试:代办证件,电话13900000000")
    moderation.hide(actor=office, opinion=hidden, kind=Moderation.SPAM, reason="广告信息")
    masked = public("网格测试:我的电话13800005678,村里低保评定不公开")
    moderation.mask(actor=office, opinion=masked, shown=moderation.propose_mask(masked))
    return {"box_waiting": waiting, "box_hidden": hidden, "box_masked": masked}
