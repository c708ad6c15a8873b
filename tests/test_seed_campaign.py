"""The campaign in the demo county on the demo day (campaign.demo.campaign_state),
seeded once per session by conftest."""

import datetime
import itertools
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from campaign.acceptance.services import CHECKS as ACCEPTANCE_CHECKS
from campaign.demo.build import seed
from campaign.history.models import HistoryEntry
from campaign.org.models import Role, Unit, UnitKind, User
from campaign.overview.progress import load_plan, overdue_expression, short_plans
from campaign.phases.models import Campaign, Phase, Requirement, SupervisionActivity, WavePlan
from campaign.phases.services import add_months
from campaign.review import services
from campaign.review.models import (
    ChainConfig,
    Reason,
    ReviewItem,
    ReviewVersion,
    State,
)
from tests.review_fixtures import check_acceptance, create_item, revise_item

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]  # the newcomer's first look

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_DAY = datetime.date(2014, 5, 15)
STEP = "review.item."
ITEM_FIELDS = [
    "unit_id",
    "kind",
    "requirement_id",
    "phase_id",
    "title",
    "state",
    "level",
    "levels",
    "version",
    "created_by_id",
    "submitted_by_id",
    "created_at",
    "submitted_at",
    "state_changed_at",
    "send_back_count",
    "last_reasons",
    "last_comment",
    "last_level",
    "reopened",
    "signed_snapshot",
    "passed_at",
]


def item_history(items=None):
    """{item pk: [HistoryEntry, ...] oldest first} for the review steps."""
    entries = HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReviewItem), code__startswith=STEP
    ).order_by("created_at", "id")
    if items is not None:
        entries = entries.filter(object_id__in=[str(i.pk) for i in items])
    history = defaultdict(list)
    for entry in entries:
        history[int(entry.object_id)].append(entry)
    return history


def step(entry):
    return entry.code.removeprefix(STEP)


def queue(level, **filters):
    return ReviewItem.objects.filter(state="in_review", level=level, **filters)


# --- the campaign ---


def test_the_campaign_has_three_phases_nine_wave_plans_and_is_frozen_on_the_demo_day():
    campaign = Campaign.objects.get()
    assert campaign.name == "垦利县党的群众路线教育实践活动"
    assert (campaign.starts_on, campaign.ends_on) == (
        datetime.date(2014, 2, 28),
        datetime.date(2014, 9, 30),
    )
    assert campaign.frozen_on == DEMO_DAY
    assert list(Phase.objects.values_list("number", flat=True)) == [1, 2, 3]
    plans = {(p.phase.number, p.wave): (p.starts_on, p.ends_on) for p in WavePlan.objects.all()}
    assert len(plans) == 9
    assert plans[(1, 1)] == (datetime.date(2014, 3, 1), datetime.date(2014, 4, 15))
    assert plans[(3, 3)] == (datetime.date(2014, 7, 20), datetime.date(2014, 9, 25))
    assert Requirement.objects.count() == 8
    assert not ChainConfig.objects.exists()  # the default chains


def test_every_wave_lasts_at_least_three_months():
    plan = load_plan()
    assert plan.today == DEMO_DAY
    assert short_plans(plan) == []
    for wave in (1, 2, 3):
        dates = [(p.starts_on, p.ends_on) for (_phase, w), p in plan.plans.items() if w == wave]
        start, end = min(d[0] for d in dates), max(d[1] for d in dates)
        assert end >= add_months(start, 3)
        assert plan.campaign.starts_on <= start and end <= plan.campaign.ends_on


# --- heads ---


def test_every_organisation_has_a_head_account_of_its_own_unit():
    secretaries = dict(User.objects.filter(role=Role.SECRETARY).values_list("unit_id", "username"))
    rows = Unit.objects.organisations().values_list(
        "pk", "name", "head__username", "head__role", "head__unit_id", "head__full_name"
    )
    for pk, name, username, role, unit_id, full_name in rows:
        assert (role, unit_id) == (Role.CADRE, pk), name
        expected = "head" if name == "胜坨镇" else secretaries[pk] + "h"
        assert username == expected
        assert 2 <= len(full_name) <= 3
    heads = User.objects.filter(headed_units__isnull=False)
    assert heads.count() == Unit.objects.organisations().count()  # one each, none shared
    assert User.objects.get(username="kl0001h").unit.name == "县委常委班子"


def test_head_is_the_head_of_shengtuo_and_logs_in_with_the_demo_password(shengtuo):
    head = User.objects.get(username="head")
    assert shengtuo.head == head
    assert head.unit == shengtuo and head.role == Role.CADRE and head.created_by_seed
    assert head.check_password("kenli2014")
    assert User.objects.get(username="secretary2h").headed_units.get().name == "郝家镇"


# --- the items ---


def test_item_states_are_consistent():
    versions = dict(
        ReviewVersion.objects.values("item").annotate(n=Count("pk")).values_list("item", "n")
    )
    for item in ReviewItem.objects.all():
        assert item.levels == ChainConfig.levels_for(item.kind)
        assert item.version == versions[item.pk] >= 1
        assert (item.state == "in_review") == (item.level in item.levels)
        if item.state != "in_review":
            assert item.level == ""
        assert (item.state == "passed") == bool(item.signed_snapshot) == bool(item.passed_at)
        if item.state == "sent_back":
            assert item.last_reasons and item.send_back_count >= 1 and item.last_comment
            assert item.last_level in item.levels
        assert set(item.last_reasons) <= set(Reason.values)
        assert (item.send_back_count > 0) == bool(item.last_reasons)
        if item.state in ("in_review", "passed"):
            assert item.submitted_at and item.submitted_by_id == item.created_by_id
        assert not item.reopened
        if item.requirement_id:
            assert item.requirement.applies_to(item.unit.kind)
            assert (item.kind, item.phase_id) == (
                item.requirement.item_kind,
                item.requirement.phase_id,
            )


def test_at_most_one_item_per_unit_and_requirement_and_one_acceptance_per_phase():
    per_requirement = Counter(
        ReviewItem.objects.exclude(requirement=None).values_list("unit", "requirement")
    )
    assert max(per_requirement.values()) == 1
    acceptances = ReviewItem.objects.filter(kind="acceptance")
    assert Counter(acceptances.values_list("unit", "phase")).most_common(1)[0][1] == 1
    assert set(acceptances.values_list("phase__number", flat=True)) == {1}
    for title, unit in acceptances.values_list("title", "unit__name"):
        assert title == f"{unit}：“学习教育、听取意见”环节验收"
    assert not acceptances.exclude(requirement=None).exists()


def test_signed_snapshots_are_the_last_version():
    for item in ReviewItem.objects.filter(state="passed").prefetch_related("versions"):
        last = max(item.versions.all(), key=lambda v: v.number)
        snap = item.signed_snapshot
        assert (snap["version"], snap["title"], snap["content"]) == (
            item.version,
            last.title,
            last.snapshot,
        )
        assert datetime.datetime.fromisoformat(snap["signed_at"]) == item.passed_at
        assert snap["signed_by"]


def test_every_items_history_replays_to_its_state():
    history = item_history()
    items = ReviewItem.objects.all()
    assert set(history) == {i.pk for i in items}
    for item in items:
        entries = history[item.pk]
        assert step(entries[0]) == "created"
        assert entries[0].changes == {"state": [None, "draft"], "level": [None, ""], "version": 1}
        state, level = "draft", ""
        for entry in entries:
            old, new = entry.changes["state"], entry.changes["level"]
            assert [old[0], new[0]] in ([state, level], [None, None])
            state, level = old[1], new[1]
        assert (state, level) == (item.state, item.level)
        assert entries[-1].changes["version"] == item.version
        assert sum(step(e) == "sent_back" for e in entries) == item.send_back_count
        assert sum(step(e) in ("created", "revised") for e in entries) == item.version


def test_history_times_and_actors_follow_the_chain():
    history = item_history()
    office = User.objects.get(username="office")
    for item in ReviewItem.objects.select_related("unit"):
        entries = history[item.pk]
        times = [e.created_at for e in entries]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert datetime.datetime(2014, 3, 1, tzinfo=SHANGHAI) <= times[0]
        assert times[-1].astimezone(SHANGHAI).date() < DEMO_DAY
        assert (item.created_at, item.state_changed_at) == (times[0], times[-1])
        submitted = [e.created_at for e in entries if step(e) == "submitted"]
        assert item.submitted_at == (submitted[-1] if submitted else None)
        if item.passed_at:
            assert item.passed_at == times[-1] and step(entries[-1]) == "signed_off"
        for entry in entries:
            assert entry.object_repr == item.title
            assert bool(entry.reason) >= (step(entry) == "sent_back")
            level = entry.changes["level"][0]
            if step(entry) in ("created", "revised", "submitted"):
                assert entry.actor_id == item.created_by_id
            elif level == "head":
                assert entry.actor_id == item.unit.head_id
            elif level == "group":
                assert entry.actor.role == Role.SUPERVISOR
                assert entry.actor.group_id == item.unit.group_id
            else:
                assert entry.actor == office


def test_the_creator_is_the_units_secretary():
    rows = ReviewItem.objects.values_list("unit_id", "created_by__unit_id", "created_by__role")
    assert {(unit == by_unit, role) for unit, by_unit, role in rows} == {(True, Role.SECRETARY)}


def test_versions_are_believable_chinese_and_revisions_add_to_them():
    versions = defaultdict(list)
    for version in ReviewVersion.objects.order_by("item", "number"):
        versions[version.item_id].append(version)
    for item in ReviewItem.objects.all():
        bodies = [body_of(v) for v in versions[item.pk]]
        assert [v.number for v in versions[item.pk]] == list(range(1, item.version + 1))
        for body in bodies:
            assert 100 <= len(body) <= 400, body
        for before, after in itertools.pairwise(bodies):
            assert after.startswith(before) and len(after) > len(before)
        assert all(v.title == item.title for v in versions[item.pk])
    material = ReviewItem.objects.filter(kind="material").first()
    assert material.title.endswith("领导班子对照检查材料") or "班子对照检查材料" in material.title
    body = body_of(ReviewVersion.objects.filter(item__kind="material").first())
    assert all(wind in body for wind in ("形式主义", "官僚主义", "享乐主义", "奢靡之风"))
    assert (
        ReviewItem.objects.get(unit__name="胜坨镇", kind="material").title
        == "胜坨镇党委领导班子对照检查材料"
    )


def test_send_backs_carry_concrete_comments():
    backs = HistoryEntry.objects.filter(code=STEP + "sent_back")
    assert backs.count() > 50
    for entry in backs:
        assert entry.changes["reasons"] and set(entry.changes["reasons"]) <= set(Reason.values)
        assert len(entry.reason) >= 10
    comments = set(backs.values_list("reason", flat=True))
    assert "查摆问题不具体,缺少具体事例,请补充1-2个典型事例。" in comments


def test_acceptances_are_decided_by_the_group_with_the_four_checks():
    keys = {c.key for c in ACCEPTANCE_CHECKS}
    decisions = HistoryEntry.objects.filter(code__in=[STEP + "passed", STEP + "sent_back"])
    decided = [e for e in decisions if e.changes["level"][0] == "group"]
    acceptances = ReviewItem.objects.filter(kind="acceptance").values_list("pk", flat=True)
    acceptance_ids = {str(pk) for pk in acceptances}
    checked = [e for e in decided if e.object_id in acceptance_ids]
    assert len(checked) >= 100
    for entry in checked:
        checks = entry.changes["checks"]
        assert set(checks) == keys
        failed = [k for k, c in checks.items() if not c["yes"]]
        assert (step(entry) == "sent_back") == bool(failed)
        if not failed:
            assert all(c == {"yes": True, "note": ""} for c in checks.values())
    others = [e for e in decided if e.object_id not in acceptance_ids]
    assert others and not any("checks" in e.changes for e in others)


# --- same rows as the services would write ---


def body_of(version):
    """The text a unit wrote in ``version`` (its first field)."""
    return version.snapshot["fields"][0][1]


def replay(item, entries, versions):
    """Delete ``item`` and make it again through the review services, each step at the
    time its history row says; returns the new item."""
    unit, requirement, phase, kind = item.unit, item.requirement, item.phase, item.kind
    record = item.record
    item.delete()
    record.delete()
    new = None
    for entry in entries:
        with time_machine.travel(entry.created_at, tick=False):
            name, actor = step(entry), entry.actor
            if name == "created":
                v = versions[0]
                new = create_item(
                    actor=actor,
                    unit=unit,
                    title=v.title,
                    body=body_of(v),
                    kind=None if requirement else kind,
                    requirement=requirement,
                    phase=None if requirement else phase,
                )
            elif name == "revised":
                v = versions[entry.changes["version"] - 1]
                revise_item(actor=actor, item=new, title=v.title, body=body_of(v))
            elif name == "submitted":
                services.submit_item(actor=actor, item=new)
            elif "checks" in entry.changes:
                checks = {k: (c["yes"], c["note"]) for k, c in entry.changes["checks"].items()}
                check_acceptance(actor=actor, item=new, checks=checks, comment=entry.reason)
            elif name == "sent_back":
                reasons = entry.changes["reasons"]
                services.send_back_item(
                    actor=actor, item=new, reasons=reasons, comment=entry.reason
                )
            else:
                services.pass_item(actor=actor, item=new, comment=entry.reason)
    return new


def history_rows(entries):
    return [(e.actor_id, e.code, e.object_repr, e.changes, e.reason, e.created_at) for e in entries]


def test_seeded_items_are_the_rows_the_review_services_write(shengtuo):
    """One item of every path through the chain (and all of 胜坨镇's) is made again with
    the services at the recorded times: item, versions and history come out the same."""
    history = item_history()
    chosen = {}
    for item in ReviewItem.objects.order_by("pk"):
        path = (item.kind == "acceptance", tuple(step(e) for e in history[item.pk]))
        chosen.setdefault(item.pk if item.unit_id == shengtuo.pk else path, item)
    assert len(chosen) >= 15
    for item in chosen.values():
        entries, versions = history[item.pk], list(item.versions.order_by("number"))
        before = {f: getattr(item, f) for f in ITEM_FIELDS}
        old_versions = [
            (v.number, v.title, v.snapshot, v.created_by_id, v.created_at) for v in versions
        ]
        new = replay(item, entries, versions)
        new.refresh_from_db()
        assert {f: getattr(new, f) for f in ITEM_FIELDS} == before
        assert [
            (v.number, v.title, v.snapshot, v.created_by_id, v.created_at)
            for v in new.versions.order_by("number")
        ] == old_versions
        assert history_rows(item_history([new])[new.pk]) == history_rows(entries)


# --- where the waves stand ---


def test_wave_one_is_deep_in_phase_two():
    units = Unit.objects.organisations().filter(wave=1)
    total = units.count()
    items = ReviewItem.objects.filter(unit__wave=1)
    in_phase_two = units.filter(review_items__phase__number=2).distinct().count()
    assert in_phase_two >= 0.85 * total
    phase_one = items.filter(phase__number=1).exclude(kind="acceptance")
    assert 0.78 <= phase_one.filter(state="passed").count() / phase_one.count() <= 0.92
    assert set(phase_one.exclude(state="passed").values_list("state", flat=True)) <= {
        "in_review",
        "sent_back",
    }
    accepted = items.filter(kind="acceptance", state="passed").count()
    assert 0.5 <= accepted / total <= 0.7
    assert items.filter(kind="acceptance", state="in_review", level="office").exists()
    material = items.filter(kind="material")
    states = Counter(material.values_list("state", flat=True))
    assert states["draft"] and states["sent_back"] and states["passed"]
    assert states["in_review"] > material.count() / 2
    backs = Counter(material.values_list("send_back_count", flat=True))
    assert 0.08 <= backs[1] / total <= 0.22 and 0.02 <= backs[2] / total <= 0.09
    assert material.filter(send_back_count=2, version=3).exists()  # revised twice
    meetings = items.filter(kind="meeting")
    assert meetings.exists() and set(meetings.values_list("state", flat=True)) == {"in_review"}
    assert not items.filter(phase__number=3).exists()


def test_wave_two_towns_are_finishing_phase_one():
    plan = load_plan()
    towns = Unit.objects.filter(kind=UnitKind.TOWN)
    items = ReviewItem.objects.filter(unit__in=towns)
    phase_one = items.filter(phase__number=1).exclude(kind="acceptance")
    states = Counter(phase_one.values_list("state", flat=True))
    assert states["passed"] + states["in_review"] >= 0.8 * phase_one.count()
    missing = 0
    for requirement in plan.requirements_of(plan.phases[0]):
        due = plan.due(requirement, 2)
        assert due < DEMO_DAY  # every phase-1 requirement of wave 2 is due
        missing += towns.exclude(review_items__requirement=requirement).count()
    assert 2 <= missing <= 6  # a few overdue with nothing submitted
    acceptances = items.filter(kind="acceptance")
    assert acceptances.count() == 2 and set(acceptances.values_list("level", flat=True)) == {
        "group"
    }


def test_wave_three_is_just_starting():
    units = Unit.objects.organisations().filter(wave=3)
    items = ReviewItem.objects.filter(unit__wave=3)
    assert items.count() < 0.4 * units.count()
    assert set(items.values_list("requirement__order", flat=True)) == {1}  # 党员学习全覆盖
    assert not items.filter(state="passed").exists()
    assert items.filter(state="draft").exists() and items.filter(state="in_review").exists()


def test_shengtuo_shows_the_demo_secretary_every_state(shengtuo):
    items = {i.requirement.order: i for i in shengtuo.review_items.select_related("requirement")}
    states = {order: (i.state, i.level) for order, i in items.items()}
    assert ("passed", "") in states.values()
    assert ("in_review", "group") in states.values()
    assert ("in_review", "head") in states.values()
    sent_back = [i for i in items.values() if i.state == "sent_back"]
    assert len(sent_back) == 1 and sent_back[0].last_reasons and sent_back[0].last_comment
    applicable = [r for r in Requirement.objects.all() if r.applies_to(shengtuo.kind)]
    assert len(items) < len(applicable)  # at least one not yet submitted
    assert not shengtuo.review_items.filter(kind="acceptance").exists()
    secretary = User.objects.get(username="secretary")
    assert set(shengtuo.review_items.values_list("created_by", flat=True)) == {secretary.pk}


def test_review_queues_of_the_demo_logins():
    supervisor1 = User.objects.get(username="supervisor1")
    assert 10 <= queue("group", unit__group=supervisor1.group).count() <= 40
    assert queue("office").count() >= 10
    head = User.objects.get(username="head")
    assert queue("head", unit__head=head).exists()
    supervisor2 = User.objects.get(username="supervisor2")
    assert queue("group", unit__group=supervisor2.group).exists()


# --- supervision ---


def test_groups_recorded_two_to_five_activities_at_each_wave_one_and_two_unit():
    counts = Counter(SupervisionActivity.objects.values_list("unit_id", flat=True))
    early = Unit.objects.organisations().filter(wave__in=[1, 2])
    assert set(counts) == set(early.values_list("pk", flat=True))
    assert set(counts.values()) <= {2, 3, 4, 5}
    rows = SupervisionActivity.objects.values_list(
        "unit__group_id", "group_id", "recorded_by__group_id", "recorded_by__role", "happened_on"
    )
    for unit_group, group, by_group, role, day in rows:
        assert unit_group == group == by_group and role == Role.SUPERVISOR
        assert datetime.date(2014, 3, 1) <= day < DEMO_DAY
    kinds = set(SupervisionActivity.objects.values_list("kind", flat=True))
    assert {"visit", "study", "meeting", "check"} <= kinds
    activity = SupervisionActivity.objects.first()
    assert activity.created_at.astimezone(SHANGHAI).date() == activity.happened_on
    assert HistoryEntry.objects.filter(code="phases.activity.recorded").count() == len(rows)


# --- reseeding ---


def snapshot():
    """The campaign state without primary keys, in a total order."""
    by_item = ("unit__path", "kind", "requirement__order")
    items = ReviewItem.objects.order_by(*by_item).values_list(
        "unit__path", "title", "state", "level", "version", "send_back_count", "state_changed_at"
    )
    versions = ReviewVersion.objects.order_by(*(f"item__{f}" for f in by_item), "number")
    activities = SupervisionActivity.objects.order_by(
        "unit__path", "happened_on", "kind", "findings", "recorded_by__username"
    )
    heads = User.objects.filter(headed_units__isnull=False).order_by("username")
    return (
        list(items),
        [
            (path, number, without_row_keys(snapshot))
            for path, number, snapshot in versions.values_list(
                "item__unit__path", "number", "snapshot"
            )
        ],
        list(activities.values_list("unit__path", "kind", "happened_on", "findings")),
        HistoryEntry.objects.count(),
        list(heads.values_list("username", "full_name")),
    )


def without_row_keys(snapshot):
    """A snapshot without its tables' row keys (primary keys, new on every seed)."""
    tables = [{**t, "rows": [cells for _key, cells in t["rows"]]} for t in snapshot["tables"]]
    return {**snapshot, "tables": tables}


def test_reseeding_gives_the_same_campaign_state():
    before = snapshot()
    seed(counties=1)
    assert snapshot() == before
    assert Campaign.objects.count() == 1


def test_the_demo_shows_nothing_the_portals_rules_would_refuse():
    """Every study report sent and every acceptance past its group meets the rules the
    services enforce (study days, coverage, opinions answered, requirements signed)."""
    sent = ReviewItem.objects.exclude(state="draft").select_related("unit", "phase")
    checked = 0
    for item in sent.filter(kind__in=["study_days", "study_coverage"]):
        assert services.unmet_rules(item) == [], item
        checked += 1
    for item in sent.filter(kind="acceptance"):
        if item.state == "passed" or item.level == "office":
            assert services.unmet_rules(item) == [], item
            checked += 1
    assert checked > 100


def test_the_county_looks_like_one_at_work():
    """Most units on time, some late, a few items sent back twice: counted the way the
    progress pages count what is overdue."""
    units = Unit.objects.organisations().annotate(overdue=overdue_expression(load_plan()))
    for wave, (low, high) in {1: (0.1, 0.4), 2: (0.3, 0.8)}.items():
        in_wave = units.filter(wave=wave)
        late = in_wave.filter(overdue__gt=0).count()
        assert low <= late / in_wave.count() <= high, (wave, late)
    assert not units.filter(wave=3, overdue__gt=0).exists()  # phase 1 just begun
    items = ReviewItem.objects.all()
    twice = items.filter(send_back_count__gte=2).count()
    assert 0 < twice <= 0.03 * items.count()
    assert items.filter(send_back_count=1).count() > 2 * twice
    assert items.filter(state=State.PASSED).count() >= 0.45 * items.count()
