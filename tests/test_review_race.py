"""Two reviewers acting on one item at the same moment make exactly one transition."""

import threading

import pytest
from django.db import connection, connections

from campaign.history.services import history_for
from campaign.org import services as org_services
from campaign.org.models import Role, Unit, UnitKind, User
from campaign.review import services
from campaign.review.models import ChainConfig, Level, ReviewItem, State
from tests.review_fixtures import create_item

RUNS = 100 if connection.vendor == "postgresql" else 20


def race(item_pk, actors):
    """Every actor signs the item off at the same moment; return what each was told."""
    barrier = threading.Barrier(len(actors))
    results = []

    def act(actor):
        try:
            item = ReviewItem.objects.select_related("unit").get(pk=item_pk)
            barrier.wait(timeout=10)
            services.pass_item(actor=actor, item=item)
            results.append("signed off")
        except services.ReviewError:
            results.append("told it was handled")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


@pytest.mark.django_db(transaction=True)
def test_two_office_reviewers_signing_off_at_once_make_one_transition(demo_county):
    office, office2 = User.objects.get(username="office"), User.objects.get(username="office2")
    town = Unit.objects.get(name="胜坨镇")
    unit = org_services.create_unit(
        actor=office,
        name="并发测试村",
        kind=UnitKind.VILLAGE,
        parent=town,
        wave=3,
        group=town.group,
    )
    secretary = User.objects.create_user("race-sec", password="x", role=Role.SECRETARY, unit=unit)
    ChainConfig.objects.update_or_create(kind="meeting", defaults={"levels": [Level.OFFICE]})
    outcomes = []
    for n in range(RUNS):
        item = create_item(
            actor=secretary, unit=unit, kind="meeting", title=f"会议记录{n}", body="内容"
        )
        services.submit_item(actor=secretary, item=item)
        told = race(item.pk, [office, office2])
        item.refresh_from_db()
        signed_off = history_for(item).filter(code="review.item.signed_off").count()
        outcomes.append((item.state, signed_off, tuple(told)))
    expected = (State.PASSED, 1, ("signed off", "told it was handled"))
    assert [o for o in outcomes if o != expected] == []
