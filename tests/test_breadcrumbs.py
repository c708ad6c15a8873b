"""Breadcrumbs link only the ancestors the reader may open: the county above a town is
plain text for the town's secretary and for its supervision group, a link for the office."""

import re

import pytest
from django.urls import reverse

from campaign.org import access
from campaign.org.models import Unit
from campaign.org.queries import attach_ancestors

pytestmark = pytest.mark.django_db


def _crumbs(html):
    """(name, linked) for each step of the first breadcrumb on the page."""
    crumb = re.search(r'<div class="breadcrumb-units">(.*?)</div>', html, re.S).group(1)
    steps = re.findall(r'<a href="/org/units/(\d+)/">([^<]+)</a>|<span[^>]*>([^<]+)</span>', crumb)
    return [(link_name or text, bool(pk)) for pk, link_name, text in steps]


def _village(shengtuo):
    return Unit.objects.filter(parent=shengtuo).order_by("path").first()


@pytest.mark.parametrize("persona", ["secretary", "supervisor1"])
def test_ancestors_outside_the_scope_are_plain_text(client_for, shengtuo, persona):
    html = client_for(persona).get(reverse("overview:unit", args=[shengtuo.pk])).content
    assert _crumbs(html.decode()) == [("垦利县", False), ("镇、街道", False)]


@pytest.mark.parametrize("persona", ["secretary", "supervisor1"])
def test_ancestors_inside_the_scope_stay_links(client_for, shengtuo, persona):
    village = _village(shengtuo)
    html = client_for(persona).get(reverse("overview:unit", args=[village.pk])).content
    assert _crumbs(html.decode()) == [("垦利县", False), ("镇、街道", False), ("胜坨镇", True)]


@pytest.mark.parametrize("persona", ["secretary", "supervisor1"])
def test_every_linked_ancestor_opens(client_for, shengtuo, persona):
    client = client_for(persona)
    html = client.get(reverse("org:unit_list")).content.decode()
    linked = set(re.findall(r'<div class="breadcrumb-units">.*?</div>', html, re.S))
    pks = {pk for crumb in linked for pk in re.findall(r'href="/org/units/(\d+)/"', crumb)}
    assert pks  # the list shows villages under the town
    for pk in pks:
        assert client.get(reverse("overview:unit", args=[pk])).status_code == 200


def test_the_office_sees_every_ancestor_as_a_link(client_for, shengtuo):
    html = client_for("office").get(reverse("overview:unit", args=[shengtuo.pk])).content
    assert _crumbs(html.decode()) == [("垦利县", True), ("镇、街道", True)]


def test_deciding_the_links_costs_no_query_per_ancestor(persona_user, shengtuo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaign.org.templatetags.unit_scope import for_reader

    user = persona_user("secretary")
    units = attach_ancestors(Unit.objects.subtree(shengtuo))
    access.scope_units(user).exists()  # the view has read the user's scope already
    with CaptureQueriesContext(connection) as queries:
        rows = [for_reader(unit.ancestors, user) for unit in units]
    assert len(queries) == 0
    assert sum(len(r) for r in rows) > len(units)


def test_an_anonymous_reader_gets_no_links(shengtuo):
    from django.contrib.auth.models import AnonymousUser

    from campaign.org.templatetags.unit_scope import for_reader

    (unit,) = attach_ancestors([shengtuo])
    assert [a["linked"] for a in for_reader(unit.ancestors, AnonymousUser())] == [False, False]
    assert [a["linked"] for a in for_reader(unit.ancestors, "")] == [False, False]
