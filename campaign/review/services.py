"""Every step of the review chain is one of these functions.

Each runs in a transaction, refuses a step that does not fit with ``ReviewError``
(nothing changed), and writes one history row ``review.item.<step>``. A transition is
made by a conditional UPDATE on the state the actor saw, so of two reviewers acting at
the same moment exactly one succeeds; the other is told the item was already handled.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.access import in_units_group
from campaign.org.models import Role
from campaign.phases.models import ItemKind

from .models import ACCEPTANCE_CHECKS, ChainConfig, Level, Reason, ReviewItem, ReviewVersion, State


class ReviewError(Exception):
    """A refused step; the message is for the user."""


def already_handled():
    return ReviewError(
        _("This item has just been handled by someone else. Its current state is shown.")
    )


def may_edit(user, item):
    """The unit's secretary keeps the unit's items; a cadre keeps their own."""
    if not user.is_authenticated or user.unit_id != item.unit_id:
        return False
    return user.role == Role.SECRETARY or item.created_by_id == user.pk


def _qualifies(user, item, level):
    unit = item.unit
    if level == Level.HEAD:
        return unit.head_id == user.pk
    if level == Level.GROUP:
        return in_units_group(user, unit)
    if level == Level.OFFICE:
        return user.is_office
    return False


def is_reviewer(user, item):
    """Whether ``user`` reviews ``item`` at one of its levels."""
    return user.is_authenticated and any(_qualifies(user, item, lv) for lv in item.levels)


def may_review(user, item):
    """Whether ``user`` reviews ``item`` at the level it is waiting at now."""
    if item.state != State.IN_REVIEW or not user.is_authenticated:
        return False
    if user.pk == item.submitted_by_id:
        return False  # a reviewer never reviews their own submission
    return _qualifies(user, item, item.level)


def _move(item, seen, **changes):
    """The transition gate: change the row only if it is still in the ``seen`` (state, level)."""
    changes["state_changed_at"] = timezone.now()
    state, level = seen
    if ReviewItem.objects.filter(pk=item.pk, state=state, level=level).update(**changes) != 1:
        raise already_handled()
    item.refresh_from_db()


def _record(actor, item, step, seen, reason="", **extra):
    changes = {"state": [seen[0], item.state], "level": [seen[1], item.level]}
    changes["version"] = item.version
    changes.update(extra)
    record(actor=actor, code=f"review.item.{step}", obj=item, changes=changes, reason=reason)


def _add_version(actor, item, title, body):
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ReviewError(_("Write a title and the content."))
    number = item.version + 1
    ReviewVersion.objects.create(
        item=item, number=number, title=title[:200], body=body, created_by=actor
    )
    return number


def _check_new_item(actor, unit, kind, requirement, phase):
    if actor.unit_id != unit.pk or actor.role not in (Role.SECRETARY, Role.CADRE):
        raise ReviewError(_("Only the unit's own secretary can submit for it."))
    if requirement is not None:
        if not requirement.applies_to(unit.kind):
            raise ReviewError(_("This requirement does not apply to this kind of unit."))
        if ReviewItem.objects.filter(unit=unit, requirement=requirement).exists():
            raise ReviewError(_("This unit already has an item for this requirement: revise it."))
    if kind == ItemKind.ACCEPTANCE:
        if phase is None:
            raise ReviewError(_("Choose the phase to be accepted."))
        if ReviewItem.objects.filter(unit=unit, phase=phase, kind=kind).exists():
            raise ReviewError(_("Acceptance of this phase has already been requested: revise it."))


@transaction.atomic
def create_item(*, actor, unit, title, body, kind=None, requirement=None, phase=None):
    """A new draft (version 1) for ``requirement``, or of ``kind`` (e.g. a phase acceptance)."""
    if requirement is not None:
        kind, phase = requirement.item_kind, requirement.phase
    _check_new_item(actor, unit, kind, requirement, phase)
    item = ReviewItem.objects.create(
        unit=unit,
        kind=kind,
        requirement=requirement,
        phase=phase,
        title=(title or "").strip()[:200],
        created_by=actor,
        levels=ChainConfig.levels_for(kind),
    )
    item.version = _add_version(actor, item, title, body)
    item.save(update_fields=["version"])
    _record(actor, item, "created", (None, None))
    return item


@transaction.atomic
def revise_item(*, actor, item, title, body):
    """A new version. Revising a signed-off item reopens it for review, and says so."""
    if not may_edit(actor, item):
        raise ReviewError(_("Only the unit's own secretary can revise this item."))
    if item.state == State.IN_REVIEW:
        raise ReviewError(_("The item is being reviewed; it can be revised once it is sent back."))
    seen = (item.state, item.level)
    number = _add_version(actor, item, title, body)
    changes = {"version": number, "title": title.strip()[:200]}
    if item.state == State.PASSED:
        _move(item, seen, state=State.DRAFT, reopened=True, **changes)
        note = _("Changed after sign-off: it must be reviewed again.")
        _record(actor, item, "reopened", seen, reason=note)
    else:
        _move(item, seen, **changes)
        _record(actor, item, "revised", seen)
    return item


@transaction.atomic
def submit_item(*, actor, item):
    """Send a draft (or a revised item) to the first review level."""
    if not may_edit(actor, item):
        raise ReviewError(_("Only the unit's own secretary can submit this item."))
    if item.state not in (State.DRAFT, State.SENT_BACK):
        raise already_handled()
    levels = ChainConfig.levels_for(item.kind)
    if item.unit.head_id == actor.pk and len(levels) > 1:
        # The head's own material goes straight to the next level: nobody reviews their own.
        levels = [level for level in levels if level != Level.HEAD]
    if Level.HEAD in levels and not item.unit.head_id:
        raise ReviewError(
            _("This unit has no unit head account yet; ask the campaign office to set one.")
        )
    seen = (item.state, item.level)
    _move(
        item,
        seen,
        state=State.IN_REVIEW,
        level=levels[0],
        levels=levels,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    _record(actor, item, "submitted", seen)
    return item


def _snapshot(item, actor):
    version = item.versions.get(number=item.version)
    return {
        "version": version.number,
        "title": version.title,
        "body": version.body,
        "signed_at": timezone.now().isoformat(),
        "signed_by": actor.display_name,
    }


@transaction.atomic
def pass_item(*, actor, item, comment=""):
    """Pass the item on to the next level; at the last level it is signed off."""
    if not may_review(actor, item):
        raise ReviewError(_("You are not the reviewer of this item at its current level."))
    if item.kind == ItemKind.ACCEPTANCE and item.level == Level.GROUP:
        raise ReviewError(_("A phase acceptance is decided by the four checks."))
    return _pass(actor, item, comment)


def _pass(actor, item, comment, **extra):
    seen = (item.state, item.level)
    position = item.levels.index(item.level)
    if position + 1 < len(item.levels):
        _move(item, seen, level=item.levels[position + 1])
        _record(actor, item, "passed", seen, reason=comment, **extra)
    else:
        _move(
            item,
            seen,
            state=State.PASSED,
            level="",
            passed_at=timezone.now(),
            reopened=False,
            signed_snapshot=_snapshot(item, actor),
        )
        _record(actor, item, "signed_off", seen, reason=comment, **extra)
    return item


@transaction.atomic
def send_back_item(*, actor, item, reasons, comment):
    """Send the item back to the unit with one or more reasons and a comment."""
    if not may_review(actor, item):
        raise ReviewError(_("You are not the reviewer of this item at its current level."))
    reasons = [r for r in reasons if r in Reason.values]
    if not reasons:
        raise ReviewError(_("Choose at least one reason: no lenient passes."))
    if not (comment or "").strip():
        raise ReviewError(_("Say in the comment what must be fixed."))
    return _send_back(actor, item, reasons, comment.strip())


def _send_back(actor, item, reasons, comment, **extra):
    seen = (item.state, item.level)
    _move(
        item,
        seen,
        state=State.SENT_BACK,
        level="",
        send_back_count=item.send_back_count + 1,
        last_reasons=reasons,
        last_comment=comment,
        last_level=seen[1],
    )
    _record(actor, item, "sent_back", seen, reason=comment, reasons=reasons, **extra)
    return item


@transaction.atomic
def check_acceptance(*, actor, item, checks, comment=""):
    """The group's decision on a phase acceptance: the four "not let go" (四个不放过).

    ``checks`` maps each key of ACCEPTANCE_CHECKS to ``(yes, note)``. All yes passes it
    on to the office; any no sends it back with the failed checks as reasons.
    """
    if item.kind != ItemKind.ACCEPTANCE or item.level != Level.GROUP:
        raise ReviewError(_("Only a phase acceptance waiting for the group is checked this way."))
    if not may_review(actor, item):
        raise ReviewError(_("You are not the reviewer of this item at its current level."))
    missing = [key for key, _label, _reason in ACCEPTANCE_CHECKS if key not in checks]
    if missing:
        raise ReviewError(_("Answer each of the four checks."))
    failed = [reason for key, _label, reason in ACCEPTANCE_CHECKS if not checks[key][0]]
    notes = {key: {"yes": bool(checks[key][0]), "note": checks[key][1]} for key in checks}
    if failed:
        text = (comment or "").strip() or "；".join(n["note"] for n in notes.values() if n["note"])
        if not text:
            raise ReviewError(_("Say in a note what falls short."))
        return _send_back(actor, item, [str(r) for r in failed], text, checks=notes)
    return _pass(actor, item, comment, checks=notes)


@transaction.atomic
def set_chain_levels(*, actor, kind, levels):
    """The office chooses which levels review one kind of item (always in the order head,
    group, office). Items already in review keep the levels they were submitted with."""
    if not actor.is_office:
        raise ReviewError(_("Only the campaign office can change the review chain."))
    ordered = [str(level) for level in Level if level in levels]
    if not ordered:
        raise ReviewError(_("Keep at least one review level."))
    if kind == ItemKind.ACCEPTANCE and Level.GROUP not in ordered:
        raise ReviewError(_("A phase acceptance is always checked by the supervision group."))
    before = ChainConfig.levels_for(kind)
    config, _created = ChainConfig.objects.update_or_create(kind=kind, defaults={"levels": ordered})
    if before != ordered:
        record(
            actor=actor,
            code="review.chain.updated",
            obj=config,
            changes={"levels": [before, ordered]},
        )
    return config
