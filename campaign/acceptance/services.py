"""Requesting a phase acceptance, the rules it is checked against, and reopening it when
work it rests on is reopened."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.phases import rules
from campaign.phases.models import Requirement
from campaign.phases.rules import Evidence, RuleResult, order_unmet
from campaign.review import kinds
from campaign.review import services as review
from campaign.review.models import Reason, ReviewItem, State

from .models import PhaseAcceptance

KIND = "acceptance"

# The four "not let go" (四个不放过) a group answers before passing an acceptance on.
CHECKS = (
    kinds.Check("focused", gettext_lazy("Problems found are focused"), Reason.NOT_FOCUSED),
    kinds.Check("deep", gettext_lazy("Self-analysis is deep"), Reason.NOT_DEEP),
    kinds.Check("measures", gettext_lazy("Rectification measures are in place"), Reason.MEASURES),
    kinds.Check("satisfied", gettext_lazy("The public is satisfied"), Reason.PUBLIC),
)


def unmet(record):
    reasons = order_unmet(record.unit, record.phase)
    return reasons + [r.message for r in record.rule_results() if not r.ok]


def snapshot(record):
    """What the unit reports; the evidence behind each rule is read live on the page."""
    return kinds.Snapshot(
        str(record), fields=[(gettext_lazy("What the unit reports"), record.note)]
    )


def requirements_rule(unit, phase):
    """Every requirement of the phase has a signed-off item (with links to each)."""
    requirements = [
        r
        for r in Requirement.objects.filter(phase=phase).order_by("order", "id")
        if r.applies_to(unit.kind)
    ]
    items = {
        i.requirement_id: i
        for i in ReviewItem.objects.filter(unit=unit, requirement__in=requirements)
    }
    evidence, missing = [], []
    for requirement in requirements:
        item = items.get(requirement.pk)
        if item is None:
            evidence.append(Evidence(_("%(r)s: nothing submitted") % {"r": requirement.name}))
            missing.append(requirement.name)
            continue
        ok = item.state == State.PASSED
        evidence.append(
            Evidence(f"{requirement.name}：{item.get_state_display()}", item.get_absolute_url(), ok)
        )
        if not ok:
            missing.append(requirement.name)
    return RuleResult(
        code="requirements",
        title=_("Required actions signed off: %(done)s of %(total)s")
        % {"done": len(requirements) - len(missing), "total": len(requirements)},
        ok=not missing,
        message=_("Not yet signed off: %(names)s.") % {"names": "、".join(missing)}
        if missing
        else "",
        evidence=evidence,
    )


@transaction.atomic
def request_acceptance(*, actor, unit, phase, note="", at=None):
    """The unit asks for ``phase`` to be accepted: a draft it then sends for review."""
    at = at or timezone.now()
    if PhaseAcceptance.objects.filter(unit=unit, phase=phase).exists():
        raise review.ReviewError(
            _("Acceptance of this phase has already been requested: revise it.")
        )
    record = PhaseAcceptance.objects.create(
        unit=unit,
        phase=phase,
        note=(note or "").strip(),
        requested_by=actor,
        created_at=at,
        updated_at=at,
    )
    return review.open_item(actor=actor, unit=unit, record=record, kind=KIND, phase=phase, at=at)


@transaction.atomic
def revise_request(*, actor, item, note, at=None):
    at = at or timezone.now()
    review.ensure_revisable(actor, item)
    record = item.record
    record.note, record.updated_at = (note or "").strip(), at
    record.save(update_fields=["note", "updated_at"])
    return review.revise_item(actor=actor, item=item, at=at)


def on_item_reopened(sender, item, actor, cause, at, **kwargs):
    """Receiver of ``review.signals.item_reopened`` (connected in AppConfig.ready)."""
    reopen_for(item, actor, cause, at)


def reopen_for(item, actor, cause, at):
    """A signed-off item of a phase was reopened: so is that phase's acceptance."""
    if item.kind == KIND or item.phase_id is None:
        return
    acceptance = ReviewItem.objects.filter(
        unit_id=item.unit_id, phase_id=item.phase_id, kind=KIND, state=State.PASSED
    ).first()
    if acceptance is None:
        return
    text = _("“%(title)s” was reopened: %(cause)s") % {"title": item.title, "cause": cause}
    review.reopen_item(actor=actor, item=acceptance, cause=text, at=at)


def on_rule_broken(sender, unit, rule, actor, cause, at, **kwargs):
    """Receiver of ``phases.signals.rule_broken``: every signed-off acceptance of ``unit``
    for a phase that ``rule`` binds is reopened, with the cause."""
    phases = rules.get(rule).phases
    signed = ReviewItem.objects.filter(
        unit_id=unit.pk, kind=KIND, state=State.PASSED, phase__number__in=phases
    ).order_by("phase__number")
    for acceptance in signed:
        review.reopen_item(actor=actor, item=acceptance, cause=cause, at=at)


def acceptance_url(record):
    return reverse("acceptance:edit", args=[record.pk])
