"""Every step of the review chain is one of these functions.

Each runs in a transaction, refuses a step that does not fit with ``ReviewError``
(nothing changed), and writes one history row ``review.item.<step>``. A transition is
made by a conditional UPDATE on the state the actor saw, so of two reviewers acting at
the same moment exactly one succeeds; the other is told the item was already handled.
Every function takes ``at=`` (default: now), so the demo county can be built through
them on its own timeline.

The engine knows a record only through its kind (``kinds.py``): the app that owns the
record opens an item for it (``open_item``) and, after each change to the record,
calls ``revise_item`` in the same transaction.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record as write_history

from . import access, kinds
from .models import ChainConfig, Level, Reason, ReviewItem, ReviewVersion, State
from .signals import item_reopened


class ReviewError(Exception):
    """A refused step; the message is for the user."""

    def __init__(self, message, unmet=()):
        super().__init__(message)
        self.unmet = list(unmet)


def already_handled():
    return ReviewError(
        _("This item has just been handled by someone else. Its current state is shown.")
    )


def unmet_rules(item):
    """Why the item's record may not be signed off yet (Chinese, one line each)."""
    return item.review_kind.unmet_for(item.record)


def _refuse_unmet(item, message):
    reasons = unmet_rules(item)
    if reasons:
        raise ReviewError(message + " " + "；".join(reasons), unmet=reasons)


def _move(item, seen, at, **changes):
    """The transition gate: change the row only if it is still in the ``seen`` (state, level)."""
    changes["state_changed_at"] = at
    state, level = seen
    if ReviewItem.objects.filter(pk=item.pk, state=state, level=level).update(**changes) != 1:
        raise already_handled()
    item.refresh_from_db()


def _record(actor, item, step, seen, at, reason="", **extra):
    changes = {"state": [seen[0], item.state], "level": [seen[1], item.level]}
    changes["version"] = item.version
    changes.update(extra)
    write_history(
        actor=actor, code=f"review.item.{step}", obj=item, changes=changes, reason=reason, at=at
    )


def _add_version(actor, item, at):
    snapshot = item.review_kind.take_snapshot(item.record)
    number = item.version + 1
    title = (snapshot.get("title") or str(item.record))[:200]
    ReviewVersion.objects.create(
        item=item, number=number, title=title, snapshot=snapshot, created_by=actor, created_at=at
    )
    return number, title


@transaction.atomic
def open_item(*, actor, unit, record, kind, requirement=None, phase=None, at=None):
    """A new draft (version 1) for ``record``, a record of ``kind`` its app has just saved.
    ``requirement`` (or ``phase``) places it in the campaign's plan."""
    at = at or timezone.now()
    if not access.may_open(actor, unit, kind, record):
        raise ReviewError(_("Only the unit's own secretary or head can write this."))
    if requirement is not None:
        phase = phase or requirement.phase
        if ReviewItem.objects.filter(unit=unit, requirement=requirement).exists():
            raise ReviewError(_("This unit already has an item for this requirement: revise it."))
    item = ReviewItem.objects.create(
        unit=unit,
        kind=kind,
        record_type=ContentType.objects.get_for_model(record, for_concrete_model=True),
        record_id=record.pk,
        requirement=requirement,
        phase=phase,
        title=str(record)[:200],
        created_by=actor,
        created_at=at,
        state_changed_at=at,
        levels=ChainConfig.levels_for(kind),
    )
    item.record = record
    item.version, item.title = _add_version(actor, item, at)
    item.save(update_fields=["version", "title"])
    _record(actor, item, "created", (None, None), at)
    return item


def item_for(record):
    """The review item of ``record``, or None."""
    ct = ContentType.objects.get_for_model(record, for_concrete_model=True)
    return ReviewItem.objects.filter(record_type=ct, record_id=record.pk).first()


def ensure_revisable(actor, item):
    """Call before changing the record: refuses while it is being reviewed."""
    if not access.may_edit(actor, item):
        raise ReviewError(_("Only the unit's own secretary or head can revise this."))
    if item.state == State.IN_REVIEW:
        raise ReviewError(_("The item is being reviewed; it can be revised once it is sent back."))


@transaction.atomic
def revise_item(*, actor, item, at=None):
    """A new version, after the record's app has saved the change. Revising a signed-off
    item reopens it for review, and says so."""
    at = at or timezone.now()
    ensure_revisable(actor, item)
    seen = (item.state, item.level)
    number, title = _add_version(actor, item, at)
    changes = {"version": number, "title": title}
    if item.state == State.PASSED:
        note = _("Changed after sign-off: it must be reviewed again.")
        _move(item, seen, at, state=State.DRAFT, reopened=True, reopen_cause=note, **changes)
        _record(actor, item, "reopened", seen, at, reason=note)
        item_reopened.send(sender=ReviewItem, item=item, actor=actor, cause=note, at=at)
    else:
        _move(item, seen, at, **changes)
        _record(actor, item, "revised", seen, at)
    return item


@transaction.atomic
def reopen_item(*, actor, item, cause, at=None):
    """Reopen a signed-off item because something it rests on changed (e.g. a phase
    acceptance whose material was revised). The unit must submit it again."""
    at = at or timezone.now()
    if item.state != State.PASSED:
        return item
    seen = (item.state, item.level)
    _move(item, seen, at, state=State.DRAFT, reopened=True, reopen_cause=cause[:2000])
    _record(actor, item, "reopened", seen, at, reason=cause)
    item_reopened.send(sender=ReviewItem, item=item, actor=actor, cause=cause, at=at)
    return item


@transaction.atomic
def submit_item(*, actor, item, at=None):
    """Send a draft (or a revised item) to the first review level."""
    at = at or timezone.now()
    if not access.may_edit(actor, item):
        raise ReviewError(_("Only the unit's own secretary or head can submit this item."))
    if item.state not in (State.DRAFT, State.SENT_BACK):
        raise already_handled()
    if item.review_kind.blocks_submit:
        _refuse_unmet(item, _("It cannot be sent for review yet:"))
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
        at,
        state=State.IN_REVIEW,
        level=levels[0],
        levels=levels,
        submitted_by=actor,
        submitted_at=at,
    )
    _record(actor, item, "submitted", seen, at)
    return item


def _snapshot(item, actor, at):
    version = item.versions.get(number=item.version)
    return {
        "version": version.number,
        "title": version.title,
        "content": version.snapshot,
        "signed_at": at.astimezone(datetime.UTC).isoformat(),  # whatever zone ``at`` is in
        "signed_by": actor.display_name,
    }


def _refuse_unless_reviewer(actor, item):
    if not access.may_review(actor, item):
        if item.state != State.IN_REVIEW:
            raise already_handled()
        raise ReviewError(_("You are not the reviewer of this item at its current level."))


@transaction.atomic
def pass_item(*, actor, item, comment="", at=None):
    """Pass the item on to the next level; at the last level it is signed off."""
    at = at or timezone.now()
    _refuse_unless_reviewer(actor, item)
    if item.level in item.review_kind.checks_at:
        raise ReviewError(_("At this level the item is decided by its checks."))
    _refuse_unmet(item, _("It cannot be passed:"))
    return _pass(actor, item, comment, at)


def _pass(actor, item, comment, at, **extra):
    seen = (item.state, item.level)
    position = item.levels.index(item.level)
    if position + 1 < len(item.levels):
        _move(item, seen, at, level=item.levels[position + 1])
        _record(actor, item, "passed", seen, at, reason=comment, **extra)
    else:
        _sign(actor, item, seen, at, comment, **extra)
    return item


def _sign(actor, item, seen, at, comment, step="signed_off", exception="", **extra):
    _move(
        item,
        seen,
        at,
        state=State.PASSED,
        level="",
        passed_at=at,
        reopened=False,
        reopen_cause="",
        exception_reason=exception,
        signed_snapshot=_snapshot(item, actor, at),
    )
    _record(actor, item, step, seen, at, reason=exception or comment, **extra)
    if item.review_kind.on_passed:
        item.review_kind.on_passed(item, item.record, actor)


@transaction.atomic
def sign_off_by_exception(*, actor, item, reason, at=None):
    """The campaign office signs off an item at whatever level it waits, although some of
    its rules are not met, with a written reason that history keeps and the page shows."""
    at = at or timezone.now()
    if not access.may_sign_by_exception(actor, item):
        if item.state != State.IN_REVIEW:
            raise already_handled()
        raise ReviewError(_("Only the campaign office can sign off by exception."))
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Write the reason for the exception."))
    unmet = unmet_rules(item)
    seen = (item.state, item.level)
    _sign(actor, item, seen, at, "", step="excepted", exception=reason, unmet=unmet)
    return item


@transaction.atomic
def send_back_item(*, actor, item, reasons, comment, at=None):
    """Send the item back to the unit with one or more reasons and a comment."""
    at = at or timezone.now()
    _refuse_unless_reviewer(actor, item)
    reasons = [r for r in reasons if r in Reason.values]
    if not reasons:
        raise ReviewError(_("Choose at least one reason: no lenient passes."))
    if not (comment or "").strip():
        raise ReviewError(_("Say in the comment what must be fixed."))
    return _send_back(actor, item, reasons, comment.strip(), at)


def _send_back(actor, item, reasons, comment, at, **extra):
    seen = (item.state, item.level)
    _move(
        item,
        seen,
        at,
        state=State.SENT_BACK,
        level="",
        send_back_count=item.send_back_count + 1,
        last_reasons=reasons,
        last_comment=comment,
        last_level=seen[1],
    )
    _record(actor, item, "sent_back", seen, at, reason=comment, reasons=reasons, **extra)
    return item


@transaction.atomic
def check_item(*, actor, item, answers, comment="", at=None):
    """The reviewer's yes/no answers to the kind's checks (e.g. the four "not let go",
    四个不放过). ``answers`` maps each check's key to ``(yes, note)``. All yes passes it on
    (if the rules are met); any no sends it back with the failed checks as reasons."""
    at = at or timezone.now()
    _refuse_unless_reviewer(actor, item)
    checks = item.review_kind.checks
    if item.level not in item.review_kind.checks_at:
        raise ReviewError(_("This item is not decided by checks at this level."))
    if any(c.key not in answers for c in checks):
        raise ReviewError(_("Answer each of the checks."))
    failed = [c.reason for c in checks if not answers[c.key][0]]
    notes = {c.key: {"yes": bool(answers[c.key][0]), "note": answers[c.key][1]} for c in checks}
    if failed:
        text = (comment or "").strip() or "；".join(n["note"] for n in notes.values() if n["note"])
        if not text:
            raise ReviewError(_("Say in a note what falls short."))
        return _send_back(actor, item, failed, text, at, checks=notes)
    _refuse_unmet(item, _("It cannot be passed:"))
    return _pass(actor, item, comment, at, checks=notes)


@transaction.atomic
def set_chain_levels(*, actor, kind, levels):
    """The office chooses which levels review one kind of item (always in the order head,
    group, office). Items already in review keep the levels they were submitted with."""
    if not access.may_set_chain(actor):
        raise ReviewError(_("Only the campaign office can change the review chain."))
    review_kind = kinds.get(kind)
    ordered = [str(level) for level in Level if level in levels]
    if not ordered:
        raise ReviewError(_("Keep at least one review level."))
    for level in review_kind.required_levels:
        if level not in ordered:
            raise ReviewError(
                _("%(kind)s is always reviewed by the %(level)s.")
                % {"kind": review_kind.label, "level": Level(level).label}
            )
    before = ChainConfig.levels_for(kind)
    config, _created = ChainConfig.objects.update_or_create(kind=kind, defaults={"levels": ordered})
    if before != ordered:
        write_history(
            actor=actor,
            code="review.chain.updated",
            obj=config,
            changes={"levels": [before, ordered]},
        )
    return config
