"""Moderation of box submissions (the portal's public box and the paper boxes entered by
staff, ``BOX_CHANNELS``): the campaign office checks each one.

- ``mark_checked``: a real opinion (正常); it leaves the queue.
- ``hide``: spam, abusive or containing personal data, with a reason. A hidden
  submission is never deleted: it is left out of every list, page, export, figure and
  acceptance rule (counted apart as hidden) and exists for the office only, until
  ``restore`` (with a reason) brings it back as it was.
  A restored submission still open for the unit breaks an acceptance signed off on
  "every opinion answered" while it was hidden: that acceptance is reopened
  (``phases.signals.rule_broken``), as when an answer is reopened.
- ``mask``: the copy everyone but the office reads (``shown_content``) is the content
  with some characters replaced by ＊; ``propose_mask`` offers one that covers mobile
  numbers, ID-card and bank-card numbers, e-mail addresses and the sender's own contact
  details. The content itself is never changed.
- ``reveal``: the office reads the original of a masked copy (or of one hidden as
  containing personal data); each time is a history row.

Each is atomic, writes one history row and is refused with ``OpinionError``; a change is
a conditional UPDATE on what the office member saw, so two acting at once make one.
"""

import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.phases.signals import rule_broken

from . import access
from .access import may_moderate, may_reveal
from .models import BOX_CHANNELS, MASK_CHAR, OPEN_STATUSES, Moderation, Opinion
from .rules import units_counting
from .services import OpinionError
from .similar import search_text

MIN_REASON = 4
HIDING = (Moderation.SPAM, Moderation.ABUSIVE, Moderation.PERSONAL)
# Waiting in the queue: not checked yet (hiding, restoring and masking check it too).
WAITING = Q(moderated_at__isnull=True, moderation=Moderation.NONE)
ASTERISKS = ("*", MASK_CHAR)


def _check(actor, opinion):
    if not may_moderate(actor):
        raise OpinionError(_("Only the campaign office moderates box submissions."))
    if opinion.channel not in BOX_CHANNELS:
        raise OpinionError(_("Only box submissions are moderated."))


def _reason(reason, message):
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise OpinionError(message)
    return reason


def _change(actor, opinion, expected, **changes):
    """The conditional UPDATE on what ``actor`` saw (``expected``): exactly one of two
    office members acting at once changes the submission."""
    changed = Opinion.objects.filter(pk=opinion.pk, **expected).update(
        moderated_at=timezone.now(), moderated_by=actor, **changes
    )
    if changed != 1:
        raise OpinionError(_("This submission has just been moderated by someone else."))
    opinion.refresh_from_db()


def _record(actor, opinion, step, changes=None, reason=""):
    record(
        actor=actor,
        code=f"opinions.opinion.{step}",
        obj=opinion,
        changes=changes or {},
        reason=reason,
    )


@transaction.atomic
def mark_checked(*, actor, opinion):
    """正常: the office read it and found a real opinion."""
    _check(actor, opinion)
    if opinion.moderated_at is not None:
        raise OpinionError(_("This submission has already been checked."))
    _change(actor, opinion, {"moderated_at__isnull": True})
    _record(actor, opinion, "checked")
    return opinion


@transaction.atomic
def hide(*, actor, opinion, kind, reason):
    _check(actor, opinion)
    if kind not in HIDING:
        raise OpinionError(_("Choose why it is hidden: spam, abusive or personal data."))
    kind = Moderation(kind)
    reason = _reason(reason, _("Give the reason for hiding it (at least 4 characters)."))
    if opinion.hidden:
        raise OpinionError(_("This submission is already hidden."))
    _change(
        actor,
        opinion,
        {"moderation": Moderation.NONE},
        moderation=kind,
        moderation_reason=reason,
    )
    _record(actor, opinion, "hidden", {"moderation": [Moderation.NONE.value, kind.value]}, reason)
    return opinion


@transaction.atomic
def restore(*, actor, opinion, reason):
    """Show a hidden submission again, as it was (status, unit, answer)."""
    _check(actor, opinion)
    reason = _reason(reason, _("Give the reason for restoring it (at least 4 characters)."))
    seen = opinion.moderation
    if seen == Moderation.NONE:
        raise OpinionError(_("This submission is not hidden."))
    _change(
        actor,
        opinion,
        {"moderation": seen},
        moderation=Moderation.NONE,
        moderation_reason=reason,
    )
    _record(actor, opinion, "restored", {"moderation": [seen, Moderation.NONE.value]}, reason)
    if opinion.status in OPEN_STATUSES:
        cause = _("Box submission %(code)s was restored and is not answered: %(reason)s") % {
            "code": opinion.receipt_code,
            "reason": reason,
        }
        for unit in units_counting(opinion):
            rule_broken.send(
                sender=Opinion,
                unit=unit,
                rule="opinions_answered",
                actor=actor,
                cause=cause,
                at=opinion.moderated_at,
            )
    return opinion


@transaction.atomic
def mask(*, actor, opinion, shown):
    """Save the masked copy ``shown`` (the content with some characters replaced by ＊ or
    *); the content itself as ``shown`` takes the mask off."""
    _check(actor, opinion)
    shown = masked_copy(opinion.content, shown)
    new = "" if shown == opinion.content else shown
    seen = opinion.shown_content
    if new == seen:
        raise OpinionError(_("Nothing changed in the masked copy."))
    # likely duplicates are looked for in the text people read, as the list's search is
    searched = search_text(new or opinion.content)
    _change(actor, opinion, {"shown_content": seen}, shown_content=new, content_search=searched)
    counts = [masked_count(opinion.content, seen), masked_count(opinion.content, new)]
    _record(actor, opinion, "masked", {"masked": counts})
    return opinion


def waiting_count(user):
    """How many box submissions wait for the office's check (one query)."""
    return access.moderation_scope(user).filter(WAITING).count()


def covers_original(opinion):
    """Whether the office reads a covered text and opens the original with ``reveal``."""
    return bool(opinion.shown_content) or opinion.moderation == Moderation.PERSONAL


@transaction.atomic
def reveal(*, actor, opinion):
    """The original text, for the office, written in the history each time."""
    if not may_reveal(actor):
        raise OpinionError(_("Only the campaign office reads the original."))
    if not covers_original(opinion):
        raise OpinionError(_("Nothing of this opinion is masked: it is shown as written."))
    _record(actor, opinion, "revealed")
    return opinion.content


# ---- the masked copy ----------------------------------------------------------------


def masked_copy(content, shown):
    """``shown`` checked against ``content``: the same text with some characters replaced
    by ＊ (an * typed for one counts as ＊); newlines as the browser sends them."""
    shown = (shown or "").replace("\r\n", "\n")
    if "\r\n" in content:
        shown = shown.replace("\n", "\r\n")
    if len(shown) != len(content):
        raise _mask_rule()
    chars = []
    for mine, theirs in zip(shown, content, strict=True):
        if mine == theirs:
            chars.append(mine)
        elif mine in ASTERISKS:
            chars.append(MASK_CHAR)
        else:
            raise _mask_rule()
    return "".join(chars)


def _mask_rule():
    return OpinionError(
        _(
            "The masked copy must be the original text with some characters replaced by ＊: "
            "nothing added, removed or rewritten."
        )
    )


def masked_count(content, shown):
    """How many characters of ``content`` the masked copy ``shown`` covers."""
    if not shown:
        return 0
    return sum(1 for mine, theirs in zip(shown, content, strict=False) if mine != theirs)


# A mainland mobile number (138 0546 1234 too), an ID-card number (18 or 15 characters),
# a bank-card number (16 to 19 digits, in groups of four too) and an e-mail address.
MOBILE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
ID_CARD = re.compile(r"(?<![\dXx])(?:\d{17}[\dXx]|\d{15})(?![\dXx])")
BANK_CARD = re.compile(r"(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# (pattern, characters kept at the start, at the end)
NUMBERS = [(MOBILE, 3, 4), (ID_CARD, 0, 4), (BANK_CARD, 0, 4)]


def _keep_ends(text, start, end, first, last):
    """The positions of the letters and digits of text[start:end] but the first ``first``
    and the last ``last`` of them (separators stay)."""
    inner = [i for i in range(start, end) if text[i].isalnum()]
    if len(inner) <= first + last:
        last = max(0, len(inner) // 2 - first)
    return set(inner[first : len(inner) - last])


def _occurrences(text, value):
    start = text.find(value)
    while value and start != -1:
        yield start, start + len(value)
        start = text.find(value, start + len(value))


def mask_positions(opinion):
    """The positions of ``opinion.content`` the proposal covers."""
    text = opinion.content
    covered = set()
    for pattern, first, last in NUMBERS:
        for found in pattern.finditer(text):
            covered |= _keep_ends(text, found.start(), found.end(), first, last)
    for found in EMAIL.finditer(text):
        covered |= set(range(found.start() + 1, text.index("@", found.start())))
    phone = (opinion.contact_phone or "").strip()
    if sum(c.isdigit() for c in phone) >= 5:
        for start, end in _occurrences(text, phone):
            covered |= _keep_ends(text, start, end, 3 if len(phone) >= 11 else 0, 4)
    name = (opinion.contact_name or "").strip()
    if len(name) >= 2:
        for start, end in _occurrences(text, name):
            covered |= set(range(start + 1, end))  # the surname stays
    return covered


def propose_mask(opinion):
    """The masked copy the office is offered: the current one (or the content) with the
    proposal's positions covered too. The office edits it before saving."""
    base = list(opinion.shown_content or opinion.content)
    for position in mask_positions(opinion):
        base[position] = MASK_CHAR
    return "".join(base)
