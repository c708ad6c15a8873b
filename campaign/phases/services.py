"""Setting up the campaign: its dates, phases, wave plans and requirements; and the
supervision groups' records of what they did at a unit. Each writes history."""

import calendar

from django.db import transaction
from django.utils.translation import gettext as _

from campaign.history.services import apply_changes, record
from campaign.org.access import in_units_group
from campaign.org.models import UnitKind

from . import clock
from .models import Campaign, Phase, Requirement, SupervisionActivity, WavePlan


class PhaseError(Exception):
    """A refused step; the message is for the user."""


PHASE_NAMES = ["学习教育、听取意见", "查摆问题、开展批评", "整改落实、建章立制"]

LEADERSHIP_KINDS = [UnitKind.LEADERSHIP, UnitKind.DEPARTMENT, UnitKind.WINDOW, UnitKind.TOWN]

# The required actions (规定动作) the speech names, as (phase, name, what satisfies it,
# review kind (a code registered by the app that keeps the record), kinds of unit or [] for
# all, days after the wave's phase start).
DEFAULT_REQUIREMENTS = [
    (
        1,
        "集中学习不少于3天",
        "领导班子以轮读、人人发言、研讨交流方式集中学习至少3天;专家讲座、辅导报告、参观、观看影片不计入。",
        "study_days",
        LEADERSHIP_KINDS,
        21,
    ),
    (
        1,
        "党员学习全覆盖",
        "基层党员轮训,离退休、年老体弱、流动党员和一线职工送学上门或分散学习,无死角、全覆盖。",
        "study_coverage",
        [],
        30,
    ),
    (
        1,
        "征求意见建议情况报告",
        "走出去听、请进来提、沉下去找,汇总征求到的意见建议。",
        "report",
        [],
        35,
    ),
    (
        2,
        "领导班子对照检查材料",
        "对照四面镜子和“四风”,班子主要负责人主持起草,逐级把关。",
        "material",
        LEADERSHIP_KINDS,
        30,
    ),
    (
        2,
        "民主生活会(组织生活会)召开",
        "会前谈心谈话做到“三个必谈”“五个谈透”;会议记录批评与自我批评。",
        "meeting",
        [],
        45,
    ),
    (3, "整改方案", "目标、任务、措施、责任人、时限。", "plan", [], 15),
    (3, "整改台账公开", "整改台账向社会公开,接受群众评判。", "ledger", [], 30),
    (3, "制度建设计划", "梳理现有制度:保留、修订、废止;起草新制度。", "rules", [], 45),
]


def _office_only(actor):
    if not actor.is_office:
        raise PhaseError(_("Only the campaign office can set up the campaign."))


@transaction.atomic
def setup_campaign(*, actor, name, starts_on, ends_on, plans=None, requirements=True, at=None):
    """Create the campaign with its three phases; ``plans`` maps (phase number, wave) to
    (start, end); ``requirements`` adds the speech's required actions; ``at``: when
    (default now)."""
    if actor is not None:
        _office_only(actor)
    if Campaign.objects.exists():
        raise PhaseError(_("The campaign has already been set up."))
    if ends_on <= starts_on:
        raise PhaseError(_("The campaign must end after it starts."))
    campaign = Campaign.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
    phases = {
        n: Phase.objects.create(campaign=campaign, number=n, name=PHASE_NAMES[n - 1])
        for n in (1, 2, 3)
    }
    for (number, wave), (start, end) in (plans or {}).items():
        WavePlan.objects.create(phase=phases[number], wave=wave, starts_on=start, ends_on=end)
    if requirements:
        for order, (number, title, text, kind, kinds, days) in enumerate(DEFAULT_REQUIREMENTS):
            Requirement.objects.create(
                phase=phases[number],
                name=title,
                description=text,
                item_kind=kind,
                kinds=[str(k) for k in kinds],
                due_offset_days=days,
                order=order,
            )
    record(
        actor=actor,
        code="phases.campaign.created",
        obj=campaign,
        changes={"name": [None, name]},
        at=at,
    )
    return campaign


@transaction.atomic
def update_campaign(*, actor, campaign, name, starts_on, ends_on, frozen_on):
    _office_only(actor)
    if ends_on <= starts_on:
        raise PhaseError(_("The campaign must end after it starts."))
    values = {"name": name, "starts_on": starts_on, "ends_on": ends_on, "frozen_on": frozen_on}
    changes = apply_changes(campaign, list(values), values)
    if changes:
        campaign.save()
        record(actor=actor, code="phases.campaign.updated", obj=campaign, changes=changes)
    return campaign


@transaction.atomic
def save_wave_plans(*, actor, campaign, plans):
    """``plans``: {(phase, wave): (start, end)}; each phase of a wave must end after it starts
    and lie within the campaign."""
    _office_only(actor)
    for (phase, wave), (start, end) in plans.items():
        if end < start:
            raise PhaseError(
                _("%(phase)s, wave %(wave)s: the end is before the start.")
                % {"phase": phase, "wave": wave}
            )
        if start < campaign.starts_on or end > campaign.ends_on:
            raise PhaseError(
                _("%(phase)s, wave %(wave)s: the dates fall outside the campaign.")
                % {"phase": phase, "wave": wave}
            )
    short = short_waves(campaign, plans)
    if short:
        raise PhaseError(
            _(
                "Every unit runs the campaign for at least three months: wave %(waves)s would "
                "have less. Move its first phase earlier or its last phase later."
            )
            % {"waves": "、".join(str(w) for w in short)}
        )
    changed = {}
    for (phase, wave), (start, end) in plans.items():
        plan, created = WavePlan.objects.get_or_create(
            phase=phase, wave=wave, defaults={"starts_on": start, "ends_on": end}
        )
        if created or (plan.starts_on, plan.ends_on) != (start, end):
            changed[f"{phase.number}/{wave}"] = [
                None if created else f"{plan.starts_on}~{plan.ends_on}",
                f"{start}~{end}",
            ]
            plan.starts_on, plan.ends_on = start, end
            plan.save()
    if changed:
        record(actor=actor, code="phases.plans.updated", obj=campaign, changes=changed)
    return changed


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def wave_spans(campaign, plans=None):
    """{wave: (first day, last day)} over the wave's phase plans, with ``plans``
    ({(phase, wave): (start, end)}) replacing the saved ones."""
    spans = {}
    saved = {
        (p.phase_id, p.wave): (p.starts_on, p.ends_on)
        for p in WavePlan.objects.filter(phase__campaign=campaign)
    }
    for (phase, wave), dates in (plans or {}).items():
        saved[(phase.pk, wave)] = dates
    for (_phase, wave), (start, end) in saved.items():
        lo, hi = spans.get(wave, (start, end))
        spans[wave] = (min(lo, start), max(hi, end))
    return spans


def short_waves(campaign, plans=None):
    """Waves whose plan gives their units less than three months (DOMAIN.md)."""
    spans = wave_spans(campaign, plans)
    return sorted(w for w, (start, end) in spans.items() if end < add_months(start, 3))


REQUIREMENT_FIELDS = (
    "phase",
    "name",
    "description",
    "item_kind",
    "kinds",
    "due_mode",
    "due_on",
    "due_offset_days",
    "order",
)


@transaction.atomic
def save_requirement(*, actor, requirement=None, at=None, **values):
    """Create or change a required action (``at``: when, default now)."""
    _office_only(actor)
    if values.get("due_mode") == Requirement.DueMode.ABSOLUTE and not values.get("due_on"):
        raise PhaseError(_("Give the due date."))
    if (
        values.get("due_mode") == Requirement.DueMode.RELATIVE
        and values.get("due_offset_days") is None
    ):
        raise PhaseError(_("Give the number of days after the phase start."))
    creating = requirement is None
    requirement = requirement or Requirement()
    changes = apply_changes(requirement, REQUIREMENT_FIELDS, values)
    if creating:
        changes = {field: [None, new] for field, (_old, new) in changes.items()}
    requirement.save()
    code = "phases.requirement.created" if creating else "phases.requirement.updated"
    if changes:
        record(actor=actor, code=code, obj=requirement, changes=changes, at=at)
    return requirement


@transaction.atomic
def record_activity(*, actor, unit, kind, happened_on, findings, at=None):
    """A supervision group member records what the group did at one of its units
    (``at``: when it was recorded, default now)."""
    if not in_units_group(actor, unit):
        raise PhaseError(_("Only a member of the unit's supervision group can record this."))
    if not findings.strip():
        raise PhaseError(_("Write down what was found."))
    if happened_on > clock.today():
        raise PhaseError(_("The date cannot be in the future."))
    activity = SupervisionActivity.objects.create(
        unit=unit,
        group_id=actor.group_id,
        kind=kind,
        happened_on=happened_on,
        findings=findings.strip(),
        recorded_by=actor,
    )
    if at is not None:  # created_at is auto_now_add
        SupervisionActivity.objects.filter(pk=activity.pk).update(created_at=at)
        activity.created_at = at
    record(
        actor=actor,
        code="phases.activity.recorded",
        obj=activity,
        changes={"kind": [None, kind]},
        at=at,
    )
    return activity
