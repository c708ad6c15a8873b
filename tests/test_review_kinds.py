"""The review engine takes records of any shape through the registry: a kind registered
only in the test settings (tests/reviewkind) goes the whole way without the review app
knowing it."""

import pytest

from campaign.review import kinds, services
from campaign.review.diff import ADDED, CHANGED, compare
from campaign.review.models import Level, ReviewItem, State
from tests.reviewkind.models import Checklist


@pytest.fixture
def checklist(scene):
    return Checklist.objects.create(
        unit=scene["unit"], title="测试清单", lines={"a": "第一条"}, owner=scene["secretary"]
    )


def test_the_test_kind_is_registered_by_its_own_app():
    kind = kinds.get("test_checklist")
    assert kind.model == "reviewkind.Checklist"
    assert "test_checklist" in dict(kinds.choices())


def test_a_kind_from_another_app_goes_submit_send_back_revise_pass_reopen(scene, checklist):
    secretary, supervisor, office = scene["secretary"], scene["supervisor"], scene["office"]
    item = services.open_item(
        actor=secretary, unit=scene["unit"], record=checklist, kind="test_checklist"
    )
    assert (item.state, item.levels) == (State.DRAFT, [Level.GROUP, Level.OFFICE])
    services.submit_item(actor=secretary, item=item)
    assert item.level == Level.GROUP
    services.send_back_item(actor=supervisor, item=item, reasons=["incomplete"], comment="补充")
    assert item.state == State.SENT_BACK
    checklist.lines = {"a": "第一条，已改", "b": "第二条"}
    checklist.save()
    services.revise_item(actor=secretary, item=item)
    services.submit_item(actor=secretary, item=item)
    services.pass_item(actor=supervisor, item=item)
    services.pass_item(actor=office, item=item)
    assert item.state == State.PASSED and item.version == 2
    rows = dict(_row_states(item))
    assert rows == {"a": CHANGED, "b": ADDED}
    checklist.lines["c"] = "签收后补充"
    checklist.save()
    services.revise_item(actor=secretary, item=item)
    assert item.state == State.DRAFT and item.reopened
    assert item.signed_snapshot["content"]["tables"][0]["rows"] == [
        ["a", ["第一条，已改"]],
        ["b", ["第二条"]],
    ]


def _row_states(item):
    old, new = (v.snapshot for v in item.versions.order_by("number")[:2])
    return [(row.key, row.state) for row in compare(old, new).tables[0].rows]


def test_the_kinds_unmet_blocks_submission_and_its_owner_rule_holds(scene):
    empty = Checklist.objects.create(
        unit=scene["unit"], title="空清单", lines={}, owner=scene["secretary"]
    )
    item = services.open_item(
        actor=scene["secretary"], unit=scene["unit"], record=empty, kind="test_checklist"
    )
    with pytest.raises(services.ReviewError, match="至少写一条"):
        services.submit_item(actor=scene["secretary"], item=item)
    with pytest.raises(services.ReviewError):
        services.submit_item(actor=scene["head"], item=item)  # not the record's owner
    assert ReviewItem.objects.get(pk=item.pk).state == State.DRAFT
