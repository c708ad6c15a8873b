"""Moderation of box submissions (campaign.opinions.moderation): the office checks each
submission to the public box and the paper boxes, hides spam, abuse and personal data
with a reason (kept, counted apart, restorable), masks personal data in the copy everyone
else reads and opens the original only through a recorded reveal.

Services and their refusals, one transition under concurrency, what each persona sees,
the counts, the acceptance rule, the queue (pinned query count) and every step over HTTP.
"""

import io
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from campaign.history.models import HistoryEntry
from campaign.history.services import history_for
from campaign.opinions import access, moderation, services
from campaign.opinions.models import Category, Channel, Moderation, Opinion, Status
from campaign.opinions.queries import opinion_counts
from campaign.opinions.services import OpinionError
from campaign.opinions.similar import search_text
from campaign.org.models import UnitKind, User

pytestmark = pytest.mark.django_db

MOBILE = "13800001234"


def user(name):
    return User.objects.get(username=name)


def client(name):
    c = Client()
    c.force_login(user(name))
    return c


def public(content="村里的路灯坏了半年没人修,晚上出行很不方便", **extra):
    """A submission to the portal's public box (no login)."""
    values = {"channel": Channel.PUBLIC, "content": content, "category": Category.SERVICE}
    return services.receive_opinion(actor=None, **(values | extra))


def routed(unit, content="村里的路灯坏了半年没人修,晚上出行很不方便", **extra):
    opinion = public(content, **extra)
    services.route_opinion(actor=user("office"), opinion=opinion, unit=unit)
    return opinion


def fresh(opinion):
    return Opinion.objects.get(pk=opinion.pk)


def codes(opinion):
    return [h.code.removeprefix("opinions.opinion.") for h in history_for(opinion).reverse()]


def sees(name, opinion):
    return access.opinions_for(user(name)).filter(pk=opinion.pk).exists()


def waiting(opinion):
    return Opinion.objects.filter(moderation.WAITING, pk=opinion.pk).exists()


# --- checking ----------------------------------------------------------------------------


def test_a_box_submission_waits_for_the_check_and_normal_takes_it_out():
    opinion = public()
    assert waiting(opinion) and opinion.moderation == Moderation.NONE
    moderation.mark_checked(actor=user("office"), opinion=opinion)
    assert not waiting(opinion)
    assert opinion.moderated_by == user("office") and opinion.moderated_at is not None
    assert codes(opinion) == ["received", "checked"]
    with pytest.raises(OpinionError, match="已经审核"):
        moderation.mark_checked(actor=user("office2"), opinion=fresh(opinion))
    assert codes(opinion) == ["received", "checked"]


def test_paper_box_opinions_entered_by_staff_are_checked_too_other_channels_are_not(shengtuo):
    paper = services.receive_opinion(
        actor=user("secretary"),
        channel=Channel.BOX,
        content="意见箱来信反映镇便民服务中心午休时间没人值班",
        category=Category.SERVICE,
        unit=shengtuo,
    )
    assert access.moderation_scope(user("office")).filter(moderation.WAITING, pk=paper.pk)
    hotline = services.receive_opinion(
        actor=user("office"),
        channel=Channel.HOTLINE,
        content="热线反映镇便民服务中心午休时间没人值班",
        category=Category.SERVICE,
    )
    assert not access.moderation_scope(user("office")).filter(pk=hotline.pk).exists()
    with pytest.raises(OpinionError, match="只审核意见箱来信"):
        moderation.hide(actor=user("office"), opinion=hotline, kind="spam", reason="测试理由")


@pytest.mark.parametrize("name", ["secretary", "supervisor1", "leader", "inspector"])
def test_only_the_office_moderates(name):
    opinion = public()
    steps = [
        lambda: moderation.mark_checked(actor=user(name), opinion=opinion),
        lambda: moderation.hide(actor=user(name), opinion=opinion, kind="spam", reason="广告信息"),
        lambda: moderation.mask(
            actor=user(name), opinion=opinion, shown="＊" + opinion.content[1:]
        ),
        lambda: moderation.reveal(actor=user(name), opinion=opinion),
    ]
    for step in steps:
        with pytest.raises(OpinionError):
            step()
    assert waiting(opinion) and codes(opinion) == ["received"]


# --- hiding and restoring ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "reason", "message"),
    [
        ("", "广告信息,与活动无关", "请选择屏蔽原因"),
        ("deleted", "广告信息,与活动无关", "请选择屏蔽原因"),
        ("none", "广告信息,与活动无关", "请选择屏蔽原因"),
        ("spam", "", "请写明屏蔽理由"),
        ("spam", " 广告 ", "请写明屏蔽理由"),
    ],
)
def test_hiding_needs_a_kind_and_a_reason_and_changes_nothing_when_refused(kind, reason, message):
    opinion = public()
    with pytest.raises(OpinionError, match=message):
        moderation.hide(actor=user("office"), opinion=opinion, kind=kind, reason=reason)
    assert fresh(opinion).moderation == Moderation.NONE and waiting(opinion)
    assert codes(opinion) == ["received"]


def test_a_hidden_submission_is_kept_as_it_was_and_restored_as_it_was(shengtuo):
    opinion = routed(shengtuo)
    due, content = opinion.answer_due, opinion.content
    moderation.hide(actor=user("office"), opinion=opinion, kind=Moderation.SPAM, reason="广告信息")
    opinion = fresh(opinion)
    assert (
        opinion.hidden and opinion.moderation == "spam" and opinion.moderation_reason == "广告信息"
    )
    assert (opinion.content, opinion.status, opinion.unit, opinion.answer_due) == (
        content,
        Status.ROUTED,
        shengtuo,
        due,
    )
    entry = history_for(opinion).first()
    assert (entry.code, entry.changes, entry.reason) == (
        "opinions.opinion.hidden",
        {"moderation": ["none", "spam"]},
        "广告信息",
    )
    with translation.override("zh-hans"):
        assert [(str(a), str(b), str(c)) for a, b, c in entry.shown_changes()] == [
            ("屏蔽情况", "未屏蔽", "垃圾信息")
        ]
        assert str(entry.label) == "意见箱来信已屏蔽"
    with pytest.raises(OpinionError, match="已经屏蔽"):
        moderation.hide(actor=user("office"), opinion=opinion, kind="abusive", reason="辱骂他人")
    with pytest.raises(OpinionError, match="恢复理由"):
        moderation.restore(actor=user("office"), opinion=opinion, reason="误")
    moderation.restore(actor=user("office2"), opinion=opinion, reason="并非广告,是反映问题")
    opinion = fresh(opinion)
    assert not opinion.hidden and opinion.moderated_by == user("office2")
    assert (opinion.status, opinion.answer_due) == (Status.ROUTED, due)
    assert sees("secretary", opinion)
    with pytest.raises(OpinionError, match="没有被屏蔽"):
        moderation.restore(actor=user("office"), opinion=opinion, reason="再恢复一次")
    assert codes(opinion) == ["received", "routed", "hidden", "restored"]


def test_a_hidden_submission_disappears_for_everyone_but_the_office(shengtuo):
    opinion = routed(shengtuo, "街上有人散发小广告:代开发票,电话13900001111")
    readers = ["secretary", "supervisor1", "leader", "inspector"]
    assert all(sees(name, opinion) for name in readers)
    moderation.hide(actor=user("office"), opinion=opinion, kind="spam", reason="广告信息")
    for name in [*readers, "office"]:
        assert not sees(name, opinion), name  # no list holds it
        page = client(name).get(reverse("opinions:list"), {"q": opinion.receipt_code})
        assert opinion not in list(page.context["page"])
    for name in readers:
        assert client(name).get(opinion.get_absolute_url()).status_code == 404, name
    office = client("office").get(opinion.get_absolute_url())
    assert office.status_code == 200
    html = office.content.decode()
    assert 'id="moderation-hidden"' in html and "广告信息" in html
    assert 'id="route-form"' not in html and 'id="answer-form"' not in html


def test_hidden_ones_are_counted_apart_in_every_figure(shengtuo):
    office = user("office")
    before = opinion_counts(access.opinions_for(office, with_hidden=True))["totals"]
    spam = routed(shengtuo, "高薪招聘兼职刷单,日结300元,电话15900001234")
    moderation.hide(actor=office, opinion=spam, kind="spam", reason="广告信息")
    after = opinion_counts(access.opinions_for(office, with_hidden=True))["totals"]
    assert after["hidden"] == before["hidden"] + 1 and after["total"] == before["total"]
    assert after["routed"] == before["routed"]
    scope = access.opinions_for(user("secretary"), with_hidden=True).filter(unit=shengtuo)
    mine = opinion_counts(scope)["totals"]
    assert mine["hidden"] >= 1 and mine["total"] == scope.filter(moderation="none").count()
    for name, url in [("office", "opinions:list"), ("secretary", "opinions:list")]:
        html = client(name).get(reverse(url), {"unit": shengtuo.pk}).content.decode()
        assert 'id="hidden-count"' in html and "已屏蔽" in html, name
    home = client("office").get(reverse("home"))
    assert home.context["opinions"]["totals"]["hidden"] == after["hidden"]
    assert f"另有 {after['hidden']} 条意见箱来信" in home.content.decode()


def test_a_hidden_submission_is_not_exported(shengtuo):
    opinion = routed(shengtuo, "代开各类发票,联系电话13900007788")
    moderation.hide(actor=user("office"), opinion=opinion, kind="spam", reason="广告信息")
    for name in ("office", "secretary"):
        response = client(name).get(reverse("opinions:export"), {"unit": shengtuo.pk})
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        exported = {row[0] for row in book["意见建议"].iter_rows(min_row=2, values_only=True)}
        assert exported and opinion.receipt_code not in exported, name


def test_a_hidden_spam_does_not_block_the_units_acceptance(shengtuo):
    from campaign.org import services as org_services
    from campaign.phases.models import Phase
    from campaign.phases.rules import evaluate

    village = org_services.create_unit(
        actor=user("office"),
        name="审核测试村",
        kind=UnitKind.VILLAGE,
        parent=shengtuo,
        wave=3,
        group=shengtuo.group,
    )
    phase = Phase.objects.get(number=1)

    def rule():
        return next(r for r in evaluate(village, phase) if r.code == "opinions_answered")

    assert rule().ok
    spam = routed(village, "办理各类证件,信誉第一,电话13900007788")
    assert not rule().ok and spam.receipt_code in rule().evidence[0].text
    moderation.hide(actor=user("office"), opinion=spam, kind="spam", reason="广告信息")
    assert rule().ok and not rule().evidence


def test_restoring_an_open_submission_reopens_an_acceptance_signed_off_while_it_was_hidden():
    from campaign.phases.rules import evaluate
    from campaign.review.models import ReviewItem, State

    accepted = (
        ReviewItem.objects.filter(kind="acceptance", state=State.PASSED)
        .select_related("unit", "phase")
        .order_by("pk")
        .first()
    )
    unit = accepted.unit

    def ok():
        return {r.code: r.ok for r in evaluate(unit, accepted.phase)}["opinions_answered"]

    assert ok()
    opinion = routed(unit, "网上意见箱反映:村务公开栏半年没有更新")
    moderation.hide(actor=user("office"), opinion=opinion, kind="spam", reason="误判为广告")
    assert ok()
    moderation.restore(actor=user("office"), opinion=opinion, reason="是真实的意见建议")
    accepted.refresh_from_db()
    assert accepted.state == State.DRAFT and accepted.reopened and not ok()
    assert opinion.receipt_code in accepted.reopen_cause
    assert "是真实的意见建议" in accepted.reopen_cause
    # one already answered breaks nothing
    other = ReviewItem.objects.filter(kind="acceptance", state=State.PASSED).exclude(unit=unit)
    other = other.select_related("unit").order_by("pk").first()
    answered = routed(other.unit, "网上意见箱反映:村里垃圾没人清运")
    services.answer_opinion(actor=user("office"), opinion=answered, answer="已安排清运。")
    moderation.hide(actor=user("office"), opinion=answered, kind="spam", reason="误判为广告")
    moderation.restore(actor=user("office"), opinion=answered, reason="是真实的意见建议")
    other.refresh_from_db()
    assert other.state == State.PASSED


def test_the_public_lookup_of_a_hidden_submission_says_handled_and_nothing_more(client):
    opinion = public("代开各类发票,联系电话13900007788")
    moderation.hide(actor=user("office"), opinion=opinion, kind="spam", reason="广告信息")
    html = client.post(reverse("opinions:lookup"), {"code": opinion.receipt_code}).content.decode()
    assert 'id="lookup-handled"' in html and "已处理" in html
    assert "已收到" not in html and "垃圾" not in html and "广告信息" not in html


# --- masking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("我的电话13800001234,请回电", "我的电话138＊＊＊＊1234,请回电"),
        ("电话 138 0000 1234 找我", "电话 138 ＊＊＊＊ 1234 找我"),
        ("身份证37052119800101000X申请低保", "身份证" + "＊" * 14 + "000X申请低保"),
        ("身份证37052119800101002X申请低保", "身份证" + "＊" * 14 + "002X申请低保"),
        ("旧身份证370521800101001补办", "旧身份证" + "＊" * 11 + "1001补办"),
        ("卡号6222021234567890123被扣款", "卡号" + "＊" * 15 + "0123被扣款"),
        ("卡号6222 0212 3456 7890被扣", "卡号＊＊＊＊ ＊＊＊＊ ＊＊＊＊ 7890被扣"),
        ("请回信到zhangsan@example.com谢谢", "请回信到z" + "＊" * 7 + "@example.com谢谢"),
        ("村里修路花了120000元,账目不公开", "村里修路花了120000元,账目不公开"),
        ("2014年5月12日上午10点反映", "2014年5月12日上午10点反映"),
    ],
)
def test_the_proposal_masks_phone_id_bank_card_and_email(content, expected):
    opinion = public(content)
    assert moderation.propose_mask(opinion) == expected


def test_the_proposal_masks_the_senders_own_name_and_phone():
    opinion = public(
        "我是村民刘桂芳,家里电话0546-0000123,刘桂芳家的低保被取消了",
        anonymous=False,
        contact_name="刘桂芳",
        contact_phone="0546-0000123",
    )
    assert moderation.propose_mask(opinion) == (
        "我是村民刘＊＊,家里电话054＊-＊＊＊0123,刘＊＊家的低保被取消了"
    )


@pytest.mark.parametrize(
    "shown",
    [
        "我的电话13800001235,请回电",  # a digit rewritten
        "我的电话138＊＊＊＊1234,请回电!",  # a character added
        "我的电话138＊＊＊＊1234请回电",  # a character removed
        "我的电话 xxxxxxx,请回电",
        "",
    ],
)
def test_a_masked_copy_must_be_the_original_with_characters_replaced_by_asterisks(shown):
    opinion = public("我的电话13800001234,请回电")
    with pytest.raises(OpinionError, match="只能把原文中的部分字符替换为＊"):
        moderation.mask(actor=user("office"), opinion=opinion, shown=shown)
    opinion = fresh(opinion)
    assert opinion.shown_content == "" and waiting(opinion) and codes(opinion) == ["received"]


def test_masking_keeps_the_original_and_can_be_taken_off():
    opinion = public("我的电话13800001234,请回电")
    moderation.mask(actor=user("office"), opinion=opinion, shown="我的电话138****1234,请回电")
    opinion = fresh(opinion)
    assert opinion.shown_content == "我的电话138＊＊＊＊1234,请回电"  # * typed counts as ＊
    assert opinion.content == "我的电话13800001234,请回电" and not waiting(opinion)
    assert history_for(opinion).first().changes == {"masked": [0, 4]}
    assert opinion.content_search == search_text(opinion.shown_content)  # duplicates: as read
    assert "00" not in opinion.content_search.split()  # the masked digits are not searched
    with pytest.raises(OpinionError, match="没有变化"):
        moderation.mask(actor=user("office"), opinion=opinion, shown=opinion.shown_content)
    moderation.mask(actor=user("office"), opinion=opinion, shown=opinion.content)
    opinion = fresh(opinion)
    assert opinion.shown_content == "" and history_for(opinion).first().changes == {
        "masked": [4, 0]
    }
    assert opinion.content_search == search_text(opinion.content)
    assert "00" in opinion.content_search.split()
    text = "第一行13800001234\r\n第二行"
    crlf = public(text)
    moderation.mask(actor=user("office"), opinion=crlf, shown="第一行138＊＊＊＊1234\n第二行")
    assert fresh(crlf).shown_content == "第一行138＊＊＊＊1234\r\n第二行"


def test_everyone_but_the_office_reads_the_masked_copy_only(shengtuo):
    opinion = routed(shengtuo, f"反映村里低保评定不公开,我的电话{MOBILE},请回电")
    moderation.mask(actor=user("office"), opinion=opinion, shown=moderation.propose_mask(opinion))
    shown = fresh(opinion).shown_content
    assert "138＊＊＊＊1234" in shown
    for name in ("secretary", "supervisor1", "leader", "inspector", "office"):
        c = client(name)
        detail = c.get(opinion.get_absolute_url()).content.decode()
        assert shown in detail and MOBILE not in detail, name
        assert ('id="reveal"' in detail) is (name == "office"), name
        listed = c.get(reverse("opinions:list"), {"unit": shengtuo.pk, "q": "低保评定不公开"})
        assert (
            "138＊＊＊＊1234" in listed.content.decode() and MOBILE not in listed.content.decode()
        )
        found = c.get(reverse("opinions:list"), {"q": MOBILE})  # the original is not searched
        assert opinion not in list(found.context["page"]), name
        export = c.get(reverse("opinions:export"), {"unit": shengtuo.pk})
        book = load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True)
        texts = [row[4] for row in book["意见建议"].iter_rows(min_row=2, values_only=True)]
        assert shown in texts and not any(MOBILE in (t or "") for t in texts), name


def test_each_reading_of_the_original_is_a_history_row():
    opinion = public(f"我的电话{MOBILE},请回电")
    moderation.mask(actor=user("office"), opinion=opinion, shown=moderation.propose_mask(opinion))
    office = client("office")
    for n in (1, 2):
        response = office.post(reverse("opinions:reveal", args=[opinion.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="opinion-original"' in html and MOBILE in html
        reveals = history_for(opinion).filter(code="opinions.opinion.revealed")
        assert reveals.count() == n and reveals.first().actor == user("office")
    page = office.get(opinion.get_absolute_url()).content.decode()
    assert MOBILE not in page and 'id="reveal"' in page  # shown again only on asking
    assert client("inspector").post(reverse("opinions:reveal", args=[opinion.pk])).status_code == (
        403
    )
    assert history_for(opinion).filter(code="opinions.opinion.revealed").count() == 2
    plain = public()
    with pytest.raises(OpinionError, match="没有脱敏"):
        moderation.reveal(actor=user("office"), opinion=plain)


def test_a_submission_hidden_as_personal_data_is_read_by_the_office_through_a_reveal():
    opinion = public("举报邻居王某某(身份证370521197801010000)欠钱不还")
    moderation.hide(actor=user("office"), opinion=opinion, kind="personal", reason="含他人身份证号")
    office = client("office")
    html = office.get(opinion.get_absolute_url()).content.decode()
    assert "370521197801010000" not in html and "原文只有活动办公室可以查看" in html
    queue = office.get(reverse("opinions:moderation"), {"show": "hidden"}).content.decode()
    assert "370521197801010000" not in queue and f'id="reveal-{opinion.pk}"' in queue
    revealed = office.post(reverse("opinions:reveal", args=[opinion.pk])).content.decode()
    assert "370521197801010000" in revealed
    assert codes(opinion) == ["received", "hidden", "revealed"]
    # masking it starts from the original: opening the form is a reading of it too
    form = office.get(reverse("opinions:moderation_mask", args=[opinion.pk]))
    assert "0000" in form.context["form"].initial["shown"]
    assert codes(opinion) == ["received", "hidden", "revealed", "revealed"]
    office.post(
        reverse("opinions:moderation_mask", args=[opinion.pk]),
        {"shown": moderation.propose_mask(opinion)},
    )
    assert fresh(opinion).shown_content and fresh(opinion).hidden
    office.get(reverse("opinions:moderation_mask", args=[opinion.pk]))  # the masked copy now
    assert codes(opinion) == ["received", "hidden", "revealed", "revealed", "masked"]


# --- one transition under concurrency ------------------------------------------------------

RUNS = 30 if connection.vendor == "postgresql" else 8


def race(pk, step):
    """The office and office2 take ``step`` on the submission at the same moment."""
    barrier = threading.Barrier(2)
    told = []

    def act(name):
        try:
            opinion = Opinion.objects.get(pk=pk)
            actor = User.objects.get(username=name)
            barrier.wait(timeout=10)
            step(actor, opinion)
            told.append("done")
        except OpinionError:
            told.append("told")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(name,)) for name in ("office", "office2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(told)


STEPS = {
    "checked": lambda actor, o: moderation.mark_checked(actor=actor, opinion=o),
    "hidden": lambda actor, o: moderation.hide(
        actor=actor, opinion=o, kind="spam", reason=f"{actor.username} 判定为广告"
    ),
    "masked": lambda actor, o: moderation.mask(
        actor=actor, opinion=o, shown=moderation.propose_mask(o)
    ),
    "restored": lambda actor, o: moderation.restore(actor=actor, opinion=o, reason="并非广告信息"),
}


@pytest.mark.django_db(transaction=True)
def test_two_office_members_acting_at_once_make_one_transition(demo_county):
    outcomes = []
    for step, run in STEPS.items():
        for n in range(RUNS):
            opinion = public(f"并发测试{step}{n}:代开发票,电话{MOBILE}")
            if step == "restored":
                moderation.hide(
                    actor=user("office"), opinion=opinion, kind="spam", reason="广告信息"
                )
            told = race(opinion.pk, run)
            rows = history_for(opinion).filter(code=f"opinions.opinion.{step}")
            outcomes.append((step, tuple(told), rows.count()))
    assert [o for o in outcomes if o[1:] != (("done", "told"), 1)] == []
    assert len(outcomes) == 4 * RUNS


# --- the queue -------------------------------------------------------------------------------


def test_the_queue_empties_as_the_office_works():
    office = client("office")
    mine = [public(f"审核队列测试{n}:电话{MOBILE}") for n in range(4)]

    def shown(show):
        page = office.get(reverse("opinions:moderation"), {"show": show})
        return page, {o.pk for o in page.context["page"]}

    page, listed = shown("waiting")
    counts = {key: n for key, _label, n in page.context["tabs"]}
    assert counts["waiting"] >= 4 and {o.pk for o in mine} <= listed  # newest first
    moderation.mark_checked(actor=user("office"), opinion=mine[0])
    moderation.hide(actor=user("office"), opinion=mine[1], kind="spam", reason="广告信息")
    moderation.mask(actor=user("office"), opinion=mine[2], shown=moderation.propose_mask(mine[2]))
    page, listed = shown("waiting")
    after = {key: n for key, _label, n in page.context["tabs"]}
    assert after["waiting"] == counts["waiting"] - 3 and mine[3].pk in listed
    assert not listed & {mine[0].pk, mine[1].pk, mine[2].pk}
    assert mine[1].pk in shown("hidden")[1] and mine[2].pk in shown("masked")[1]
    assert after["hidden"] == counts["hidden"] + 1 and after["masked"] == counts["masked"] + 1
    assert after["all"] == counts["all"]
    html = page.content.decode()
    assert f'id="check-{mine[3].pk}"' in html and f'id="hide-{mine[3].pk}"' in html


@pytest.mark.parametrize("name", ["office", "inspector"])
def test_the_queue_query_count_is_fixed(name, django_assert_num_queries):
    c = client(name)
    c.get(reverse("opinions:moderation"))
    # session, user, the counts of the four filters, the page's count, the page's rows
    with django_assert_num_queries(5):
        small = c.get(reverse("opinions:moderation"))
    for n in range(60):
        public(f"审核队列测试{n}:请修一修村里的路")
    with django_assert_num_queries(5):
        large = c.get(reverse("opinions:moderation"))
    assert len(small.context["page"]) < 50 == len(large.context["page"])


def test_higher_supervision_reads_the_queue_with_masked_copies_and_no_contact():
    opinion = public(
        f"我是刘桂芳,电话{MOBILE},反映村账不公开",
        anonymous=False,
        contact_name="刘桂芳",
        contact_phone=MOBILE,
    )
    moderation.mask(actor=user("office"), opinion=opinion, shown=moderation.propose_mask(opinion))
    reader = client("inspector").get(reverse("opinions:moderation"), {"show": "masked"})
    html = reader.content.decode()
    assert reader.status_code == 200 and opinion in list(reader.context["page"])
    assert "刘＊＊" in html and MOBILE not in html and "刘桂芳" not in html
    assert f'id="hide-{opinion.pk}"' not in html and 'action="/opinions/' not in html
    office = client("office").get(reverse("opinions:moderation"), {"show": "masked"})
    assert "刘桂芳" in office.content.decode()  # the office sees who sent it


def test_the_opinion_list_leads_the_office_to_the_queue_with_the_number_waiting():
    public()
    html = client("office").get(reverse("opinions:list")).content.decode()
    waiting_now = moderation.waiting_count(user("office"))
    assert 'id="moderation-link"' in html and f">{waiting_now}</span>" in html
    assert (
        'id="moderation-link"'
        not in client("secretary").get(reverse("opinions:list")).content.decode()
    )


# --- over HTTP, per persona ---------------------------------------------------------------


def test_the_office_takes_every_step_over_http():
    office = client("office")
    spam, real = public("代开各类发票,联系电话13900007788"), public(f"我的电话{MOBILE},路灯坏了")
    response = office.post(
        reverse("opinions:moderation_hide", args=[spam.pk]),
        {"kind": "spam", "reason": "广告信息,与活动无关", "show": "waiting"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?show=waiting")
    assert fresh(spam).moderation == "spam"
    form = office.get(reverse("opinions:moderation_mask", args=[real.pk]), {"show": "waiting"})
    assert form.context["form"].initial["shown"] == "我的电话138＊＊＊＊1234,路灯坏了"
    response = office.post(
        reverse("opinions:moderation_mask", args=[real.pk]),
        {"shown": "我的电话138＊＊＊＊1234,路灯坏了", "show": "detail"},
    )
    assert response.status_code == 302 and response["Location"] == real.get_absolute_url()
    assert fresh(real).shown_content == "我的电话138＊＊＊＊1234,路灯坏了"
    response = office.post(
        reverse("opinions:moderation_restore", args=[spam.pk]),
        {"reason": "误判,其实是举报", "show": "hidden"},
    )
    assert response.status_code == 302 and fresh(spam).moderation == "none"
    other = public()
    response = office.post(reverse("opinions:moderation_check", args=[other.pk]), follow=True)
    assert "已审核,属正常意见建议" in response.content.decode().replace("，", ",")
    again = office.post(reverse("opinions:moderation_check", args=[other.pk]), follow=True)
    assert "已经审核过了" in again.content.decode()
    assert codes(other) == ["received", "checked"]


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("opinions:moderation_hide", {"kind": "spam", "reason": ""}, "请写明理由"),
        ("opinions:moderation_hide", {"kind": "deleted", "reason": "广告信息"}, "请选择屏蔽原因"),
        ("opinions:moderation_mask", {"shown": "代开各类发票,联系电话13900007789"}, "替换为＊"),
    ],
)
def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(url, data, message):
    opinion = public("代开各类发票,联系电话13900007788")
    response = client("office").post(reverse(url, args=[opinion.pk]), data)
    assert response.status_code == 422
    assert message in response.content.decode() and "invalid-feedback" in response.content.decode()
    assert waiting(opinion) and codes(opinion) == ["received"]


def test_restoring_without_a_reason_is_refused_at_the_field():
    opinion = public("代开各类发票,联系电话13900007788")
    moderation.hide(actor=user("office"), opinion=opinion, kind="spam", reason="广告信息")
    response = client("office").post(reverse("opinions:moderation_restore", args=[opinion.pk]))
    assert response.status_code == 422 and "请写明理由" in response.content.decode()
    assert fresh(opinion).hidden


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("inspector", 403),
        ("secretary", 404),
        ("secretary2", 404),
        ("supervisor1", 404),
        ("leader", 404),
    ],
)
def test_no_one_but_the_office_takes_a_step_over_http(name, status):
    opinion = public("代开各类发票,联系电话13900007788")
    c = client(name)
    for url, data in [
        ("opinions:moderation_check", {}),
        ("opinions:moderation_hide", {"kind": "spam", "reason": "广告信息"}),
        ("opinions:moderation_mask", {"shown": "＊" * len(opinion.content)}),
        ("opinions:reveal", {}),
    ]:
        assert c.post(reverse(url, args=[opinion.pk]), data).status_code == status, url
    assert waiting(opinion) and codes(opinion) == ["received"]
    anonymous = Client().post(reverse("opinions:moderation_check", args=[opinion.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_a_step_on_another_channel_or_an_unknown_submission_is_refused(shengtuo):
    hotline = services.receive_opinion(
        actor=user("office"),
        channel=Channel.HOTLINE,
        content="热线反映路灯坏了没人修",
        category=Category.SERVICE,
    )
    office = client("office")
    assert office.get(reverse("opinions:moderation_mask", args=[hotline.pk])).status_code == 404
    response = office.post(reverse("opinions:moderation_check", args=[hotline.pk]), follow=True)
    assert "只审核意见箱来信" in response.content.decode()
    assert office.post(reverse("opinions:moderation_check", args=[999999999])).status_code == 404
    assert 'id="moderation-card"' not in office.get(hotline.get_absolute_url()).content.decode()


# --- the demo county ----------------------------------------------------------------------


def test_the_demo_county_has_moderated_and_waiting_box_submissions(shengtuo):
    box = Opinion.objects.filter(channel__in=["public", "box"])
    assert box.filter(moderated_at__isnull=False).count() > 0.9 * box.count()
    assert set(box.exclude(moderation="none").values_list("moderation", flat=True)) == {
        "spam",
        "abusive",
        "personal",
    }
    assert box.filter(moderation.WAITING).count() >= 3
    masked = box.exclude(shown_content="").get()
    assert "138＊＊＊＊1234" in masked.shown_content and "刘＊＊" in masked.shown_content
    assert codes(masked)[:3] == ["received", "masked", "revealed"]
    restored = HistoryEntry.objects.filter(code="opinions.opinion.restored")
    assert restored.count() == 1
    restored = box.get(pk=restored.get().object_id)
    assert codes(restored) == ["received", "hidden", "restored"] and not restored.hidden
    if masked.unit_id == shengtuo.pk:  # routed to the town unless its phase was accepted
        html = client("secretary").get(masked.get_absolute_url()).content.decode()
        assert "138＊＊＊＊1234" in html and "13800001234" not in html
    waiting_page = client("office").get(reverse("opinions:moderation"))
    assert len(waiting_page.context["page"]) >= 3
