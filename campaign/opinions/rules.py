"""The rule the opinions app adds to every phase acceptance: each opinion the unit is to
answer has been answered (the evidence lists the open ones by receipt code and due date,
never their content, which may name a person). One that names the unit's own secretary
or head is not the unit's to answer, and must not be shown to it (naming.py): it is
left out, and counts instead for the organisation it was handed up to. A box submission
the office hid (moderation.py) counts for no one."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from campaign.phases.rules import Evidence, Rule, RuleResult, register

from .models import OPEN_STATUSES, Moderation, Opinion, Status
from .naming import boss_named_q


def counted_for_q(unit):
    """The opinions ``unit`` is to answer: those concerning it, except one naming its own
    secretary or head (handled one level up, hidden from it), and those handed up to it."""
    return (Q(unit=unit) & ~boss_named_q()) | Q(handler_unit=unit)


def units_counting(opinion):
    """The units whose acceptance rule counts ``opinion`` (at most one)."""
    if opinion.handler_unit_id:
        return [opinion.handler_unit]
    if opinion.unit_id and not Opinion.objects.filter(boss_named_q(), pk=opinion.pk).exists():
        return [opinion.unit]
    return []


SHOWN = 30


def _answered_rule(unit, phase):
    mine = Opinion.objects.filter(counted_for_q(unit)).exclude(
        status__in=[Status.RECEIVED, Status.MERGED]
    )
    mine = mine.filter(moderation=Moderation.NONE)  # spam and the like count for nothing
    counts = mine.aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES)))
    open_ones = list(
        mine.filter(status__in=OPEN_STATUSES)
        .order_by("answer_due", "id")
        .values("pk", "receipt_code", "received_on", "answer_due", "category")[:SHOWN]
    )
    evidence = [
        Evidence(
            _("%(code)s received %(received)s, answer due %(due)s")
            % {
                "code": o["receipt_code"],
                "received": o["received_on"],
                "due": o["answer_due"] or "—",
            },
            "",
            False,
        )
        for o in open_ones
    ]
    if counts["open"] > len(open_ones):
        evidence.append(Evidence(_("… and %(n)s more.") % {"n": counts["open"] - len(open_ones)}))
    answered = counts["total"] - counts["open"]
    return RuleResult(
        code="opinions_answered",
        title=_("Opinions answered: %(answered)s of %(total)s")
        % {"answered": answered, "total": counts["total"]},
        ok=counts["open"] == 0,
        message=_("%(n)s opinions routed to the unit are not answered yet.") % {"n": counts["open"]}
        if counts["open"]
        else "",
        evidence=evidence,
    )


def register_rules():
    register(Rule("opinions_answered", (1, 2, 3), _answered_rule, order=30))
