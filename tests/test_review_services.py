"""The review chain's service functions: every transition and every refusal."""

import pytest

from campaign.history.services import history_for
from campaign.review import access as review_access
from campaign.review import services
from campaign.review.models import Level, Reason, ReviewItem, State
from tests.review_fixtures import check_acceptance, create_item, revise_item

pytestmark = pytest.mark.django_db


def draft(scene, body="问题一:……事例:……"):
    return create_item(
        actor=scene["secretary"],
        unit=scene["unit"],
        title="测试村对照检查材料",
        body=body,
        requirement=scene["requirement"],
    )


def submitted(scene):
    return services.submit_item(actor=scene["secretary"], item=draft(scene))


def codes(item):
    return [h.code for h in history_for(item).order_by("created_at", "id")]


def test_draft_has_version_one_and_a_history_row(scene):
    item = draft(scene)
    assert (item.state, item.version, item.kind) == (State.DRAFT, 1, "material")
    assert item.levels == [Level.HEAD, Level.GROUP, Level.OFFICE]
    assert codes(item) == ["review.item.created"]


def test_item_passes_head_group_office_and_is_signed_off_with_a_snapshot(scene):
    item = submitted(scene)
    assert (item.state, item.level) == (State.IN_REVIEW, Level.HEAD)
    services.pass_item(actor=scene["head"], item=item)
    assert item.level == Level.GROUP
    services.pass_item(actor=scene["supervisor"], item=item)
    assert item.level == Level.OFFICE
    services.pass_item(actor=scene["office"], item=item, comment="同意")
    assert (item.state, item.level) == (State.PASSED, "")
    signed = item.signed_snapshot
    assert signed["version"] == 1 and signed["content"]["fields"][0][1].startswith("问题一")
    assert codes(item)[-1] == "review.item.signed_off"


def test_send_back_needs_a_reason_and_a_comment(scene):
    item = submitted(scene)
    for reasons, comment in (([], "请补充事例"), ([Reason.NO_EXAMPLES], "  ")):
        with pytest.raises(services.ReviewError):
            services.send_back_item(
                actor=scene["head"], item=item, reasons=reasons, comment=comment
            )
        item.refresh_from_db()
        assert (item.state, item.level, item.send_back_count) == (State.IN_REVIEW, Level.HEAD, 0)


def test_sent_back_item_is_revised_and_starts_again_at_the_first_level(scene):
    item = submitted(scene)
    services.pass_item(actor=scene["head"], item=item)
    services.send_back_item(
        actor=scene["supervisor"],
        item=item,
        reasons=[Reason.NO_EXAMPLES, Reason.NOT_DEEP],
        comment="缺少具体事例",
    )
    assert (item.state, item.last_level, item.send_back_count) == (State.SENT_BACK, Level.GROUP, 1)
    assert item.last_reasons == [Reason.NO_EXAMPLES, Reason.NOT_DEEP]
    revise_item(actor=scene["secretary"], item=item, title=item.title, body="问题一……补充事例两个")
    services.submit_item(actor=scene["secretary"], item=item)
    assert (item.state, item.level, item.version) == (State.IN_REVIEW, Level.HEAD, 2)
    assert list(item.versions.values_list("number", flat=True)) == [1, 2]


def test_a_reviewer_never_reviews_their_own_submission(scene):
    head = scene["head"]
    item = create_item(
        actor=head, unit=scene["unit"], kind="meeting", title="会议记录", body="内容"
    )
    services.submit_item(actor=head, item=item)
    assert item.levels == [Level.GROUP]  # the head's own record skips the head level
    assert not review_access.may_review(head, item)
    with pytest.raises(services.ReviewError):
        services.pass_item(actor=head, item=item)
    services.pass_item(actor=scene["supervisor"], item=item)
    assert item.state == State.PASSED


@pytest.mark.parametrize("who", ["other_supervisor", "office", "secretary"])
def test_only_the_reviewer_of_the_current_level_may_act(scene, who):
    item = submitted(scene)
    with pytest.raises(services.ReviewError):
        services.pass_item(actor=scene[who], item=item)
    item.refresh_from_db()
    assert (item.state, item.level) == (State.IN_REVIEW, Level.HEAD)


def test_a_secretary_submits_only_for_their_own_unit(scene, shengtuo):
    with pytest.raises(services.ReviewError):
        create_item(
            actor=scene["secretary"],
            unit=shengtuo,
            title="越权",
            body="内容",
            requirement=scene["requirement"],
        )


def test_an_item_in_review_cannot_be_revised(scene):
    item = submitted(scene)
    with pytest.raises(services.ReviewError):
        revise_item(actor=scene["secretary"], item=item, title="改", body="改")
    assert item.versions.count() == 1


def test_revising_a_signed_off_item_reopens_it_and_keeps_what_was_signed(scene):
    item = submitted(scene)
    for who in ("head", "supervisor", "office"):
        services.pass_item(actor=scene[who], item=item)
    revise_item(actor=scene["secretary"], item=item, title=item.title, body="签收后修改")
    assert (item.state, item.reopened) == (State.DRAFT, True)
    assert item.signed_snapshot["version"] == 1
    assert codes(item)[-1] == "review.item.reopened"


def test_two_items_for_one_requirement_are_refused(scene):
    draft(scene)
    with pytest.raises(services.ReviewError):
        draft(scene)
    assert ReviewItem.objects.filter(unit=scene["unit"]).count() == 1


def acceptance(scene):
    item = create_item(
        actor=scene["secretary"],
        unit=scene["unit"],
        kind="acceptance",
        phase=scene["requirement"].phase,
        title="环节验收申请",
        body="本环节工作总结",
    )
    return services.submit_item(actor=scene["secretary"], item=item)


YES = dict.fromkeys(("focused", "deep", "measures", "satisfied"), (True, ""))


def sign_off_the_phase_requirements(scene):
    from campaign.phases.models import Requirement

    phase = scene["requirement"].phase
    for requirement in Requirement.objects.filter(phase=phase):
        if not requirement.applies_to(scene["unit"].kind):
            continue
        item = create_item(
            actor=scene["secretary"],
            unit=scene["unit"],
            title=requirement.name,
            body="内容",
            requirement=requirement,
        )
        services.submit_item(actor=scene["secretary"], item=item)
        while item.state == State.IN_REVIEW:
            who = {"head": "head", "group": "supervisor", "office": "office"}[item.level]
            services.pass_item(actor=scene[who], item=item)


def test_acceptance_is_refused_while_a_requirement_is_not_signed_off(scene):
    item = acceptance(scene)
    with pytest.raises(services.ReviewError) as refused:
        check_acceptance(actor=scene["supervisor"], item=item, checks=YES)
    assert scene["requirement"].name in str(refused.value)
    item.refresh_from_db()
    assert (item.state, item.level) == (State.IN_REVIEW, Level.GROUP)


def test_office_accepts_by_exception_with_a_written_reason(scene):
    item = acceptance(scene)
    with pytest.raises(services.ReviewError):
        services.sign_off_by_exception(actor=scene["supervisor"], item=item, reason="x")
    with pytest.raises(services.ReviewError):
        services.sign_off_by_exception(actor=scene["office"], item=item, reason=" ")
    services.sign_off_by_exception(actor=scene["office"], item=item, reason="特殊情况，县委同意")
    assert item.state == State.PASSED and item.exception_reason == "特殊情况，县委同意"
    entry = history_for(item).filter(code="review.item.excepted").get()
    assert entry.reason == "特殊情况，县委同意" and entry.changes["unmet"]


def test_revising_a_signed_item_reopens_the_accepted_phase(scene):
    sign_off_the_phase_requirements(scene)
    item = acceptance(scene)
    check_acceptance(actor=scene["supervisor"], item=item, checks=YES)
    services.pass_item(actor=scene["office"], item=item)
    assert item.state == State.PASSED
    material = ReviewItem.objects.get(unit=scene["unit"], requirement=scene["requirement"])
    revise_item(actor=scene["secretary"], item=material, title=material.title, body="签收后修改")
    item.refresh_from_db()
    assert item.state == State.DRAFT and item.reopened
    assert material.title in item.reopen_cause
    assert history_for(item).filter(code="review.item.reopened").exists()


def test_acceptance_with_all_four_checks_goes_to_the_office_who_accepts_last(scene):
    sign_off_the_phase_requirements(scene)
    item = acceptance(scene)
    assert item.level == Level.GROUP
    with pytest.raises(services.ReviewError):
        services.pass_item(actor=scene["supervisor"], item=item)
    check_acceptance(actor=scene["supervisor"], item=item, checks=YES)
    assert item.level == Level.OFFICE
    services.pass_item(actor=scene["office"], item=item)
    assert item.state == State.PASSED
    entry = history_for(item).filter(code="review.item.passed").get()
    assert entry.changes["checks"]["deep"] == {"yes": True, "note": ""}


def test_acceptance_with_one_failed_check_is_sent_back_with_that_reason(scene):
    item = acceptance(scene)
    checks = {**YES, "satisfied": (False, "群众满意度测评未开展")}
    check_acceptance(actor=scene["supervisor"], item=item, checks=checks)
    assert item.state == State.SENT_BACK
    assert item.last_reasons == [Reason.PUBLIC]
    assert "满意度" in item.last_comment


def test_acceptance_needs_all_four_answers(scene):
    item = acceptance(scene)
    with pytest.raises(services.ReviewError):
        check_acceptance(actor=scene["supervisor"], item=item, checks={"focused": (True, "")})
    item.refresh_from_db()
    assert item.level == Level.GROUP


def test_a_second_reviewer_acting_on_a_stale_item_is_told_and_nothing_changes(scene):
    item = submitted(scene)
    stale = ReviewItem.objects.get(pk=item.pk)
    services.pass_item(actor=scene["head"], item=item)
    stale.level = Level.HEAD  # what the second reviewer's page still shows
    with pytest.raises(services.ReviewError):
        services.send_back_item(
            actor=scene["head"], item=stale, reasons=[Reason.OTHER], comment="x"
        )
    item.refresh_from_db()
    assert (item.state, item.level, item.send_back_count) == (State.IN_REVIEW, Level.GROUP, 0)


def test_office_configures_the_levels_of_a_kind(scene):
    services.set_chain_levels(actor=scene["office"], kind="material", levels=["office", "head"])
    item = submitted(scene)
    assert item.levels == ["head", "office"]
    with pytest.raises(services.ReviewError):
        services.set_chain_levels(actor=scene["office"], kind="acceptance", levels=["office"])
    with pytest.raises(services.ReviewError):
        services.set_chain_levels(actor=scene["supervisor"], kind="material", levels=["group"])
