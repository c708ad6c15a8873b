"""Every list page, queue and dashboard runs an exact, pinned number of SQL queries for
each persona who may open it, and the same number on data twice the size.

The pins are measured on the demo county; then the data doubles (a second county with
its campaign, a second village under each town of the two towns the personas sit in,
twice the members of 胜坨镇 and 郝家镇, a copy of every opinion) and every page must run
exactly the same queries again. A change to a page that adds a query changes its pin
here, on purpose; a change that makes a query per row fails at the second size.
"""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.demo import data as demo_data
from campaign.demo.build import build_county, small_county
from campaign.opinions.models import Opinion, new_receipt_code
from campaign.org import services as org_services
from campaign.org.models import Member, Sector, SupervisionGroup, Unit, UnitKind, User
from campaign.talks.models import Talk
from tests.test_access_grid import GRID

pytestmark = pytest.mark.django_db

# Pages that list, queue or count: (url name, kwargs builder).
PAGES = {
    "home": None,
    "org:unit_list": None,
    "org:unit_tree": None,
    "org:unit_children": "shengtuo",
    "org:account_list": None,
    "org:group_list": None,
    "org:group_detail": "group1",
    "opinions:list": None,
    "opinions:notices": None,
    "opinions:moderation": None,
    "overview:campaign": None,
    "overview:progress": None,
    "overview:progress_node": "shengtuo",
    "overview:queue": None,
    "overview:supervision": None,
    "overview:unit": "shengtuo",
    "study:follow_up": None,
    "study:unit": "shengtuo",
    "org:team": "shengtuo",
    "talks:unit": "shengtuo",
    "examination:edit": "material",
}

# {url name: {persona: queries}}, measured on the demo county (a logged-in request with a
# warm session: the session and the user are two of them).
PINS = {
    "home": {
        "office": 13,
        "secretary": 22,
        "secretary2": 18,
        "supervisor1": 9,
        "supervisor2": 9,
        "leader": 7,
        "inspector": 13,
        # + the head's seats on teams and what they oversee, talks, must-talks, own material
        "head": 32,
        # + talks and the must-talks still missing (coverage of their team); their own
        # material and its review item
        "cadre": 29,
    },
    "org:unit_list": {
        "office": 7,
        "secretary": 8,
        "secretary2": 8,
        "supervisor1": 7,
        "supervisor2": 7,
        "leader": 8,
        "inspector": 7,
        "head": 8,
        "cadre": 8,
    },
    "org:unit_tree": {
        "office": 3,
        "secretary": 4,
        "secretary2": 4,
        "supervisor1": 3,
        "supervisor2": 3,
        "leader": 4,
        "inspector": 3,
        "head": 4,
        "cadre": 4,
    },
    "org:unit_children": {
        "office": 4,
        "secretary": 5,
        "supervisor1": 4,
        "leader": 5,
        "inspector": 4,
        "head": 5,
    },
    "org:account_list": {"office": 4, "inspector": 4},
    "org:group_list": {"office": 3, "inspector": 3},
    "org:group_detail": {"office": 6, "supervisor1": 6, "inspector": 6},
    # the office and higher supervision also count the box submissions to check
    "opinions:list": {
        "office": 11,
        "secretary": 11,
        "secretary2": 11,
        "supervisor1": 10,
        "supervisor2": 10,
        "leader": 11,
        "inspector": 11,
    },
    "opinions:notices": {"office": 4, "inspector": 4},
    "opinions:moderation": {"office": 5, "inspector": 5},
    "overview:campaign": {"office": 21, "inspector": 21},  # a review chain per kind
    "overview:progress": {"office": 14, "inspector": 14},
    "overview:progress_node": {"office": 15, "inspector": 15},
    "overview:queue": {
        "office": 9,
        "secretary": 9,
        "secretary2": 9,
        "supervisor1": 9,
        "supervisor2": 9,
        "leader": 9,
        "inspector": 8,
        "head": 10,
        "cadre": 9,
    },
    "overview:supervision": {"office": 15, "supervisor1": 14, "supervisor2": 14, "inspector": 15},
    "overview:unit": {
        "office": 21,
        "secretary": 20,
        "supervisor1": 19,
        "leader": 20,
        "inspector": 21,
        "head": 20,
    },
    "study:follow_up": {"office": 3, "supervisor1": 3, "supervisor2": 3, "inspector": 3},
    "study:unit": {
        "office": 9,
        "secretary": 10,
        "supervisor1": 9,
        "leader": 10,
        "inspector": 9,
        "head": 10,
    },
    # The team with its cadres and 分管 units; who may keep it also gets the add form's
    # cadre and unit choices.
    "org:team": {
        "office": 8,
        "secretary": 9,
        "supervisor1": 6,
        "leader": 7,
        "inspector": 6,
        "head": 7,
    },
    # The must-talk matrix (seats, 分管 units, their heads, talks), the talks with their
    # cadres; a cadre on the team is checked for their seat (the record form).
    "talks:unit": {
        "office": 9,
        "secretary": 10,
        "supervisor1": 9,
        "leader": 10,
        "inspector": 9,
        "head": 11,
    },
    # The author's editor: the material, its item, the opinions naming the author, the
    # problems with their examples, the measures with their problems, the answers.
    "examination:edit": {"cadre": 9},
}


def _kwargs(which):
    if which is None:
        return None
    if which == "shengtuo":
        return {"pk": Unit.objects.get(name="胜坨镇").pk}
    if which == "material":
        from campaign.examination.services import start_material

        return {"pk": start_material(actor=User.objects.get(username="cadre")).record_id}
    return {"pk": SupervisionGroup.objects.get(number=1).pk}


def _readers(name):
    return [p for p, status in GRID[name][2].items() if status == 200 and p != "anonymous"]


def _count(client, url):
    client.get(url)  # warm the session and the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def _measure(client_for, urls):
    return {
        name: {p: _count(client_for(p), url) for p in _readers(name)} for name, url in urls.items()
    }


def _double_the_data():
    """Twice the test county, in every persona's scope."""
    sectors = {s.name: s for s in Sector.objects.all()}
    build_county(2, sectors, make_password(demo_data.PASSWORD), small_county())
    office = User.objects.get(username="office")
    towns = Unit.objects.filter(name__in=["胜坨镇", "郝家镇"]).order_by("path")[:2]
    assert {t.name for t in towns} == {"胜坨镇", "郝家镇"}  # the demo county's, not the copy's
    for town in towns:
        village = town.children.filter(kind=UnitKind.VILLAGE).order_by("path").first()
        org_services.create_unit(
            actor=office,
            name=f"{village.name}二",
            kind=village.kind,
            parent=town,
            wave=village.wave,
            sector=village.sector,
            group=village.group,
        )
        members = list(Member.objects.filter(unit=town))
        Member.objects.bulk_create(
            Member(unit=town, name=m.name, gender=m.gender, birth_year=m.birth_year)
            for m in members
        )
    copies = []
    for opinion in Opinion.objects.all():
        opinion.pk = None
        opinion.receipt_code = new_receipt_code()
        copies.append(opinion)
    Opinion.objects.bulk_create(copies, batch_size=1000)
    shengtuo = Unit.objects.get(pk=towns[0].pk if towns[0].name == "胜坨镇" else towns[1].pk)
    talks = list(Talk.objects.filter(unit=shengtuo))
    for talk in talks:
        talk.pk = None
    Talk.objects.bulk_create(talks)


def test_every_list_queue_and_dashboard_runs_its_pinned_queries_at_two_sizes(client_for):
    urls = {name: reverse(name, kwargs=_kwargs(which)) for name, which in PAGES.items()}
    small = _measure(client_for, urls)
    assert small == PINS, f"pinned query counts changed on the demo county: {small!r}"
    _double_the_data()
    assert _measure(client_for, urls) == small, "query counts grew with the data"


def test_every_page_has_a_pin_for_each_of_its_readers():
    assert set(PINS) == set(PAGES)
    for name, pins in PINS.items():
        assert set(pins) == set(_readers(name)), name
