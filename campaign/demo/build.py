"""Write the demo counties to the database: refuse foreign data, clear old demo data,
insert units level by level, members, secretaries, groups, accounts and unit heads in
bulk, then the campaign and where each county stands in it (``campaign_state``), and
the demo county's opinions (``opinions_state``)."""

import json
import random
import time
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import OuterRef, ProtectedError, RestrictedError, Subquery

from campaign.acceptance.models import PhaseAcceptance
from campaign.documents.models import TextDocument
from campaign.history.models import HistoryEntry
from campaign.org.models import (
    DEFAULT_WAVE,
    PATH_STEP,
    Member,
    Sector,
    SeedMarker,
    SupervisionGroup,
    TeamSeat,
    Unit,
    User,
    path_segment,
)
from campaign.phases.models import Campaign, Phase, Requirement, SupervisionActivity, WavePlan
from campaign.review.models import ChainConfig, ReviewItem, ReviewVersion
from campaign.study.models import StudyReport
from campaign.talks.models import Talk

from . import campaign_state, data, opinions_state, talks_state, teams_state, timeline
from .accounts import Accounts
from .names import person
from .people import SECRETARY, unit_members
from .tree import county_name, county_tree, spec_tree

BATCH = 1000
TEST_COUNTY = Path(__file__).resolve().parents[2] / "fixtures" / "test_county.json"


class SeedRefused(Exception):
    """The database holds data the demo seed did not make; nothing was changed."""


def small_county():
    """The small test county's description (``fixtures/test_county.json``)."""
    with TEST_COUNTY.open(encoding="utf-8") as f:
        return json.load(f)


def seed(counties=1, stdout=None, small=False):
    """Replace the demo data with ``counties`` demo counties, in one transaction, on the
    timeline ``settings.DEMO_START`` sets (``timeline``); with ``small``, the small test
    county of ``fixtures/`` (and copies of it)."""
    if counties < 1:
        raise ValueError("counties must be at least 1")
    spec = small_county() if small else None
    started = time.monotonic()
    with transaction.atomic(), timeline.pinned():
        refuse_foreign_data()
        clear_demo_data()
        sectors = {
            s.name: s for s in Sector.objects.bulk_create(Sector(name=n) for n in data.SECTORS)
        }
        password = make_password(data.PASSWORD)  # once: hashing 900 times takes minutes
        for index in range(1, counties + 1):
            build_county(index, sectors, password, spec)
            if stdout is not None:
                stdout.write(f"已生成 {county_name(index)}({index}/{counties})\n")
        SeedMarker.objects.create(counties=counties)
    return summary(counties, time.monotonic() - started)


def foreign_data():
    """How many rows the seed did not make (superusers excepted), by kind."""
    found = {
        "单位": (Unit.objects.filter(created_by_seed=False).count(), "个"),
        "党员": (Member.objects.filter(created_by_seed=False).count(), "名"),
        "账号": (User.objects.filter(created_by_seed=False, is_superuser=False).count(), "个"),
    }
    if not SeedMarker.objects.exists() and not Unit.objects.filter(created_by_seed=True).exists():
        # With no trace of a seed, groups and sectors were not made by one either.
        found["督导组"] = (SupervisionGroup.objects.count(), "个")
        found["行业系统"] = (Sector.objects.count(), "个")
    return found


def refuse_foreign_data():
    found = foreign_data()
    if any(count for count, _ in found.values()):
        parts = "、".join(
            f"{label} {count} {unit}"
            for i, (label, (count, unit)) in enumerate(found.items())
            if i < 3 or count
        )
        raise SeedRefused(f"数据库中已有非演示数据({parts}),拒绝覆盖。")


def clear_demo_data():
    """Delete everything an earlier seed made, children before parents (PROTECT)."""
    try:
        HistoryEntry.objects.all().delete()  # it can only concern demo data
        opinions_state.clear()
        clear_campaign()
        TeamSeat.oversees.through.objects.all().delete()
        TeamSeat.objects.all().delete()
        Unit.objects.exclude(head=None).update(head=None)
        Unit.objects.exclude(secretary=None).update(secretary=None)
        User.contact_units.through.objects.all().delete()
        User.objects.filter(created_by_seed=False).update(unit=None, group=None)  # superusers
        User.objects.filter(created_by_seed=True).delete()
        delete_members()
        depths = Unit.objects.order_by("-depth").values_list("depth", flat=True).distinct()
        for depth in list(depths):
            Unit.objects.filter(created_by_seed=True, depth=depth).delete()
        SupervisionGroup.objects.all().delete()
        Sector.objects.all().delete()
        SeedMarker.objects.all().delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        names = sorted({str(obj._meta.verbose_name) for obj in blocking})
        raise SeedRefused(
            f"演示数据仍被其他记录引用({'、'.join(names)}),无法重建,请先删除这些记录。"
        ) from None


def clear_campaign():
    """The campaign and everything submitted in it (one campaign per database)."""
    for model in (
        Talk,
        ReviewVersion,
        ReviewItem,
        TextDocument,
        StudyReport,
        PhaseAcceptance,
        SupervisionActivity,
        Requirement,
        WavePlan,
        Phase,
        Campaign,
        ChainConfig,
    ):
        model.objects.all().delete()


def delete_members():
    """The ORM's delete loads every member (160,000 at scale 10) to null Unit.secretary,
    which is null already: while nothing else points at members, one DELETE does it."""
    secretary = Unit._meta.get_field("secretary")
    pointing = [
        rel
        for rel in Member._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and rel.remote_field is not secretary
    ]
    if pointing:
        Member.objects.filter(created_by_seed=True).delete()
        return
    table = connection.ops.quote_name(Member._meta.db_table)
    column = connection.ops.quote_name(Member._meta.get_field("created_by_seed").column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [True])


def build_county(index, sectors, password, spec=None):
    rng = random.Random(2014 + index)
    root = spec_tree(spec, index) if spec else county_tree(index)
    groups = make_groups(index, rng, spec["groups"] if spec else data.GROUPS)
    insert_units(root, index, sectors, groups)
    orgs = [n for n in root.walk() if n.is_organisation]
    members = [m for node in orgs for m in unit_members(node, rng)]
    Member.objects.bulk_create(members, batch_size=BATCH)
    set_secretaries(root)
    leaders = spec["leaders"] if spec else None
    accounts = Accounts(index, root, groups, password, rng, leaders=leaders)
    users, contacts = accounts.build()
    User.objects.bulk_create(users, batch_size=BATCH)
    through = User.contact_units.through
    rows = [through(user_id=user.pk, unit_id=node.unit.pk) for user, node in contacts]
    through.objects.bulk_create(rows, batch_size=BATCH)
    set_heads(accounts.heads)
    teams_state.build(index, root, accounts, password)
    settled = campaign_state.build(index, root, accounts, members)
    talks_state.build(index, root)  # after the campaign: a talk is dated within phase 2
    if index == 1:
        total = spec["opinions"] if spec else opinions_state.TOTAL
        opinions_state.build(root, accounts, members, settled, total=total)


def make_groups(index, rng, count):
    """The county's ``count`` groups (13), numbered on from the previous counties'."""
    prefix = "" if index == 1 else county_name(index)
    groups = {}
    for n, numeral in enumerate(data.NUMERALS[:count], start=1):
        number = (index - 1) * count + n
        groups[n] = SupervisionGroup(
            number=number,
            name=f"{prefix}县委第{numeral}督导组",
            leader_name=person(rng),
            phone=f"0546-0000{number:03d}",  # visibly fictitious
        )
    SupervisionGroup.objects.bulk_create(groups.values())
    _ensure_pks(SupervisionGroup, groups.values(), "number")
    return groups


def insert_units(root, index, sectors, groups):
    """One bulk insert per level; a child's path is its parent's plus its position."""
    root.path = path_segment(index)
    level, parent = [root], {root: None}
    while level:
        rows = []
        for node in level:
            up = parent[node]
            node.unit = Unit(
                name=node.name,
                kind=node.kind,
                parent_id=up.unit.pk if up else None,
                path=node.path,
                depth=len(node.path) // PATH_STEP - 1,
                wave=DEFAULT_WAVE[node.kind],
                sector_id=sectors[node.sector].pk if node.sector else None,
                group_id=groups[node.group].pk if node.is_organisation else None,
                created_by_seed=True,
            )
            rows.append(node.unit)
        Unit.objects.bulk_create(rows, batch_size=BATCH)
        _ensure_pks(Unit, rows, "path")
        level = _next_level(level, parent)


def _next_level(level, parent):
    children = []
    for node in level:
        for k, child in enumerate(node.children, start=1):
            child.path = node.path + path_segment(k)
            parent[child] = node
            children.append(child)
    return children


def _ensure_pks(model, objs, key):
    """bulk_create sets pks on SQLite and PostgreSQL; read them back anywhere else."""
    missing = [obj for obj in objs if obj.pk is None]
    if missing:
        keys = [getattr(obj, key) for obj in missing]
        pks = dict(model.objects.filter(**{f"{key}__in": keys}).values_list(key, "pk"))
        for obj in missing:
            obj.pk = pks[getattr(obj, key)]


def set_secretaries(root):
    """Point each organisation of the county at its 书记 member: one UPDATE."""
    first = Member.objects.filter(unit=OuterRef("pk"), position=SECRETARY).order_by("pk")
    units = Unit.objects.filter(path__startswith=root.path).organisations()
    units.update(secretary=Subquery(first.values("pk")[:1]))


def set_heads(heads):
    """Point each organisation at its head account (一把手): one bulk update."""
    for user, node in heads:
        node.unit.head_id = user.pk
    Unit.objects.bulk_update([node.unit for _user, node in heads], ["head"], batch_size=BATCH)


def summary(counties, seconds):
    return {
        "counties": counties,
        "units": Unit.objects.count(),
        "organisations": Unit.objects.organisations().count(),
        "members": Member.objects.count(),
        "groups": SupervisionGroup.objects.count(),
        "users": User.objects.filter(created_by_seed=True).count(),
        "seconds": round(seconds, 1),
    }
