"""A small, self-made review scenario inside the demo county: a new village under 胜坨镇
(group 1) with its own secretary and head accounts, and a requirement for it."""

import datetime

import pytest

from campaign.org import services as org_services
from campaign.org.models import Role, UnitKind, User
from campaign.phases import services as phase_services
from campaign.phases.models import Campaign, Requirement


@pytest.fixture
def campaign(db):
    existing = Campaign.objects.order_by("id").first()
    if existing:
        return existing
    return phase_services.setup_campaign(
        actor=None,
        name="测试活动",
        starts_on=datetime.date(2014, 2, 28),
        ends_on=datetime.date(2014, 9, 30),
    )


@pytest.fixture
def requirement(campaign):
    return Requirement.objects.create(
        phase=campaign.phases.get(number=2),
        name="测试对照检查材料",
        item_kind="material",
        kinds=[],
        due_offset_days=30,
    )


@pytest.fixture
def scene(db, shengtuo, requirement):
    office = User.objects.get(username="office")
    unit = org_services.create_unit(
        actor=office,
        name="测试村",
        kind=UnitKind.VILLAGE,
        parent=shengtuo,
        wave=3,
        group=shengtuo.group,
    )

    def account(username, role, **extra):
        return User.objects.create_user(
            username, password="x", role=role, full_name=username, **extra
        )

    secretary = account("t-secretary", Role.SECRETARY, unit=unit)
    head = account("t-head", Role.CADRE, unit=unit)
    unit.head = head
    unit.save(update_fields=["head"])
    return {
        "unit": unit,
        "secretary": secretary,
        "head": head,
        "supervisor": User.objects.get(username="supervisor1"),
        "other_supervisor": User.objects.get(username="supervisor2"),
        "office": office,
        "office2": User.objects.get(username="office2"),
        "requirement": requirement,
    }


# The steps tests take in the words of the old text chain, through today's services: a
# material is a written record (campaign.documents), an acceptance a phase acceptance.
def create_item(*, actor, unit, title, body, kind=None, requirement=None, phase=None, at=None):
    from campaign.acceptance import services as acceptance
    from campaign.documents.models import TextDocument
    from campaign.review import writing

    if kind == "acceptance":
        return acceptance.request_acceptance(actor=actor, unit=unit, phase=phase, note=body, at=at)
    kind = requirement.item_kind if requirement is not None else kind
    return writing.write(
        actor=actor,
        model=TextDocument,
        kind=kind,
        unit=unit,
        title=title,
        body=body,
        requirement=requirement,
        phase=phase,
        at=at,
    )


def revise_item(*, actor, item, title, body, at=None):
    from campaign.acceptance import services as acceptance
    from campaign.review import writing

    if item.kind == "acceptance":
        return acceptance.revise_request(actor=actor, item=item, note=body, at=at)
    return writing.rewrite(actor=actor, item=item, title=title, body=body, at=at)


def check_acceptance(*, actor, item, checks, comment=""):
    from campaign.review import services

    return services.check_item(actor=actor, item=item, answers=checks, comment=comment)
