"""Read queries of the study app, computed in the database with a fixed number of SQL
queries whatever the number of activities, attendances or members."""

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import and_

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce

from campaign.org.models import Member, Unit

from .models import (
    COUNTING_FORMATS,
    LEADERSHIP_KINDS,
    REQUIRED_DAYS,
    ActivityKind,
    Attendance,
    LearningCheck,
    StudyActivity,
)

ATTENDEE_LIMIT = 300  # checkboxes shown at once in the attendee picker


def _per_unit(queryset, value):
    """``value`` (an aggregate) over the rows of ``queryset`` of the outer unit."""
    rows = queryset.filter(unit=OuterRef("pk")).order_by().values("unit").annotate(v=value)
    return Coalesce(Subquery(rows.values("v")[:1], output_field=IntegerField()), 0)


def reached_q():
    """Members reached by study: they attended (or were reached by) any activity."""
    return Q(Exists(Attendance.objects.filter(member=OuterRef("pk"))))


def _latest_check(field):
    checks = LearningCheck.objects.filter(unit=OuterRef("pk")).order_by("-checked_on", "-id")
    return Subquery(checks.values(field)[:1])


def study_annotations():
    concentrated = StudyActivity.objects.filter(kind=ActivityKind.CONCENTRATED)
    return {
        "counted_half_days": _per_unit(
            concentrated.filter(format__in=COUNTING_FORMATS), Sum("half_days")
        ),
        "other_half_days": _per_unit(
            concentrated.exclude(format__in=COUNTING_FORMATS), Sum("half_days")
        ),
        "activity_count": _per_unit(StudyActivity.objects.all(), Count("pk")),
        "member_total": _per_unit(Member.objects.all(), Count("pk")),
        "reached": _per_unit(Member.objects.filter(reached_q()), Count("pk")),
        "latest_result": _latest_check("result"),
        "latest_checked_on": _latest_check("checked_on"),
    }


@dataclass
class StudySummary:
    unit_id: int
    kind: str
    counted_half_days: int
    other_half_days: int
    activity_count: int
    member_total: int
    reached: int
    latest_result: str | None
    latest_checked_on: object

    @property
    def has_days_requirement(self):
        return self.kind in LEADERSHIP_KINDS

    @property
    def required_days(self):
        return REQUIRED_DAYS

    @property
    def counted_days(self):
        return Decimal(self.counted_half_days) / 2

    @property
    def other_days(self):
        return Decimal(self.other_half_days) / 2

    @property
    def days_met(self):
        return self.counted_half_days >= 2 * REQUIRED_DAYS

    @property
    def not_reached(self):
        return self.member_total - self.reached

    @property
    def coverage_percent(self):
        """Rounded down: 100 only when every member is reached."""
        return self.reached * 100 // self.member_total if self.member_total else 0

    @property
    def latest_result_label(self):
        return LearningCheck.Result(self.latest_result).label if self.latest_result else ""


def unit_study_summary(unit):
    """Days of concentrated study, coverage and the latest check of ``unit``: one query
    (none for a heading, which holds no study)."""
    if not unit.is_organisation:
        return None
    annotations = study_annotations()
    row = Unit.objects.filter(pk=unit.pk).annotate(**annotations)
    values = row.values("kind", *annotations).get()
    return StudySummary(unit_id=unit.pk, **values)


FLAGGED = Q(is_retired=True) | Q(is_frail=True) | Q(is_migrant=True) | Q(is_frontline=True)


def not_reached_members(unit):
    """The unit's members no activity has reached yet, those with a study flag (retired,
    frail, migrant, front-line: they need home delivery) first, then by name."""
    flagged = Case(When(FLAGGED, then=1), default=0, output_field=IntegerField())
    members = unit.members.exclude(reached_q()).annotate(flagged=flagged)
    return members.order_by("-flagged", "name", "id")


def unit_activities(unit):
    attendees = Attendance.objects.filter(activity=OuterRef("pk")).order_by()
    count = attendees.values("activity").annotate(n=Count("pk")).values("n")[:1]
    return (
        unit.study_activities.select_related("supervisor", "recorded_by")
        .annotate(attendee_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))
        .order_by("-held_on", "-id")
    )


def counting_sessions(unit):
    """The unit's concentrated sessions that count towards the 3 days, newest first."""
    return unit_activities(unit).filter(kind=ActivityKind.CONCENTRATED, format__in=COUNTING_FORMATS)


def unit_checks(unit):
    return unit.learning_checks.select_related("checked_by", "group").order_by("-checked_on", "-id")


def attendee_options(unit, selected=(), q="", pending=False):
    """Members to tick for an activity: those ``selected`` first, always, then those whose
    name matches ``q`` (and, with ``pending``, not yet reached), in roster order; and
    whether more members match than are shown."""
    selected = [int(pk) for pk in selected]
    members = unit.members.all()
    wanted = [f for f, asked in ((Q(name__icontains=q), q), (~reached_q(), pending)) if asked]
    if wanted:  # (an empty Q() would vanish from the OR below and hide everyone)
        members = members.filter(reduce(and_, wanted) | Q(pk__in=selected))
    members = members.annotate(
        selected=Case(When(pk__in=selected, then=1), default=0, output_field=IntegerField())
    )
    shown = ATTENDEE_LIMIT + len(selected)
    found = list(members.order_by("-selected", "id")[: shown + 1])
    return found[:shown], len(found) > shown


def follow_up_checks(scope_q):
    """Latest learning checks that were poor, of the units in ``scope_q``, oldest first,
    with how many study activities each unit has held since."""
    later = LearningCheck.objects.filter(unit=OuterRef("unit")).filter(
        Q(checked_on__gt=OuterRef("checked_on"))
        | Q(checked_on=OuterRef("checked_on"), id__gt=OuterRef("id"))
    )
    since = StudyActivity.objects.filter(
        unit=OuterRef("unit"), held_on__gt=OuterRef("checked_on")
    ).order_by()
    since = since.values("unit").annotate(n=Count("pk")).values("n")[:1]
    return (
        LearningCheck.objects.filter(scope_q, result=LearningCheck.Result.POOR)
        .exclude(Exists(later))
        .select_related("unit", "unit__group", "checked_by")
        .annotate(activities_since=Coalesce(Subquery(since, output_field=IntegerField()), 0))
        .order_by("checked_on", "id")
    )
