"""Likely duplicates (campaign/opinions/similar.py), measured on the hand-made near-copies
of tests/near_copies.py, taken in through the services among the demo county's 18,969
opinions: at least 90 % of the near-copies get their original suggested, and at most
1 suggestion in 10 is wrong (a distractor, another original, a demo opinion). Measured
on whichever backend the run uses (pg_trgm on PostgreSQL, bigrams in Python elsewhere),
and the Python comparison on PostgreSQL too. Then the normaliser and the scorer, the
query counts, the scope (never what the user may not see), merged ones left out, and the
URL ``opinions:similar`` per persona."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.opinions import services, similar
from campaign.opinions.access import may_check_similar, opinions_for
from campaign.opinions.models import Category, Channel, Opinion, Status
from campaign.opinions.similar import bigrams, dice, normalise, search_text, similar_to
from campaign.org.models import Role, User
from tests.near_copies import DISTRACTORS, PAIRS

pytestmark = pytest.mark.django_db
ON_POSTGRES = connection.vendor == "postgresql"
BOTH_WAYS = [
    pytest.param(None, id="backend"),  # pg_trgm on PostgreSQL, Python elsewhere
    pytest.param(True, id="python"),
]


def user(name):
    return User.objects.get(username=name)


def receive(text, unit, actor="office", **extra):
    values = {"channel": Channel.HOTLINE, "category": Category.OTHER, "content": text}
    values.update(extra)
    return services.receive_opinion(actor=user(actor), unit=unit, **values)


@pytest.fixture
def loaded(shengtuo):
    """The originals and the distractors, all about 胜坨镇, taken in by the office."""
    originals = [receive(original, shengtuo) for _kind, original, _copy in PAIRS]
    distractors = [receive(text, shengtuo) for text in DISTRACTORS]
    return originals, distractors


def test_the_set_holds_at_least_fifty_pairs_and_fifty_distractors():
    assert len(PAIRS) >= 50 and len(DISTRACTORS) >= 50
    texts = [o for _k, o, _c in PAIRS] + [c for _k, _o, c in PAIRS] + DISTRACTORS
    assert len(set(texts)) == len(texts)
    kinds = Counter(part for kind, _o, _c in PAIRS for part in kind.split("+"))
    assert {"punct", "order", "chars", "polite", "mixed"} <= set(kinds)
    for kind, original, copy in PAIRS:  # only a change of punctuation normalises away
        assert original != copy
        assert (normalise(original) == normalise(copy)) is (kind == "punct"), copy


@pytest.mark.parametrize("in_python", BOTH_WAYS)
def test_near_copies_are_suggested_and_distractors_are_not(in_python, loaded, shengtuo):
    originals, distractors = loaded
    among = opinions_for(user("office"))
    missed, wrong, behind, suggestions = [], [], [], 0
    for (kind, _original, copy), original in zip(PAIRS, originals, strict=True):
        found = similar_to(copy, among=among, unit=shengtuo, in_python=in_python)
        suggestions += len(found)
        if original not in found:
            missed.append((kind, copy))
        elif found[0] != original:
            behind.append(copy)
        wrong += [(copy, s.content) for s in found if s != original]
    for text, distractor in zip(DISTRACTORS, distractors, strict=True):
        found = similar_to(
            text, among=among, unit=shengtuo, exclude=distractor, in_python=in_python
        )
        suggestions += len(found)
        wrong += [(text, s.content) for s in found]
    recall = 1 - len(missed) / len(PAIRS)
    assert recall >= 0.9, missed
    assert suggestions and len(wrong) <= 0.1 * suggestions, wrong
    assert behind == []  # the original, when found, comes first


@pytest.mark.parametrize("in_python", BOTH_WAYS)
def test_the_demo_countys_merged_duplicates_have_the_one_kept_suggested(in_python):
    """The demo county's 260 merged opinions repeat the one kept after a lead such as
    "又有群众反映:": had they been entered today, it would have been suggested."""
    among = opinions_for(user("office"))
    merged = Opinion.objects.filter(status=Status.MERGED).order_by("pk")
    missed = [
        duplicate.content
        for duplicate in merged[:60]
        if duplicate.merged_into
        not in similar_to(
            duplicate.content, among=among, unit=duplicate.unit_id, in_python=in_python
        )
    ]
    assert missed == []


def test_a_secretary_typing_a_near_copy_gets_the_original_of_the_unit(loaded, shengtuo):
    originals, _ = loaded
    secretary = user("secretary")
    among = opinions_for(secretary)
    found = [
        original in similar_to(copy, among=among, unit=secretary.unit_id)
        for (_k, _o, copy), original in zip(PAIRS, originals, strict=True)
    ]
    assert sum(found) >= 0.9 * len(PAIRS)


# --- the normaliser and the scorer ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("路灯坏了，没人修。", "路灯坏了没人修"),
        ("路灯 坏了!!! 没人修?", "路灯坏了没人修"),
        ("“路灯”（主街）坏了——没人修……", "路灯主街坏了没人修"),
        ("路灯\u3000坏了\n\t没人修、", "路灯坏了没人修"),  # ideographic space, newline, tab
        ("ＡＢＣ１２３号楼", "abc123号楼"),  # full-width letters and digits
        ("PM2.5超标", "pm25超标"),
        ("【紧急】《通知》", "紧急通知"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_normaliser_keeps_letters_and_digits_half_width_in_lower_case(text, plain):
    assert normalise(text) == plain


def test_the_normaliser_cuts_a_long_text_at_its_beginning():
    assert normalise("路灯，" * 2000) == "路灯" * (similar.MAX_CHARS // 2)


def test_a_text_is_compared_by_its_distinct_bigrams():
    assert bigrams("路灯坏了") == ["路灯", "灯坏", "坏了"]
    assert bigrams("哈哈哈哈") == ["哈哈"]
    assert bigrams("路") == ["路"] and bigrams("，。") == []
    assert search_text("路灯坏了，没人修！") == "路灯 灯坏 坏了 了没 没人 人修"
    assert search_text("路灯 坏了") == search_text("路灯坏了")


def test_the_fallback_scorer_is_the_dice_coefficient_of_the_bigrams():
    first, second = set(bigrams("路灯坏了没人修")), set(bigrams("路灯坏了有人修"))
    # 6 bigrams each; 路灯 灯坏 坏了 人修 shared
    assert dice(first, second) == pytest.approx(2 * 4 / 12)
    assert dice(first, first) == 1.0
    assert dice(first, set(bigrams("学校食堂太贵"))) == 0.0
    assert dice(set(), first) == 0.0
    punct = set(bigrams("路灯坏了，没人修！！"))
    assert dice(first, punct) == 1.0  # punctuation changes nothing


def test_the_services_keep_the_normalised_text(shengtuo):
    opinion = receive("  主街路灯坏了，没人修！  ", shengtuo)
    opinion.refresh_from_db()
    assert opinion.content_search == search_text("主街路灯坏了没人修")


def test_the_demo_county_opinions_have_their_normalised_text():
    assert not Opinion.objects.filter(content_search="").exists()
    rows = Opinion.objects.values_list("content", "shown_content", "content_search")
    for content, shown, stored in rows:
        assert stored == search_text(shown or content)  # a masked copy is what people read


def test_a_text_too_short_to_compare_costs_no_query(django_assert_num_queries):
    among = opinions_for(user("office"))
    with django_assert_num_queries(0):
        assert similar_to("路灯坏了", among=among) == []
        assert similar_to("！！ ？？", among=among) == []


# --- what is never suggested ----------------------------------------------------------


@pytest.mark.parametrize("in_python", BOTH_WAYS)
def test_merged_opinions_are_never_suggested(in_python, shengtuo):
    text = "胜坨镇便民服务中心中午没人值班，群众赶几十里路来办事，只能干等。"
    keep = receive(text, shengtuo)
    duplicate = receive(text + "请解决。", shengtuo, channel=Channel.BOX)
    among = opinions_for(user("office"))
    assert set(similar_to(text, among=among, in_python=in_python)) == {keep, duplicate}
    services.merge_opinions(actor=user("office"), keep=keep, duplicates=[duplicate])
    assert similar_to(text, among=among, in_python=in_python) == [keep]
    assert similar_to(text, among=among, exclude=keep, in_python=in_python) == []
    assert similar_to(text, among=among, exclude=keep.pk, in_python=in_python) == []


@pytest.mark.parametrize("in_python", BOTH_WAYS)
def test_nothing_the_user_may_not_see_is_suggested(in_python, shengtuo, haojia):
    text = "郝家镇农机站给农民办农机补贴，要先交三百元手续费，不交就不给办。"
    theirs = receive(text, haojia)
    copy = "郝家镇农机站工作人员给农户办理农机补贴，要先交300元手续费，不交就不给办理。"
    for name, sees in [
        ("office", True),
        ("secretary2", True),  # 郝家镇's
        ("supervisor2", True),  # group 2 covers 郝家镇
        ("secretary", False),  # 胜坨镇's
        ("supervisor1", False),
    ]:
        among = opinions_for(user(name))
        found = similar_to(copy, among=among, unit=shengtuo, in_python=in_python)
        assert (theirs in found) is sees, name


@pytest.mark.parametrize("in_python", BOTH_WAYS)
def test_an_opinion_hidden_by_the_naming_rule_is_not_suggested(in_python, shengtuo):
    secretary = user("secretary")
    text = "胜坨镇党委书记评低保优亲厚友，自家亲戚开着小轿车也吃低保。"
    named = receive(text, shengtuo, named_person=secretary, named_person_name="某书记")
    copy = "胜坨镇党委书记评低保时优亲厚友，自家的亲戚开着小轿车也吃上了低保！"
    assert named in similar_to(copy, among=opinions_for(user("office")), in_python=in_python)
    assert named not in similar_to(copy, among=opinions_for(secretary), in_python=in_python)


# --- query counts -----------------------------------------------------------------------


def _count(run):
    with CaptureQueriesContext(connection) as queries:
        result = run()
    return len(queries), result


@pytest.mark.parametrize("size", [1, 40])
def test_the_number_of_queries_is_fixed(size, shengtuo, haojia):
    copy = "您好！宁海村主街路灯坏了三个多月了 晚上出门黑灯瞎火 老人孩子摔了好几次"
    for i in range(size):
        receive(f"宁海村主街的路灯坏了三个多月，晚上出门黑灯瞎火，老人孩子摔了好几次{i}", shengtuo)
        receive(f"郝家镇第{i}号路口的红绿灯坏了，车辆乱窜", haojia)
    among = opinions_for(user("office"))
    if ON_POSTGRES:  # one query: found, ranked and cut by the database, units joined
        assert _count(lambda: similar_to(copy, among=among, unit=shengtuo))[0] == 1
        assert _count(lambda: similar_to(copy, among=among))[0] == 1
        assert _count(lambda: similar_to("学校食堂卫生太差了", among=among))[0] == 1
    else:  # the unit's candidates, the latest ones, the suggestions with their units
        assert _count(lambda: similar_to(copy, among=among, unit=shengtuo))[0] == 3
        assert _count(lambda: similar_to(copy, among=among))[0] == 2
        assert _count(lambda: similar_to("学校食堂卫生太差了", among=among))[0] == 1
    count, found = _count(lambda: similar_to(copy, among=among, unit=shengtuo, in_python=True))
    assert count == 3 and len(found) == min(size, similar.LIMIT)
    for opinion in found:
        with CaptureQueriesContext(connection) as queries:
            str(opinion.unit.name)
        assert len(queries) == 0


# --- PostgreSQL: pg_trgm, its index, the locale ---------------------------------------

postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="pg_trgm is PostgreSQL's")


@postgres_only
def test_pg_trgm_makes_trigrams_of_chinese_under_this_database_locale():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s)", ["路灯坏了没人修"])
        assert cursor.fetchone()[0]
        first = search_text("路灯坏了，没人修")
        second = search_text("路灯坏了三个月，没有人修")
        cursor.execute("SELECT similarity(%s, %s), similarity(%s, %s)", [first, second] * 2)
        near, same = cursor.fetchone()
        assert 0.3 < near < 1 and same > 0
        cursor.execute("SHOW pg_trgm.similarity_threshold")
        assert float(cursor.fetchone()[0]) <= similar.PG_THRESHOLD
    assert similar.check_trigram_locale(databases=["default"]) == []


@postgres_only
@pytest.mark.full_demo  # the planner weighs the index against 19,000 rows, not 400
def test_the_trigram_index_finds_the_suggestions(shengtuo):
    receive("宁海村主街的路灯坏了三个多月，晚上出门黑灯瞎火，村里一直没人来修。", shengtuo)
    copy = "宁海村主街路灯坏了三个多月了，晚上出门黑灯瞎火，村里一直没人来修"
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'opinion_content_trgm'")
        assert "gin (content_search gin_trgm_ops)" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")  # as on a table too big to scan
    among = opinions_for(user("office"))
    with CaptureQueriesContext(connection) as queries:
        assert similar_to(copy, among=among, unit=shengtuo)
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + query["sql"])  # the query as sent, its values in it
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on opinion_content_trgm" in plan, plan


# --- the URL: who may ask, what comes back ---------------------------------------------


def _client(name):
    c = Client()
    if name != "anonymous":
        c.force_login(user(name))
    return c


def _post(name, **data):
    return _client(name).post(reverse("opinions:similar"), data)


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("office", True),
        ("secretary", True),
        ("secretary2", False),
        ("supervisor1", True),
        ("supervisor2", False),
    ],
)
def test_those_who_enter_or_answer_get_the_suggestions_in_their_scope(name, sees, shengtuo):
    original = receive(
        "胜坨镇便民服务中心的工作人员上班时间玩手机，群众排了长队也不着急。", shengtuo
    )
    copy = "胜坨镇便民服务中心工作人员，上班时间玩手机！群众排了长队也不着急"
    response = _post(name, content=copy)
    assert response.status_code == 200
    text = response.content.decode()
    assert (original.receipt_code in text) is sees
    if sees:
        assert "可能重复的意见" in text and "胜坨镇" in text
        assert original.get_absolute_url() in text
    else:
        assert "未发现可能重复的意见" in text


@pytest.mark.parametrize(("name", "status"), [("leader", 403), ("inspector", 403)])
def test_those_who_only_read_opinions_are_refused(name, status):
    assert _post(name, content="胜坨镇便民服务中心的工作人员上班时间玩手机").status_code == status


@pytest.mark.parametrize("name", ["cadre", "head"])
def test_cadres_have_no_such_page(name):
    assert user(name).role == Role.CADRE and not may_check_similar(user(name))
    assert _post(name, content="胜坨镇便民服务中心的工作人员上班时间玩手机").status_code == 404


def test_anonymous_visitors_log_in_and_a_get_is_refused():
    response = _post("anonymous", content="路灯坏了没人修")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert _client("office").get(reverse("opinions:similar")).status_code == 405


def test_the_check_is_csrf_protected():
    c = Client(enforce_csrf_checks=True)
    c.force_login(user("office"))
    url = reverse("opinions:similar")
    assert c.post(url, {"content": "路灯坏了没人修"}).status_code == 403
    c.get(reverse("opinions:create"))
    token = c.cookies["csrftoken"].value
    response = c.post(url, {"content": "路灯坏了没人修"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_the_unit_orders_and_the_opinion_left_out_is_left_out(shengtuo, haojia):
    text = "镇自来水一个月停了好几次，水龙头里放出来的水发黄有沙子，根本不敢喝。"
    here, there = receive(text, shengtuo), receive(text, haojia)
    order = [there.receipt_code, here.receipt_code]
    body = _post("office", content=text, unit=haojia.pk).content.decode()
    assert body.index(order[0]) < body.index(order[1])
    body = _post("office", content=text, unit=shengtuo.pk, exclude=there.pk).content.decode()
    assert here.receipt_code in body and there.receipt_code not in body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"content": ""},
        {"content": "短"},
        {"content": "路灯坏了\x00没人修理"},
        {"content": "路灯坏了没人修" * 2000},
        {"content": "路灯坏了没人修理", "unit": "abc"},
        {"content": "路灯坏了没人修理", "unit": str(10**30)},
        {"content": "路灯坏了没人修理", "exclude": "-1"},
        {"content": "%_\\' OR 1=1 --<script>alert(1)</script>"},
    ],
)
def test_any_input_gets_an_answer_never_an_error(data):
    response = _post("office", **data)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_check_costs_a_fixed_number_of_queries(shengtuo, django_assert_num_queries):
    original = receive(
        "胜坨镇便民服务中心的工作人员上班时间玩手机，群众排了长队也不着急。", shengtuo
    )
    c = _client("secretary")
    url = reverse("opinions:similar")
    # session, user, the user's unit path (scope), then the suggestions (similar_to)
    with django_assert_num_queries(3 + (1 if ON_POSTGRES else 3)):
        response = c.post(url, {"content": "胜坨镇便民服务中心工作人员上班时间玩手机"})
    assert original.receipt_code in response.content.decode()


# --- the entry form and the detail page ---------------------------------------------------


def test_the_entry_form_asks_as_the_content_is_typed():
    for name in ("office", "secretary"):
        page = _client(name).get(reverse("opinions:create")).content.decode()
        assert f'hx-post="{reverse("opinions:similar")}"' in page
        assert 'hx-trigger="input changed delay:600ms"' in page
        assert 'hx-target="#similar-box"' in page and 'hx-include="[name=unit]"' in page
        assert page.index('name="content"') < page.index('id="similar-box"')
        assert page.index('id="similar-box"') < page.index('name="category"')


def test_the_entry_form_back_with_an_error_asks_at_once():
    page = _client("office").post(reverse("opinions:create"), {"content": "路灯坏了没人修理"})
    assert page.status_code == 200
    assert 'hx-trigger="input changed delay:600ms, load"' in page.content.decode()


def test_saving_a_near_copy_says_so(shengtuo):
    original = receive("胜坨镇便民服务中心中午没人值班，群众赶几十里路来办事，只能干等。", shengtuo)
    data = {
        "channel": Channel.FACE,
        "received_on": "2014-05-15",
        "content": "胜坨镇便民服务中心中午没人值班!!群众赶几十里路来办事 只能干等",
        "category": Category.SERVICE,
        "anonymous": "on",
    }
    response = _client("secretary").post(reverse("opinions:create"), data, follow=True)
    page = response.content.decode()
    assert "已保存。发现可能重复的意见" in page
    assert original.receipt_code in page


def test_the_handler_sees_near_copies_on_the_detail_page(shengtuo):
    first = receive("胜坨镇便民服务中心中午没人值班，群众赶几十里路来办事，只能干等。", shengtuo)
    second = receive("胜坨镇便民服务中心中午没人值班!!群众赶几十里路来办事 只能干等", shengtuo)
    office = user("office")
    for opinion in (first, second):
        services.route_opinion(actor=office, opinion=opinion, unit=shengtuo)
    url = second.get_absolute_url()
    office_page = _client("office").get(url).content.decode()
    assert first.receipt_code in office_page and f'value="{first.pk}"' in office_page
    assert reverse("opinions:merge", args=[second.pk]) in office_page
    secretary_page = _client("secretary").get(url).content.decode()
    assert "可能重复的意见" in secretary_page and first.receipt_code in secretary_page
    assert reverse("opinions:merge", args=[second.pk]) not in secretary_page
    for reader in ("leader", "inspector", "supervisor1"):  # they read it, handle it not
        assert first.receipt_code not in _client(reader).get(url).content.decode(), reader


def test_a_merged_opinion_shows_no_suggestions(shengtuo):
    first = receive("胜坨镇便民服务中心中午没人值班，群众赶几十里路来办事，只能干等。", shengtuo)
    second = receive("胜坨镇便民服务中心中午没人值班!!群众赶几十里路来办事 只能干等", shengtuo)
    services.merge_opinions(actor=user("office"), keep=first, duplicates=[second])
    page = _client("office").get(second.get_absolute_url()).content.decode()
    assert 'id="similar"' not in page
    assert Opinion.objects.get(pk=second.pk).status == Status.MERGED


def test_may_check_similar_follows_entering_and_answering():
    for name, may in [
        ("office", True),
        ("secretary", True),
        ("secretary2", True),
        ("supervisor1", True),
        ("supervisor2", True),
        ("leader", False),
        ("inspector", False),
        ("head", False),
        ("cadre", False),
    ]:
        assert may_check_similar(user(name)) is may, name
    assert not may_check_similar(AnonymousUser())
