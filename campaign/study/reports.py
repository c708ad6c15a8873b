"""The study app's review kinds and the rules it adds to a phase acceptance.

Two kinds of study report: the leadership team's concentrated study (at least 3 days
that count: rotating reading, everyone speaking, discussion) and the unit's coverage
(every member reached). Each version carries the portal's own count, and the report
cannot be sent while the count falls short (``unmet``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.phases.rules import Evidence, Rule, RuleResult, order_unmet
from campaign.phases.rules import register as register_rule
from campaign.review import kinds

from .models import LEADERSHIP_KINDS
from .queries import counting_sessions, not_reached_members, unit_study_summary

DAYS, COVERAGE = "study_days", "study_coverage"
NAMES_SHOWN = 50


def days_unmet(summary):
    if summary is None or not summary.has_days_requirement or summary.days_met:
        return []
    return [
        _(
            "Only %(days)s of the 3 days of concentrated study that count are recorded "
            "(lectures, reports, visits and films do not count)."
        )
        % {"days": summary.counted_days}
    ]


def coverage_unmet(summary):
    if summary is None or not summary.not_reached:
        return []
    return [
        _(
            "%(n)s party members have not been reached by study yet: record home delivery "
            "or self-study for them first."
        )
        % {"n": summary.not_reached}
    ]


def unmet(record):
    summary = unit_study_summary(record.unit)
    check = days_unmet if record.kind == DAYS else coverage_unmet
    phase = record.requirement.phase if record.requirement_id else None
    return order_unmet(record.unit, phase) + check(summary)


def snapshot(record):
    summary = unit_study_summary(record.unit)
    fields = [(gettext_lazy("Account of the study"), record.body)]
    tables = []
    if record.kind == DAYS:
        fields.append((gettext_lazy("Days that count"), summary.counted_days if summary else 0))
        fields.append((gettext_lazy("Other days"), summary.other_days if summary else 0))
        sessions = counting_sessions(record.unit)
        tables.append(
            kinds.Table(
                gettext_lazy("Sessions that count"),
                [gettext_lazy("date"), gettext_lazy("topic"), gettext_lazy("half-days")],
                [(a.pk, [a.held_on, a.topic, a.half_days]) for a in sessions],
            )
        )
    else:
        fields.append(
            (gettext_lazy("Members reached"), f"{summary.reached}/{summary.member_total}")
        )
        missing = not_reached_members(record.unit)[:NAMES_SHOWN]
        tables.append(
            kinds.Table(
                gettext_lazy("Not reached yet"),
                [gettext_lazy("name")],
                [(m.pk, [m.name]) for m in missing],
            )
        )
    return kinds.Snapshot(record.title, fields=fields, tables=tables)


def register_kinds():
    for code, label, order in (
        (DAYS, gettext_lazy("Concentrated study of the leadership team"), 10),
        (COVERAGE, gettext_lazy("Study coverage of the members"), 11),
    ):
        kinds.register(
            kinds.ReviewKind(
                code=code,
                label=label,
                model="study.StudyReport",
                levels=(kinds.HEAD, kinds.GROUP),
                snapshot=snapshot,
                unmet=unmet,
                template="study/_review.html",
                edit_url=lambda record: reverse("study:report_edit", args=[record.pk]),
                start_url=lambda unit, requirement: reverse(
                    "study:report_start", args=[unit.pk, requirement.pk]
                ),
                order=order,
            )
        )


def _days_rule(unit, phase):
    if unit.kind not in LEADERSHIP_KINDS:
        return None
    summary = unit_study_summary(unit)
    sessions = counting_sessions(unit)
    url = reverse("study:unit", args=[unit.pk])
    evidence = [
        Evidence(f"{a.held_on:%Y-%m-%d} {a.topic}（{a.half_days or 0}×半天）", url, True)
        for a in sessions[:20]
    ]
    reasons = days_unmet(summary)
    return RuleResult(
        code="study_days",
        title=_("Concentrated study: %(days)s of 3 days that count")
        % {"days": summary.counted_days},
        ok=not reasons,
        message=reasons[0] if reasons else "",
        evidence=evidence or [Evidence(_("No concentrated study that counts yet."), url, False)],
    )


def _coverage_rule(unit, phase):
    summary = unit_study_summary(unit)
    if summary is None:
        return None
    url = reverse("study:unit", args=[unit.pk])
    missing = list(not_reached_members(unit)[: NAMES_SHOWN + 1])
    evidence = [Evidence(m.name, url, False) for m in missing[:NAMES_SHOWN]]
    if len(missing) > NAMES_SHOWN:
        evidence.append(Evidence(_("… and more: see the study page."), url, False))
    reasons = coverage_unmet(summary)
    return RuleResult(
        code="study_coverage",
        title=_("Study coverage: %(reached)s of %(total)s members reached (%(pct)s%%)")
        % {
            "reached": summary.reached,
            "total": summary.member_total,
            "pct": summary.coverage_percent,
        },
        ok=not reasons,
        message=reasons[0] if reasons else "",
        evidence=evidence,
    )


def register_rules():
    register_rule(Rule("study_days", (1,), _days_rule, order=10))
    register_rule(Rule("study_coverage", (1,), _coverage_rule, order=20))
