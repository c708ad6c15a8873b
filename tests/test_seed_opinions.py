"""The demo county's opinions on the demo day (campaign.demo.opinions_state), seeded
once per session by conftest."""

import datetime
import difflib
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from campaign.demo.build import seed
from campaign.history.models import HistoryEntry
from campaign.opinions import feedback, moderation, services
from campaign.opinions.models import Category, Channel, Notice, Opinion, Status
from campaign.opinions.notices import deliver_notice
from campaign.org.models import Role, Unit, UnitKind, User
from campaign.phases.models import Campaign

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]  # the newcomer's first look

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_DAY = datetime.date(2014, 5, 15)
STEP = "opinions.opinion."
WINDS = {"formalism", "bureaucratism", "hedonism", "extravagance"}
CONTACT = ("contact_name", "contact_phone", "contact_email")


def opinion_history(opinions=None):
    """{opinion pk: [HistoryEntry, ...] oldest first}."""
    entries = HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Opinion), code__startswith=STEP
    ).order_by("created_at", "id")
    if opinions is not None:
        entries = entries.filter(object_id__in=[str(o.pk) for o in opinions])
    history = defaultdict(list)
    for entry in entries:
        history[int(entry.object_id)].append(entry)
    return history


def step(entry):
    return entry.code.removeprefix(STEP)


def shares(field):
    total = Opinion.objects.count()
    counts = Opinion.objects.values_list(field).annotate(n=Count("pk"))
    return {key: n / total for key, n in counts}


# --- how many, and how they spread ---


def test_the_demo_county_has_the_speechs_18969_opinions():
    assert Opinion.objects.count() == 18969
    assert not Opinion.objects.filter(created_by_seed=False).exists()
    assert Opinion.objects.values("receipt_code").distinct().count() == 18969
    first, last = (
        Opinion.objects.order_by(o).first().received_on for o in ("received_on", "-received_on")
    )
    assert first == datetime.date(2014, 1, 10) and last < DEMO_DAY
    before = Opinion.objects.filter(received_on__lt=datetime.date(2014, 2, 28)).count()
    assert 0.65 <= before / 18969 <= 0.8  # most heard in the solicitation before the launch


def test_statuses_spread_as_on_the_demo_day():
    found = shares("status")
    assert set(found) == set(Status.values)
    # received: not yet routed; a little more since units whose phase was accepted by their
    # group can have no unanswered routed opinion (the portal would refuse that acceptance)
    assert 0.03 <= found["received"] <= 0.08
    assert 0.005 <= found["merged"] <= 0.025
    assert found["answered"] + found["closed"] >= 0.75
    assert found["routed"] > 0.01 and found["handling"] > 0.01


def test_channels_are_mostly_visits_symposiums_questionnaires_and_boxes():
    found = shares("channel")
    assert set(found) == set(Channel.values)
    main = ["face", "door", "symposium", "questionnaire", "box"]
    assert sum(found[c] for c in main) >= 0.6
    referred = ["discipline", "organisation", "inspection", "audit", "petition_office"]
    assert min(found[c] for c in main) > max(found[c] for c in [*referred, "petition"])
    assert not Opinion.objects.filter(channel="public", received_on__lt="2014-02-28").exists()


def test_the_four_winds_outnumber_the_livelihood_areas():
    found = shares("category")
    assert set(found) == set(Category.values)
    winds = sum(found[c] for c in WINDS)
    assert 0.55 <= winds <= 0.7
    assert min(found[c] for c in WINDS) > max(v for c, v in found.items() if c not in WINDS)


def test_every_kind_of_unit_has_opinions_weighted_by_members():
    by_kind = dict(Opinion.objects.values_list("unit__kind").annotate(n=Count("pk")))
    assert set(UnitKind.organisations()) <= set(by_kind)
    towns = Unit.objects.filter(kind="town").annotate(n=Count("opinions"))
    assert all(t.n > 200 for t in towns)
    reached = Unit.objects.organisations().filter(opinions__isnull=False).distinct().count()
    assert reached >= 0.9 * Unit.objects.organisations().count()


def test_some_name_a_person_and_the_principal_leader_is_linked_to_the_head_account():
    named = Opinion.objects.exclude(named_person_name="").select_related("unit__head")
    assert 0.02 <= named.count() / 18969 <= 0.04
    linked = [o for o in named if o.named_person_id]
    assert len(linked) >= 0.3 * named.count()
    heads = 0
    for opinion in linked:
        account = opinion.named_person
        heads += account == opinion.unit.head
        assert account == opinion.unit.head or account.unit_id == opinion.unit_id
        assert opinion.named_person_name == account.display_name
        assert opinion.named_person_name in opinion.content
    assert heads >= 0.9 * len(linked)
    assert all(o.category in WINDS for o in named)


def test_an_opinion_naming_the_units_head_or_secretary_is_handled_one_level_up():
    """As naming.set_handler leaves it: by the organisation above the unit (a village's
    town), else by the unit's supervision group; every other opinion by its unit."""
    from campaign.opinions import naming

    routed = Opinion.objects.exclude(status="received").select_related(
        "unit", "named_person", "handler_unit", "handler_group"
    )
    up = [o for o in routed if naming.names_unit_boss(o)]
    assert len(up) >= 150
    by_handler = Counter()
    for opinion in up:
        unit, group = naming.handler_for(opinion)
        assert (opinion.handler_unit, opinion.handler_group) == (unit, group)
        assert unit is not None or group == opinion.unit.group
        by_handler["unit" if unit else "group"] += 1
        if opinion.unit.kind == UnitKind.VILLAGE:
            assert opinion.handler_unit.kind == UnitKind.TOWN
            assert opinion.unit.path.startswith(opinion.handler_unit.path)
    assert by_handler["unit"] > 0 and by_handler["group"] > 0
    others = routed.filter(handler_unit=None, handler_group=None).count()
    assert others == routed.count() - len(up)
    assert not Opinion.objects.filter(status="received").exclude(handler_unit=None).exists()


def test_a_third_leave_contact_and_the_anonymous_store_none():
    assert 0.25 <= Opinion.objects.filter(anonymous=False).count() / 18969 <= 0.35
    anonymous = Opinion.objects.filter(anonymous=True)
    for field in CONTACT:
        assert not anonymous.exclude(**{field: ""}).exists(), field
    assert not Opinion.objects.filter(anonymous=False, contact_phone="", contact_email="").exists()
    emails = Opinion.objects.exclude(contact_email="").count()
    assert 0 < emails <= 0.05 * 18969


def test_content_is_concrete_chinese():
    contents = list(Opinion.objects.values_list("content", flat=True)[:2000])
    assert all(len(c) >= 15 for c in contents)
    assert len(set(contents)) >= 0.95 * len(contents)
    assert sum(any(ch.isdigit() for ch in c) for c in contents) >= 0.4 * len(contents)
    assert any("村" in c for c in contents)


# --- each status as the services leave it ---


def test_received_ones_wait_for_routing():
    received = Opinion.objects.filter(status="received")
    assert not received.exclude(routed_at=None).exists()
    assert not received.exclude(answer_due=None).exists()
    assert not received.exclude(answer="").exists()
    assert received.filter(unit=None).count() >= 0.8 * received.count()


def test_routed_ones_have_a_unit_and_are_due_ten_working_days_after_routing():
    days = settings.OPINION_ANSWER_WORKING_DAYS
    routed = Opinion.objects.exclude(status__in=["received"])
    assert not routed.filter(unit=None).exists()
    for routed_at, due in routed.values_list("routed_at", "answer_due"):
        assert due == services.working_days_after(routed_at.astimezone(SHANGHAI).date(), days)
    overdue = Opinion.objects.filter(status__in=["routed", "handling"], answer_due__lt=DEMO_DAY)
    assert 0 < overdue.count() < 0.1 * 18969


def test_answered_ones_were_answered_by_the_secretary_of_the_unit_that_handles_them():
    secretaries = dict(User.objects.filter(role=Role.SECRETARY).values_list("pk", "unit_id"))
    supervisors = dict(User.objects.filter(role=Role.SUPERVISOR).values_list("pk", "group_id"))
    answered = Opinion.objects.filter(status__in=["answered", "closed"])
    by_group = 0
    for unit_id, handler_unit, group, by, answer, at, routed_at in answered.values_list(
        "unit_id",
        "handler_unit_id",
        "handler_group_id",
        "answered_by_id",
        "answer",
        "answered_at",
        "routed_at",
    ):
        if group:
            assert supervisors[by] == group
            by_group += 1
        else:
            assert secretaries[by] == (handler_unit or unit_id)
        assert len(answer) >= 10 and at > routed_at
    assert by_group > 0
    open_ = Opinion.objects.exclude(status__in=["answered", "closed"])
    assert not open_.exclude(answer="").exists() and not open_.exclude(answered_at=None).exists()
    published = answered.filter(answer_published=True).count() / answered.count()
    assert 0.35 <= published <= 0.45


def test_closed_ones_were_closed_after_the_answer():
    for answered_at, closed_at in Opinion.objects.filter(status="closed").values_list(
        "answered_at", "closed_at"
    ):
        assert closed_at > answered_at
    assert not Opinion.objects.exclude(status="closed").exclude(closed_at=None).exists()


def test_merged_ones_point_at_a_similar_opinion_of_the_same_unit():
    merged = Opinion.objects.filter(status="merged").select_related("merged_into")
    assert merged.count() == 260
    for opinion in merged:
        keep = opinion.merged_into
        assert keep.unit_id == opinion.unit_id and keep.status != "merged"
        assert keep.received_on < opinion.received_on
        ratio = difflib.SequenceMatcher(None, opinion.content, keep.content).ratio()
        assert ratio >= 0.55, (opinion.content, keep.content)
    assert not Opinion.objects.exclude(status="merged").exclude(merged_into=None).exists()


def test_answered_senders_who_left_contact_were_told_or_wait_for_a_call():
    answered = Opinion.objects.filter(status__in=["answered", "closed"], anonymous=False)
    by_email = set(answered.exclude(contact_email="").values_list("pk", flat=True))
    by_phone = set(
        answered.filter(contact_email="").exclude(contact_phone="").values_list("pk", flat=True)
    )
    emails = Notice.objects.filter(method="email")
    phones = Notice.objects.filter(method="phone")
    assert by_email and set(emails.values_list("opinion_id", flat=True)) == by_email
    assert by_phone and set(phones.values_list("opinion_id", flat=True)) == by_phone
    assert set(emails.values_list("state", flat=True)) == {"sent"}
    assert set(phones.values_list("state", flat=True)) == {"sent", "pending"}
    told = HistoryEntry.objects.filter(code="opinions.opinion.notified")
    assert told.count() == Notice.objects.filter(state="sent").count()


def test_shengtuo_has_opinions_in_every_status_and_some_overdue(shengtuo):
    mine = Opinion.objects.filter(unit=shengtuo)
    assert set(mine.values_list("status", flat=True)) == set(Status.values)
    overdue = mine.filter(status="routed", answer_due__lt=DEMO_DAY)
    assert overdue.count() >= 2
    assert mine.filter(status="routed", answer_due__gte=DEMO_DAY).exists()


# --- history ---


def test_every_opinions_history_replays_to_its_status():
    history = opinion_history()
    opinions = Opinion.objects.values_list(
        "pk", "status", "created_at", "routed_at", "answered_at", "closed_at", "created_by_id"
    )
    assert len(history) == 18969
    for pk, status, created_at, routed_at, answered_at, closed_at, created_by in opinions:
        entries = history[pk]
        assert step(entries[0]) == "received" and entries[0].actor_id == created_by
        times = [e.created_at for e in entries]
        # handing it up is written by the routing, at the same time; the office's call
        # to the sender may fall on the minute of another step
        steps = [e.created_at for e in entries if step(e) not in ("handed_up", "notified")]
        assert times == sorted(times) and len(set(steps)) == len(steps)
        assert times[0] == created_at and times[-1].astimezone(SHANGHAI).date() < DEMO_DAY
        assert times[0] >= datetime.datetime(2014, 1, 10, tzinfo=SHANGHAI)
        current = "received"
        at = {}
        for entry in entries[1:]:
            if "status" in entry.changes:
                seen, new = entry.changes["status"]
                assert seen == current, (pk, entry.code)
                current, at[step(entry)] = new, entry.created_at
        assert current == status
        assert (at.get("routed"), at.get("answered"), at.get("closed")) == (
            routed_at,
            answered_at,
            closed_at,
        )


def test_steps_are_taken_by_the_office_and_the_units_secretary():
    office = {u.pk for u in User.objects.filter(role=Role.OFFICE)}
    actors = defaultdict(set)
    for code, actor in HistoryEntry.objects.filter(code__startswith=STEP).values_list(
        "code", "actor_id"
    ):
        actors[code.removeprefix(STEP)].add(actor)
    moderated = ("checked", "hidden", "restored", "masked", "revealed")
    for name in ("routed", "handed_up", "closed", "merged", "merged_here", *moderated):
        assert actors[name] <= office, name
    assert actors["handling"].isdisjoint(office) and actors["answered"].isdisjoint(office)
    assert None in actors["received"]  # the public box


def replay(opinion, entries):
    """Make ``opinion`` again through the services, each step at the time its history
    row says (with the portal's date following the clock); returns the new opinion."""
    new = None
    # a name the sender wrote is linked to its account when the opinion is routed
    linked_later = any("named_person" in e.changes for e in entries[1:])
    for entry in entries:
        with time_machine.travel(entry.created_at, tick=False):
            name, actor = step(entry), entry.actor
            if name == "received":
                new = services.receive_opinion(
                    actor=actor,
                    channel=opinion.channel,
                    content=opinion.content,
                    category=opinion.category,
                    received_on=opinion.received_on,
                    unit=opinion.unit if opinion.status == "received" else None,
                    named_person=None if linked_later else opinion.named_person,
                    named_person_name=opinion.named_person_name,
                    anonymous=opinion.anonymous,
                    **{f: getattr(opinion, f) for f in CONTACT},
                )
                if opinion.unit_hint:  # the public box's view stores the unit named
                    Opinion.objects.filter(pk=new.pk).update(unit_hint=opinion.unit_hint)
            elif name == "routed":
                services.route_opinion(actor=actor, opinion=new, unit=opinion.unit)
            elif name == "handed_up":
                continue  # the routing hands it up
            elif name == "notified":
                notice = new.notices.get()
                if entry.changes["method"][1] == "phone":
                    feedback.record_phone_notice(actor=actor, notice=notice)
                else:  # the worker's delivery
                    assert deliver_notice(notice.pk)
            elif name in MODERATION_STEPS:
                MODERATION_STEPS[name](actor, new, entry, opinion)
            elif name == "handling":
                services.start_handling(actor=actor, opinion=new)
            elif name == "answered":
                publish = entry.changes["answer_published"][1]
                services.answer_opinion(
                    actor=actor, opinion=new, answer=opinion.answer, publish=publish
                )
            else:
                assert name == "closed", name
                services.close_opinion(actor=actor, opinion=new)
    new.refresh_from_db()
    return new


MODERATION_STEPS = {
    "checked": lambda actor, new, entry, seeded: moderation.mark_checked(actor=actor, opinion=new),
    "hidden": lambda actor, new, entry, seeded: moderation.hide(
        actor=actor, opinion=new, kind=entry.changes["moderation"][1], reason=entry.reason
    ),
    "restored": lambda actor, new, entry, seeded: moderation.restore(
        actor=actor, opinion=new, reason=entry.reason
    ),
    # the office saves the proposal as it was offered
    "masked": lambda actor, new, entry, seeded: moderation.mask(
        actor=actor, opinion=new, shown=moderation.propose_mask(new)
    ),
    "revealed": lambda actor, new, entry, seeded: moderation.reveal(actor=actor, opinion=new),
}
FIELDS = [
    "channel",
    "received_on",
    "content",
    "content_search",
    "category",
    "unit_id",
    "named_person_id",
    "named_person_name",
    "handler_unit_id",
    "handler_group_id",
    "unit_hint",
    "status",
    "anonymous",
    *CONTACT,
    "routed_at",
    "answer_due",
    "answer",
    "answered_at",
    "answered_by_id",
    "answer_published",
    "closed_at",
    "created_by_id",
    "created_at",
    "moderation",
    "moderation_reason",
    "moderated_at",
    "moderated_by_id",
    "shown_content",
]


def rows(entries, code):
    return [
        (e.actor_id, e.code, e.object_repr.replace(code, "*"), e.changes, e.reason, e.created_at)
        for e in entries
    ]


def test_seeded_opinions_are_the_rows_the_services_write(shengtuo):
    """One opinion of every path (and every status of 胜坨镇's) is made again with the
    services at the recorded times: the opinion and its history come out the same."""
    Campaign.objects.update(frozen_on=None)  # the services' "today" follows the clock
    history = opinion_history()
    chosen = {}
    for opinion in Opinion.objects.exclude(status="merged").order_by("pk"):
        path = tuple(step(e) for e in history[opinion.pk])
        if "merged_here" in path:
            continue
        linked = any("named_person" in e.changes for e in history[opinion.pk])
        key = (path, opinion.channel == "public", opinion.unit_id is None, opinion.anonymous)
        chosen.setdefault((*key, linked), opinion)
        if opinion.unit_id == shengtuo.pk:
            chosen.setdefault(opinion.status, opinion)
    assert len(chosen) >= 12
    keys = [key for key in chosen if isinstance(key, tuple)]
    assert any("handed_up" in key[0] for key in keys)  # named the unit's secretary or head
    assert any(key[-1] for key in keys)  # a name linked to its account when routed
    for opinion in chosen.values():
        entries = history[opinion.pk]
        new = replay(opinion, entries)
        assert {f: getattr(new, f) for f in FIELDS} == {f: getattr(opinion, f) for f in FIELDS}
        new_rows = rows(opinion_history([new])[new.pk], new.receipt_code)
        assert new_rows == rows(entries, opinion.receipt_code)


def test_merges_are_recorded_on_the_duplicate_and_on_the_one_kept():
    history = opinion_history()
    codes = dict(Opinion.objects.values_list("pk", "receipt_code"))
    merged_here = Counter()
    for opinion in Opinion.objects.filter(status="merged"):
        entries = history[opinion.pk]
        # a box submission was checked by the office before it was routed
        assert [step(e) for e in entries if step(e) != "checked"] == [
            "received",
            "routed",
            "merged",
        ]
        into = entries[-1].changes["merged_into"]
        assert into == [None, codes[opinion.merged_into_id]]
        keep = [e for e in history[opinion.merged_into_id] if step(e) == "merged_here"]
        assert any(opinion.receipt_code in e.changes["merged"][1] for e in keep)
        assert entries[-1].created_at in {e.created_at for e in keep}
        merged_here[opinion.merged_into_id] += 1
    assert max(merged_here.values()) == 2


def test_reseeding_gives_the_same_opinions():
    def snapshot():
        return list(
            Opinion.objects.order_by("pk").values_list(
                "receipt_code", "status", "unit__name", "content", "answer", "created_at"
            )
        ), HistoryEntry.objects.filter(code__startswith=STEP).count()

    before = snapshot()
    seed(counties=1)
    assert snapshot() == before
