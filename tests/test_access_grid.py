"""Every URL × every persona, with the status each must get.

A new URL without a row here fails ``test_every_url_has_a_row_in_the_grid``. Outside a
user's scope a page is a 404 (it does not exist for them); read-only access to a write
page is a 403; anonymous visitors are sent to the login page (302).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS
from tests.grid_common import (
    EVERYONE_LOGGED_IN,
    OFFICE_AND_INSPECTOR_READ,
    OFFICE_ONLY,
    SHENGTUO_READ,
    shengtuo_pk,
    shengtuo_unit_pk,
)
from tests.review_fixtures import create_item, revise_item

SHENGTUO_ROSTER = {
    **SHENGTUO_READ,
    "supervisor1": 403,
    "leader": 403,
    "inspector": 403,
    "head": 403,
}


def _member(objects):
    return {"pk": objects["member"].pk}


def _group1(objects):
    return {"pk": objects["group1"].pk}


def _account(objects):
    return {"pk": objects["account"].pk}


# A unit's records are kept by its secretary and drafted under its head (review.access).
UNIT_KEEPERS = dict.fromkeys(PERSONAS, 404) | {"secretary": 200, "head": 200, "anonymous": 302}
REVIEWERS_OF_THE_ITEM = dict.fromkeys(PERSONAS, 404) | {"anonymous": 302}


def _item(objects):
    return {"pk": objects["item"].pk}


def _new_item(objects):
    return {"unit_pk": objects["shengtuo"].pk, "requirement_pk": objects["requirement"].pk}


def _acceptance(objects):
    return {"unit_pk": objects["shengtuo"].pk, "phase_pk": objects["requirement"].phase_id}


def _document(objects):
    return {"pk": objects["item"].record_id}


def _acceptance_record(objects):
    return {"pk": objects["acceptance"].record_id}


def _study_requirement(objects):
    return {"unit_pk": objects["shengtuo"].pk, "requirement_pk": objects["study_requirement"].pk}


def _study_report(objects):
    return {"pk": objects["study_report"].record_id}


def _requirement(objects):
    return {"pk": objects["requirement"].pk}


# url name: (method, kwargs builder or None, {persona: status})
GRID = {
    "home": ("get", None, EVERYONE_LOGGED_IN),
    "login": ("get", None, dict.fromkeys(PERSONAS, 302) | {"anonymous": 200}),
    "logout": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "set_language": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "healthz": ("get", None, dict.fromkeys(PERSONAS, 200)),
    "admin:index": ("get", None, dict.fromkeys(PERSONAS, 302) | {"office": 200}),
    "org:unit_list": ("get", None, EVERYONE_LOGGED_IN),
    "org:unit_tree": ("get", None, EVERYONE_LOGGED_IN),
    "org:unit_create": ("get", None, OFFICE_ONLY),
    "overview:unit": ("get", shengtuo_pk, SHENGTUO_READ),
    "org:unit_children": ("get", shengtuo_pk, SHENGTUO_READ),
    "org:unit_edit": ("get", shengtuo_pk, OFFICE_ONLY),
    # 胜坨镇 has sub-units, so the office's delete is refused and redirects with a message.
    "org:unit_delete": ("post", shengtuo_pk, OFFICE_ONLY | {"office": 302}),
    "org:member_create": ("get", shengtuo_pk, SHENGTUO_ROSTER),
    "org:member_edit": ("get", _member, SHENGTUO_ROSTER),
    "org:member_delete": (
        "post",
        _member,
        {k: (302 if v == 200 else v) for k, v in SHENGTUO_ROSTER.items()},
    ),
    "org:group_list": ("get", None, OFFICE_AND_INSPECTOR_READ),
    "org:group_create": ("get", None, OFFICE_ONLY),
    "org:group_detail": ("get", _group1, OFFICE_AND_INSPECTOR_READ | {"supervisor1": 200}),
    "org:group_edit": ("get", _group1, OFFICE_ONLY),
    "org:group_assign": ("get", _group1, OFFICE_ONLY),
    "org:account_list": ("get", None, OFFICE_AND_INSPECTOR_READ),
    "org:account_create": ("get", None, OFFICE_ONLY),
    "org:account_edit": ("get", _account, OFFICE_ONLY),
    "org:account_password": ("get", _account, OFFICE_ONLY),
    "org:import": ("get", None, OFFICE_ONLY),
    "org:import_template": ("get", None, OFFICE_ONLY),
    "overview:campaign": ("get", None, OFFICE_AND_INSPECTOR_READ),
    "overview:requirement_create": ("get", None, OFFICE_ONLY),
    "overview:requirement_edit": ("get", _requirement, OFFICE_ONLY),
    "overview:progress": ("get", None, OFFICE_AND_INSPECTOR_READ),
    "overview:progress_node": ("get", shengtuo_pk, OFFICE_AND_INSPECTOR_READ),
    "overview:supervision": (
        "get",
        None,
        OFFICE_AND_INSPECTOR_READ | {"supervisor1": 200, "supervisor2": 200},
    ),
    "phases:activity_create": (
        "get",
        shengtuo_unit_pk,
        dict.fromkeys(PERSONAS, 404) | {"supervisor1": 200, "anonymous": 302},
    ),
    # The grid's item: 胜坨镇's, passed by its head and in review at its supervision group
    # (group 1), two versions. A reviewer of another level is told it moved on (302).
    "overview:queue": ("get", None, EVERYONE_LOGGED_IN),
    "review:item_detail": ("get", _item, SHENGTUO_READ),
    "review:item_diff": ("get", _item, SHENGTUO_READ),
    # A record being reviewed is not revised: its owner is sent back to the item page.
    "documents:edit": ("get", _document, UNIT_KEEPERS | {"secretary": 302, "head": 302}),
    "review:item_submit": ("post", _item, UNIT_KEEPERS | {"secretary": 302, "head": 302}),
    "review:item_pass": (
        "post",
        _item,
        REVIEWERS_OF_THE_ITEM | {"supervisor1": 302, "office": 302, "head": 302},
    ),
    "review:item_send_back": (
        "post",
        _item,
        REVIEWERS_OF_THE_ITEM | {"supervisor1": 422, "office": 422, "head": 422},
    ),
    # The grid's item is a material, decided by a plain pass: checks are refused with a message.
    "review:item_check": (
        "post",
        _item,
        REVIEWERS_OF_THE_ITEM | {"supervisor1": 302, "office": 302, "head": 302},
    ),
    "review:item_except": ("post", _item, REVIEWERS_OF_THE_ITEM | {"office": 422}),
    "acceptance:edit": ("get", _acceptance_record, UNIT_KEEPERS),
    "study:report_start": ("get", _study_requirement, UNIT_KEEPERS),
    "study:report_edit": ("get", _study_report, UNIT_KEEPERS),
    "documents:start": ("get", _new_item, UNIT_KEEPERS),
    "acceptance:start": ("get", _acceptance, UNIT_KEEPERS),
}


# Rows of later apps live beside their tests and join the one grid here.
from tests.grid_examination import EXAMINATION_GRID, examination_grid_objects  # noqa: E402
from tests.grid_opinions import OPINIONS_GRID, opinions_grid_objects  # noqa: E402
from tests.grid_opinions_feedback import (  # noqa: E402
    OPINIONS_FEEDBACK_GRID,
    feedback_grid_objects,
)
from tests.grid_opinions_moderation import (  # noqa: E402
    OPINIONS_MODERATION_GRID,
    moderation_grid_objects,
)
from tests.grid_opinions_similar import OPINIONS_SIMILAR_GRID  # noqa: E402
from tests.grid_study import STUDY_GRID, study_grid_objects  # noqa: E402
from tests.grid_talks import TALKS_GRID, talks_grid_objects  # noqa: E402
from tests.grid_teams import TEAMS_GRID, teams_grid_objects  # noqa: E402

GRID.update(STUDY_GRID)
GRID.update(OPINIONS_GRID)
GRID.update(OPINIONS_FEEDBACK_GRID)
GRID.update(OPINIONS_SIMILAR_GRID)
GRID.update(OPINIONS_MODERATION_GRID)
GRID.update(TEAMS_GRID)
GRID.update(TALKS_GRID)
GRID.update(EXAMINATION_GRID)


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def test_every_url_has_a_row_in_the_grid():
    # Django admin's own pages check staff and permissions themselves; the grid pins
    # its index, which every other admin page sits behind.
    names = {n for n in _url_names() if not n.startswith("admin:") or n == "admin:index"}
    assert names - set(GRID) == set(), "URLs without a row in the access grid"
    assert set(GRID) - names == set(), "grid rows for URLs that no longer exist"


def test_every_row_names_every_persona():
    for name, (_, _, expected) in GRID.items():
        assert set(expected) == set(PERSONAS), name


@pytest.fixture
def grid_objects(db, shengtuo, requirement):
    from campaign.org.models import Member, Role, SupervisionGroup, User
    from campaign.review import services

    secretary = User.objects.get(username="secretary")
    if shengtuo.head is None:
        shengtuo.head = User.objects.create_user("grid-head", role=Role.CADRE, unit=shengtuo)
        shengtuo.save(update_fields=["head"])
    item = create_item(
        actor=secretary, unit=shengtuo, title="网格测试材料", body="第一稿", requirement=requirement
    )
    revise_item(actor=secretary, item=item, title="网格测试材料", body="第二稿")
    services.submit_item(actor=secretary, item=item)
    services.pass_item(actor=shengtuo.head, item=item)
    other = type(requirement).objects.create(
        phase=requirement.phase, name="网格未提交要求", item_kind=requirement.item_kind
    )
    from campaign.acceptance.services import request_acceptance
    from campaign.review.models import ReviewItem

    phase_one = requirement.phase.campaign.phases.get(number=1)
    study_requirement = type(requirement).objects.create(
        phase=phase_one, name="网格学习要求", item_kind="study_coverage"
    )
    acceptance = request_acceptance(actor=secretary, unit=shengtuo, phase=phase_one)
    objects = {
        "study_requirement": study_requirement,
        "study_report": ReviewItem.objects.get(unit=shengtuo, kind="study_days"),
        "acceptance": acceptance,
        "shengtuo": shengtuo,
        "member": Member.objects.filter(unit=shengtuo).order_by("id").last(),
        "group1": SupervisionGroup.objects.get(number=1),
        "account": secretary,
        "item": item,
        "requirement": other,
    }
    objects.update(study_grid_objects(objects))
    objects.update(opinions_grid_objects(objects))
    objects.update(feedback_grid_objects(objects))
    objects.update(moderation_grid_objects(objects))
    objects.update(teams_grid_objects(objects))
    objects.update(talks_grid_objects(objects))
    objects.update(examination_grid_objects(objects))
    return objects


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(GRID))
def test_access_grid(name, persona, client_for, grid_objects):
    method, kwargs_for, expected = GRID[name]
    url = reverse(name, kwargs=kwargs_for(grid_objects) if kwargs_for else None)
    client = client_for(persona)
    data = {"language": "zh-hans", "next": "/"} if name == "set_language" else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[persona], (name, persona, response.status_code)
    redirects_to_login = name not in ("admin:index", "logout", "set_language", "login")
    if persona == "anonymous" and redirects_to_login and expected[persona] == 302:
        assert response["Location"].startswith(reverse("login"))
