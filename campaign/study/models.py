"""Study must be "deep" (学习教育要“深”): what each unit studied, who it reached, and
the supervision groups' checks of the learning.

Only concentrated sessions held by rotating reading, everyone speaking or discussion
count towards a leadership team's 3 days; a member is reached by attending any
activity (see ``campaign.study.queries``)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.org.models import UnitKind
from campaign.review.writing import WrittenRecord

REQUIRED_DAYS = 3
# The leadership teams that hold at least 3 days of concentrated study.
LEADERSHIP_KINDS = [UnitKind.LEADERSHIP, UnitKind.DEPARTMENT, UnitKind.WINDOW, UnitKind.TOWN]
MAX_HALF_DAYS = 10  # one session of at most five days


class ActivityKind(models.TextChoices):
    CONCENTRATED = "concentrated", _("Concentrated study session")
    LECTURE = "lecture", _("Party lecture by the secretary")
    TRAINING = "training", _("Rotating training of grassroots members")
    HOME_DELIVERY = "home_delivery", _("Home delivery of study")
    SELF_STUDY = "self_study", _("Self-study")


class StudyFormat(models.TextChoices):
    READING = "reading", _("Rotating reading")
    SPEAKING = "speaking", _("Everyone speaking")
    DISCUSSION = "discussion", _("Discussion")
    EXPERT_LECTURE = "expert_lecture", _("Expert lecture")
    TUTORING = "tutoring", _("Tutoring report")
    VISIT = "visit", _("Site visit")
    FILM = "film", _("Film")


# Expert lectures, tutoring reports, site visits and films do not count towards the 3 days.
COUNTING_FORMATS = [StudyFormat.READING, StudyFormat.SPEAKING, StudyFormat.DISCUSSION]


class StudyActivity(models.Model):
    """One study activity of a unit, recorded by the unit's secretary."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="study_activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField(_("date"))
    half_days = models.PositiveSmallIntegerField(
        _("half-days"),
        null=True,
        blank=True,
        help_text=_("For a concentrated study session: how many half-days it lasted."),
    )
    format = models.CharField(_("format"), max_length=20, choices=StudyFormat.choices, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.ManyToManyField(
        "org.Member",
        verbose_name=_("attendees"),
        through="Attendance",
        related_name="study_activities",
    )
    supervisor = models.ForeignKey(
        "org.User",
        verbose_name=_("supervision member present"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        "org.User",
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("study activity")
        verbose_name_plural = _("study activities")
        indexes = [
            # The unit's study page lists the newest first; its totals sum per unit.
            models.Index(fields=["unit", "-held_on", "-id"], name="study_activity_unit_date"),
        ]

    def __str__(self):
        return f"{self.held_on} {self.get_kind_display()} {self.topic}"

    def get_absolute_url(self):
        return reverse("study:unit", args=[self.unit_id])

    @property
    def counts_towards_days(self):
        return self.kind == ActivityKind.CONCENTRATED and self.format in COUNTING_FORMATS


class Attendance(models.Model):
    """A member took part in (or was reached by) a study activity."""

    activity = models.ForeignKey(StudyActivity, on_delete=models.CASCADE, related_name="+")
    # The foreign key's own index serves "is this member reached?" (an Exists per member).
    member = models.ForeignKey("org.Member", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="study_attendance_once")
        ]

    def __str__(self):
        return f"{self.activity_id}:{self.member_id}"


class LearningCheck(models.Model):
    """A supervision group member checks the learning of a unit (检验学习效果)."""

    class Method(models.TextChoices):
        TEST = "test", _("test")
        INTERVIEW = "interview", _("interview")
        QUESTIONNAIRE = "questionnaire", _("questionnaire")
        SPOT_CHECK = "spot_check", _("spot check")

    class Result(models.TextChoices):
        GOOD = "good", _("good")
        FAIR = "fair", _("fair")
        POOR = "poor", _("poor")

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="learning_checks"
    )
    group = models.ForeignKey(
        "org.SupervisionGroup",
        verbose_name=_("supervision group"),
        on_delete=models.PROTECT,
        related_name="learning_checks",
    )
    checked_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        "org.User",
        verbose_name=_("checked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("learning check")
        verbose_name_plural = _("learning checks")
        indexes = [
            # A unit's latest check: its study page, the unit card, the follow-up list.
            models.Index(fields=["unit", "-checked_on", "-id"], name="study_check_unit_date"),
            # The follow-up list starts from the poor checks, oldest first.
            models.Index(fields=["result", "checked_on", "id"], name="study_check_result_date"),
        ]

    def __str__(self):
        return f"{self.unit} {self.checked_on} {self.get_result_display()}"

    def get_absolute_url(self):
        return reverse("study:unit", args=[self.unit_id])


class StudyReport(WrittenRecord):
    """What a unit submits for a study requirement: its own account of the study, with the
    portal's count (days that count, coverage) taken into every version."""

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("study report")
        verbose_name_plural = _("study reports")
        indexes = [models.Index(fields=["unit", "kind"], name="study_report_unit_kind")]
