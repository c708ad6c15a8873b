"""Reopening an answered opinion: the sender was not satisfied, or the answer turns out
not to hold. The office reopens it with a reason; the unit handles it again and answers
anew, and the sender is told of the new answer. An acceptance of the unit signed off on
"every opinion answered" no longer rests on the truth, so it is reopened too
(``phases.signals.rule_broken``, heard by the acceptance app)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.phases.signals import rule_broken

from .access import may_reopen
from .models import Notice, Opinion, Status
from .rules import units_counting
from .services import OpinionError, _move

REOPENABLE = (Status.ANSWERED, Status.CLOSED)


@transaction.atomic
def reopen_opinion(*, actor, opinion, reason, at=None):
    at = at or timezone.now()
    if not may_reopen(actor, opinion):
        raise OpinionError(_("Only the campaign office reopens an answered opinion."))
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise OpinionError(_("Say why it is reopened (at least 4 characters)."))
    if opinion.status not in REOPENABLE:
        raise OpinionError(_("Only an answered or closed opinion can be reopened."))
    seen = opinion.status
    _move(opinion, seen, status=Status.HANDLING, closed_at=None, answer_published=False)
    # The sender is told again when it is answered again: the first telling keeps its row.
    for notice in Notice.objects.filter(opinion=opinion, kind="answered"):
        notice.kind = f"answered-{notice.pk}"
        notice.save(update_fields=["kind"])
    record(
        actor=actor,
        code="opinions.opinion.reopened",
        obj=opinion,
        changes={"status": [seen, opinion.status]},
        reason=reason,
        at=at,
    )
    for unit in units_counting(opinion):
        cause = _("Opinion %(code)s was reopened: %(reason)s") % {
            "code": opinion.receipt_code,
            "reason": reason,
        }
        rule_broken.send(
            sender=Opinion,
            unit=unit,
            rule="opinions_answered",
            actor=actor,
            cause=cause,
            at=at,
        )
    return opinion
