"""A cadre's individual self-examination material (个人对照检查材料): the services, the
kind's checks, the review chain and the editor, per persona. The author is ``cadre``, a
deputy of 县教育局 (group 1; its head is a cadre account of its own)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.examination import services
from campaign.examination.models import Category, Material
from campaign.history.models import HistoryEntry
from campaign.review import services as review
from campaign.review.diff import compare
from campaign.review.models import Level, Reason, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadre():
    from campaign.org.models import User

    return User.objects.get(username="cadre")


def _opinion(cadre, **extra):
    from campaign.opinions.models import Opinion, Status, new_receipt_code

    fields = {
        "receipt_code": new_receipt_code(),
        "channel": "meeting",
        "received_on": timezone.localdate(),
        "content": "开会多，下基层少。",
        "category": "formalism",
        "unit": cadre.unit,
        "named_person": cadre,
        "status": Status.ROUTED,
        "routed_at": timezone.now(),
    }
    fields.update(extra)
    return Opinion.objects.create(**fields)


def complete_data(opinions=()):
    """A material that meets every check (one problem per wind)."""
    winds = [Category.FORMALISM, Category.BUREAUCRATISM, Category.HEDONISM, Category.EXTRAVAGANCE]
    data = services.empty_data()
    data["intro"] = "学习了党章和总书记系列讲话，征求意见42条。"
    data["causes"] = {
        "cause_ideals": "理想信念有所动摇。",
        "cause_purpose": "宗旨意识淡化。",
        "cause_spirit": "党性修养放松。",
        "cause_discipline": "纪律观念不强。",
    }
    data["problems"] = [
        {
            "key": f"k{i}",
            "category": str(w),
            "description": f"问题{i}的描述",
            "examples": [{"when": "2014年3月", "what": f"事例{i}", "effect": "影响不好"}],
        }
        for i, w in enumerate(winds)
    ]
    data["measures"] = [{"text": "多下基层调研。", "problems": [0, 1]}]
    data["answers"] = {o.pk: {"text": "确有此事，立即改正。", "problem": 0} for o in opinions}
    return data


@pytest.fixture
def item(cadre):
    return services.start_material(actor=cadre)


def test_start_opens_a_draft_in_phase_two_once(cadre, item):
    assert item.kind == "individual_material" and item.state == State.DRAFT
    assert item.unit == cadre.unit and item.record.author == cadre
    assert item.phase is None or item.phase.number == 2
    assert services.start_material(actor=cadre) == item  # the one they have
    assert HistoryEntry.objects.filter(code="examination.material.started").exists()


def test_save_replaces_the_structure_and_writes_history(cadre, item):
    material = item.record
    services.save_material(actor=cadre, material=material, data=complete_data())
    assert material.problems.count() == 4 and material.measures.get().problems.count() == 2
    data = complete_data()
    data["problems"] = data["problems"][1:2]
    data["measures"] = [{"text": "只剩一条", "problems": [0]}]
    item = services.save_material(actor=cadre, material=material, data=data)
    assert [p.key for p in material.problems.all()] == ["k1"]
    assert material.problems.get().examples.count() == 1
    assert material.measures.get().problems.get().key == "k1"
    assert item.version == 3
    assert HistoryEntry.objects.filter(code="examination.material.saved").count() == 2
    assert services.data_of(material)["problems"][0]["description"] == "问题1的描述"


def test_each_check(cadre, item):
    opinion = _opinion(cadre)
    found = services.unmet(item.record)
    assert any("形式主义" in m or "Formalism" in m for m in found)
    assert any(opinion.receipt_code in m for m in found)
    assert len(found) == 4 + 4 + 1 + 1  # four winds, four causes, measures, the opinion
    data = complete_data([opinion])
    assert services.checks(data, [opinion]) == []
    broken = complete_data([opinion])
    broken["problems"][0]["examples"] = []
    broken["measures"].append({"text": "悬空的措施", "problems": []})
    broken["causes"]["cause_spirit"] = " "
    broken["answers"][opinion.pk]["text"] = ""
    places = [place for place, _m in services.checks(broken, [opinion])]
    assert places == ["problem-0", "causes", "measure-1", f"answer-{opinion.pk}"]
    # a wind not covered by a problem is fine with a statement why none was found
    fewer = complete_data()
    fewer["problems"] = fewer["problems"][:3]
    assert [p for p, _m in services.checks(fewer, [])] == ["winds"]
    fewer["none_found"]["extravagance"] = "本人没有奢靡之风的问题，因为……"
    assert services.checks(fewer, []) == []


def test_opinions_merged_hidden_or_not_routed_need_no_answer(cadre):
    from campaign.opinions.models import Moderation, Status

    answered = _opinion(cadre)
    _opinion(cadre, routed_at=None, status=Status.RECEIVED)
    _opinion(cadre, moderation=Moderation.SPAM)
    _opinion(cadre, merged_into=answered, status=Status.MERGED)
    _opinion(cadre, named_person=None)
    assert list(services.opinions_naming(cadre)) == [answered]


def test_submit_is_refused_with_the_messages(cadre, item):
    with pytest.raises(review.ReviewError) as refused:
        review.submit_item(actor=cadre, item=item)
    assert len(refused.value.unmet) == 9  # four winds, four causes, measures
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_the_chain_head_group_office_with_a_send_back_and_the_diff(cadre, item):
    from campaign.org.models import User

    material = item.record
    services.save_material(actor=cadre, material=material, data=complete_data())
    review.submit_item(actor=cadre, item=item)
    item.refresh_from_db()
    assert (item.state, item.level) == (State.IN_REVIEW, Level.HEAD)
    with pytest.raises(review.ReviewError):  # nobody revises it while it is reviewed
        services.save_material(actor=cadre, material=material, data=complete_data())
    review.pass_item(actor=cadre.unit.head, item=item)
    assert item.level == Level.GROUP
    supervisor = User.objects.get(username="supervisor1")
    review.send_back_item(
        actor=supervisor, item=item, reasons=[Reason.NO_EXAMPLES], comment="事例不具体"
    )
    assert item.state == State.SENT_BACK
    sent_back = item.version
    data = complete_data()
    data["problems"][1]["description"] = "问题1改写得更具体"
    services.save_material(actor=cadre, material=material, data=data)
    item.refresh_from_db()
    old = item.versions.get(number=sent_back).snapshot
    new = item.versions.get(number=item.version).snapshot
    problems = compare(old, new).tables[0]
    assert [(r.key, r.state) for r in problems.rows] == [
        ("k0", "same"),
        ("k1", "changed"),
        ("k2", "same"),
        ("k3", "same"),
    ]
    review.submit_item(actor=cadre, item=item)
    review.pass_item(actor=cadre.unit.head, item=item)
    review.pass_item(actor=supervisor, item=item)
    review.pass_item(actor=User.objects.get(username="office"), item=item)
    assert item.state == State.PASSED
    signed = item.signed_snapshot["content"]
    assert ["理想信念", "理想信念有所动摇。"] in signed["fields"]  # what the reviewers signed
    # a signed material reopens when revised
    data["measures"][0]["text"] = "每月下基层调研五天。"
    services.save_material(actor=cadre, material=material, data=data)
    item.refresh_from_db()
    assert item.state == State.DRAFT and item.reopened


def test_the_author_writes_in_the_editor(client_for, cadre):
    client = client_for("cadre")
    home = client.get("/")
    assert "examination:start" not in home.content.decode()
    assert 'id="start-material"' in home.content.decode()
    response = client.post(reverse("examination:start"))
    material = Material.objects.get(author=cadre)
    assert response["Location"] == reverse("examination:edit", args=[material.pk])
    url = reverse("examination:edit", args=[material.pk])
    page = client.get(url)
    assert page.status_code == 200
    # adding a problem keeps what was typed
    page = client.post(url, {"intro": "我的学习情况", "add_problem": "1"})
    body = page.content.decode()
    assert "我的学习情况" in body and 'name="p-0-description"' in body
    post = {
        "intro": "我的学习情况",
        "p-0-present": "1",
        "p-0-key": "a",
        "p-0-category": "formalism",
        "p-0-description": "第一个问题",
        "p-0-e-0-present": "1",
        "p-0-e-0-what": "第一个事例",
        "p-1-present": "1",
        "p-1-key": "b",
        "p-1-category": "hedonism",
        "p-1-description": "第二个问题",
        "m-0-present": "1",
        "m-0-text": "措施",
        "m-0-problems": ["1"],
    }
    # moving the second problem up carries the measure's link along
    body = client.post(url, {**post, "up_problem_1": "1"}).content.decode()
    assert body.index("第二个问题") < body.index("第一个问题")
    assert 'name="m-0-problems" value="0" checked' in body
    body = client.post(url, {**post, "remove_problem_0": "1"}).content.decode()
    assert "第一个问题" not in body and "第二个问题" in body
    assert client.post(url, {**post, "save": "1"}).status_code == 302
    assert [p.description for p in material.problems.all()] == ["第一个问题", "第二个问题"]
    body = client.get(url).content.decode()
    assert "Problem 2 has no concrete example." in body or "问题2没有具体事例" in body
    refused = client.post(url, {**post, "submit": "1"})
    assert refused.status_code == 422
    auto = client.post(reverse("examination:autosave", args=[material.pk]), post)
    assert auto.status_code == 200 and ("自动保存" in auto.content.decode())
    assert review.item_for(material).state == State.DRAFT


def test_editor_shows_a_check_in_chinese(client_for, cadre):
    services.start_material(actor=cadre)
    material = Material.objects.get(author=cadre)
    body = client_for("cadre").get(reverse("examination:edit", args=[material.pk])).content
    assert "理想信念" in body.decode() and "不能为空" in body.decode()


@pytest.mark.parametrize(
    "persona,status",
    [("secretary", 404), ("head", 404), ("supervisor1", 404), ("office", 404), ("anonymous", 302)],
)
def test_nobody_else_edits(client_for, cadre, item, persona, status):
    url = reverse("examination:edit", args=[item.record_id])
    assert client_for(persona).get(url).status_code == status
    assert client_for(persona).post(url, {"save": "1"}).status_code == status


def test_another_cadre_of_the_unit_cannot_edit(client, cadre, item):
    from campaign.org.models import User

    other = User.objects.filter(unit=cadre.unit, role="cadre").exclude(pk=cadre.pk).first()
    client.force_login(other)
    assert client.get(reverse("examination:edit", args=[item.record_id])).status_code == 404


def test_the_group_reads_it_on_the_review_pages(client_for, cadre, item):
    services.save_material(actor=cadre, material=item.record, data=complete_data())
    page = client_for("supervisor1").get(item.get_absolute_url())
    assert page.status_code == 200 and "问题2的描述" in page.content.decode()
    assert "理想信念有所动摇。" in page.content.decode()
    assert client_for("supervisor2").get(item.get_absolute_url()).status_code == 404
    assert client_for("secretary").get(item.get_absolute_url()).status_code == 404


def test_saving_what_is_already_saved_makes_no_new_version(cadre, item):
    material = item.record
    item = services.save_material(actor=cadre, material=material, data=complete_data())
    version = item.version
    item = services.save_material(actor=cadre, material=material, data=complete_data())
    assert item.version == version
    assert HistoryEntry.objects.filter(code="examination.material.saved").count() == 1


def test_the_reviewer_sees_which_problem_an_answer_is_linked_to(cadre, item):
    opinion = _opinion(cadre)
    services.save_material(actor=cadre, material=item.record, data=complete_data([opinion]))
    item.refresh_from_db()
    answers = item.versions.get(number=item.version).snapshot["tables"][2]
    assert answers["rows"] == [
        [opinion.receipt_code, [opinion.receipt_code, "确有此事，立即改正。", "1"]]
    ]


def test_the_opinion_page_shows_the_answer_and_its_problem(client_for, cadre, item):
    opinion = _opinion(cadre)
    services.save_material(actor=cadre, material=item.record, data=complete_data([opinion]))
    body = client_for("office").get(opinion.get_absolute_url()).content.decode()
    assert 'id="material-answers"' in body and "确有此事，立即改正。" in body
    assert "问题0的描述" in body  # the problem it is linked to
    assert client_for("cadre").get(opinion.get_absolute_url()).status_code == 404  # naming rule
