"""Where the units stand: checklists, the progress matrix rolled up the tree, the
supervision workspace and league tables. Counts are made in the database, with a fixed
number of queries whatever the number of units."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from campaign.acceptance.services import KIND as ACCEPTANCE
from campaign.org.models import PATH_STEP, SupervisionGroup, Unit, UnitKind
from campaign.phases.models import Campaign, Requirement, WavePlan
from campaign.phases.services import short_waves, wave_spans
from campaign.review import kinds
from campaign.review.models import Level, ReviewItem, State
from campaign.review.services import unmet_rules

GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"


@dataclass
class Plan:
    """The campaign's phases, wave plans and requirements, loaded once per request."""

    campaign: Campaign
    phases: list
    plans: dict
    requirements: list
    dues: dict = field(default_factory=dict)
    today: datetime.date = None

    def due(self, requirement, wave):
        return self.dues.get((requirement.pk, wave))

    def overdue_waves(self, requirement):
        return [w for w in (1, 2, 3) if (d := self.due(requirement, w)) and d < self.today]

    def requirements_of(self, phase):
        return [r for r in self.requirements if r.phase_id == phase.pk]


def load_plan():
    campaign = Campaign.objects.order_by("id").first()
    if campaign is None:
        return None
    phases = list(campaign.phases.order_by("number"))
    plans = {(p.phase_id, p.wave): p for p in WavePlan.objects.filter(phase__campaign=campaign)}
    requirements = list(
        Requirement.objects.filter(phase__campaign=campaign).select_related("phase")
    )
    dues = {(r.pk, w): d for r in requirements for w, d in r.due_for_wave(plans).items()}
    today = campaign.frozen_on or timezone.localdate()
    return Plan(campaign, phases, plans, requirements, dues, today)


def rag(state, due, today):
    if state == State.PASSED:
        return GREEN
    if due and due < today:
        return RED
    if state in (State.SENT_BACK, State.IN_REVIEW, State.DRAFT):
        return AMBER
    return GREY


def unit_checklist(plan, unit):
    """Per phase: the wave's dates, the acceptance item and each requirement's row."""
    if plan is None or not unit.is_organisation:
        return []
    items = list(unit.review_items.all())
    by_requirement = {i.requirement_id: i for i in items if i.requirement_id}
    acceptances = {i.phase_id: i for i in items if i.kind == ACCEPTANCE}
    phases = []
    for phase in plan.phases:
        rows = []
        for requirement in plan.requirements_of(phase):
            if not requirement.applies_to(unit.kind):
                continue
            item = by_requirement.get(requirement.pk)
            due = plan.due(requirement, unit.wave)
            days_left = (due - plan.today).days if due else None
            rows.append(
                {
                    "requirement": requirement,
                    "item": item,
                    "due": due,
                    "days_left": days_left,
                    "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
                    "rag": rag(item.state if item else None, due, plan.today),
                    "unmet": unmet_rules(item)
                    if item and item.state in (State.DRAFT, State.SENT_BACK)
                    else [],
                    "start_url": _start_url(unit, requirement),
                }
            )
        phases.append(
            {
                "phase": phase,
                "plan": plan.plans.get((phase.pk, unit.wave)),
                "rows": rows,
                "acceptance": acceptances.get(phase.pk),
                "ready": bool(rows)
                and all(r["item"] and r["item"].state == State.PASSED for r in rows),
            }
        )
    return phases


def _start_url(unit, requirement):
    try:
        kind = kinds.get(requirement.item_kind)
    except LookupError:
        return ""
    return kind.start_url(unit, requirement) if kind.start_url else ""


def _cell(plan, requirement, units, items):
    """One matrix cell from the grouped counts of one row."""
    kinds = set(requirement.applicable_kinds())
    late = set(plan.overdue_waves(requirement))
    expected = sum(n for (kind, _wave), n in units.items() if kind in kinds)
    due = sum(n for (kind, wave), n in units.items() if kind in kinds and wave in late)
    mine = {k: v for k, v in items.items() if k[0] == requirement.pk}
    passed = sum(n for (_r, state, _w), n in mine.items() if state == State.PASSED)
    passed_due = sum(n for (_r, state, w), n in mine.items() if state == State.PASSED and w in late)
    sent_back = sum(n for (_r, state, _w), n in mine.items() if state == State.SENT_BACK)
    busy = sum(n for (_r, state, _w), n in mine.items() if state in (State.IN_REVIEW, State.DRAFT))
    overdue = due - passed_due
    if not expected:
        colour = None
    elif overdue > 0:
        colour = RED
    elif passed == expected:
        colour = GREEN
    elif sent_back or busy:
        colour = AMBER
    else:
        colour = GREY
    return {
        "expected": expected,
        "passed": passed,
        "overdue": overdue,
        "sent_back": sent_back,
        "in_progress": busy,
        "rag": colour,
    }


def matrix(plan, node):
    """Rows: ``node`` itself (if it is a party organisation) and each child's subtree;
    columns: every requirement and each phase's acceptance. Four queries."""
    length = len(node.path) + PATH_STEP
    organisations = UnitKind.organisations()
    children = list(node.children.order_by("path"))
    unit_counts = (
        Unit.objects.filter(path__startswith=node.path, kind__in=organisations)
        .annotate(prefix=Substr("path", 1, length))
        .values("prefix", "kind", "wave")
        .annotate(n=Count("pk"))
        .order_by()
    )
    units = {}
    for row in unit_counts:
        units.setdefault(row["prefix"], {})[(row["kind"], row["wave"])] = row["n"]
    item_counts = (
        _items_under(node)
        .annotate(prefix=Substr("unit__path", 1, length))
        .values("prefix", "requirement_id", "phase_id", "kind", "state", "unit__wave", "reopened")
        .annotate(n=Count("pk"))
        .order_by()
    )
    items, accepted, reopened = {}, {}, {}
    for row in item_counts:
        if row["kind"] == ACCEPTANCE:
            key = (row["prefix"], row["phase_id"])
            if row["state"] == State.PASSED:
                accepted[key] = accepted.get(key, 0) + row["n"]
            elif row["reopened"]:
                reopened[key] = reopened.get(key, 0) + row["n"]
        elif row["requirement_id"]:
            key = (row["requirement_id"], row["state"], row["unit__wave"])
            items.setdefault(row["prefix"], {})[key] = row["n"]
    heads = ([node] if node.is_organisation else []) + children
    rows = []
    for head in heads:
        counts = units.get(head.path, {})
        if counts:
            mine = items.get(head.path, {})
            rows.append(_row(plan, head, head == node, counts, mine, accepted, reopened))
    return rows


def _row(plan, head, own, counts, items, accepted, reopened):
    total = sum(counts.values())
    phases = []
    for phase in plan.phases:
        cells = [_cell(plan, r, counts, items) for r in plan.requirements_of(phase)]
        done = accepted.get((head.path, phase.pk), 0)
        colour = GREEN if done == total else AMBER if done else GREY
        again = reopened.get((head.path, phase.pk), 0)
        phases.append(
            {
                "phase": phase,
                "cells": cells,
                "accepted": done,
                "accepted_rag": colour,
                "reopened": again,
            }
        )
    drill = total > 1 or not head.is_organisation
    return {"unit": head, "own": own, "units": total, "phases": phases, "drill": drill and not own}


def _items_under(node):
    return ReviewItem.objects.filter(
        unit__path__startswith=node.path, unit__kind__in=UnitKind.organisations()
    )


def overdue_expression(plan):
    """Per unit, in SQL: the number of requirements due and not signed off."""
    total = Value(0, output_field=IntegerField())
    for requirement in plan.requirements:
        late = plan.overdue_waves(requirement)
        if not late:
            continue
        passed = ReviewItem.objects.filter(
            unit=OuterRef("pk"), requirement=requirement, state=State.PASSED
        )
        condition = Q(kind__in=requirement.applicable_kinds(), wave__in=late) & ~Exists(passed)
        total = total + Case(When(condition, then=Value(1)), default=Value(0))
    return total


def league_tables(plan, size=10):
    """The units most overdue and most sent back, and the groups by waiting and overdue."""
    overdue = overdue_expression(plan)
    units = Unit.objects.organisations().select_related("group")
    most_overdue = list(
        units.annotate(overdue=overdue).filter(overdue__gt=0).order_by("-overdue", "path")[:size]
    )
    most_sent_back = list(
        units.annotate(back=Coalesce(Sum("review_items__send_back_count"), 0))
        .filter(back__gt=0)
        .order_by("-back", "path")[:size]
    )
    group_overdue = dict(
        Unit.objects.organisations()
        .filter(group__isnull=False)
        .annotate(overdue=overdue)
        .values("group")
        .annotate(total=Sum("overdue"))
        .order_by()
        .values_list("group", "total")
    )
    groups = list(
        SupervisionGroup.objects.annotate(
            waiting=Count(
                "units__review_items",
                filter=Q(
                    units__review_items__state=State.IN_REVIEW,
                    units__review_items__level=Level.GROUP,
                ),
            ),
            sent_back=Coalesce(Sum("units__review_items__send_back_count"), 0),
        ).order_by("number")
    )
    for group in groups:
        group.overdue = group_overdue.get(group.pk, 0)
    groups.sort(key=lambda g: (-g.overdue, -g.sent_back, g.number))
    return {"most_overdue": most_overdue, "most_sent_back": most_sent_back, "groups": groups}


def phase_states(plan, units):
    """{unit pk: [rag per phase]} for the given units, from one query over their items."""
    units = list(units)
    rows = ReviewItem.objects.filter(unit__in=[u.pk for u in units]).values_list(
        "unit_id", "requirement_id", "phase_id", "kind", "state"
    )
    states = {}
    for unit_id, requirement_id, phase_id, kind, state in rows:
        states.setdefault(unit_id, {})[(kind, requirement_id or phase_id)] = state
    result = {}
    for unit in units:
        mine = states.get(unit.pk, {})
        colours = []
        for phase in plan.phases:
            if mine.get((ACCEPTANCE, phase.pk)) == State.PASSED:
                colours.append(GREEN)
                continue
            row = []
            for r in plan.requirements_of(phase):
                if r.applies_to(unit.kind):
                    row.append(
                        rag(mine.get((r.item_kind, r.pk)), plan.due(r, unit.wave), plan.today)
                    )
            colours.append(RED if RED in row else AMBER if AMBER in row else GREY)
        result[unit.pk] = colours
    return result


def short_plans(plan):
    """Waves whose saved plan gives their units less than three months, with how many
    units (the office is refused such a plan; an older one is flagged)."""
    counts = dict(
        Unit.objects.organisations()
        .values("wave")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("wave", "n")
    )
    spans = wave_spans(plan.campaign)
    return [
        {
            "wave": wave,
            "start": spans[wave][0],
            "end": spans[wave][1],
            "days": (spans[wave][1] - spans[wave][0]).days,
            "units": counts.get(wave, 0),
        }
        for wave in short_waves(plan.campaign)
    ]
