"""The one review chain every submitted item goes through.

draft → in review at level 1 → level 2 → … → passed (签收). At any level the reviewer
passes it on or sends it back with reasons; the submitter revises (a new version, every
version kept) and resubmits, and it starts again at level 1. A passed item keeps a frozen
snapshot of what was signed; revising it afterwards reopens it for review.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import kinds


class Level(models.TextChoices):
    HEAD = kinds.HEAD, _("Unit head")
    GROUP = kinds.GROUP, _("Supervision group")
    OFFICE = kinds.OFFICE, _("Campaign office")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    SENT_BACK = "sent_back", _("sent back")
    PASSED = "passed", _("signed off")


class Reason(models.TextChoices):
    """Why an item is sent back (no lenient passes: 不能搞照顾性过关)."""

    NOT_FOCUSED = "not_focused", _("problems found are not focused")
    NOT_DEEP = "not_deep", _("self-analysis is not deep")
    NO_EXAMPLES = "no_examples", _("problems lack concrete examples")
    OPINIONS = "opinions", _("opinions raised are not answered")
    MEASURES = "measures", _("measures are not concrete or not in place")
    PUBLIC = "public", _("the public is not satisfied")
    INCOMPLETE = "incomplete", _("the record is incomplete")
    OTHER = "other", _("other (see the comment)")


class ChainConfig(models.Model):
    """The review levels for one kind of item, configurable by the office."""

    kind = models.CharField(_("kind of item"), max_length=30, unique=True)
    levels = models.JSONField(_("review levels"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("review chain")
        verbose_name_plural = _("review chains")

    HISTORY_CHOICES = {"levels": Level.choices}

    def __str__(self):
        return str(kinds.label(self.kind))

    @classmethod
    def levels_for(cls, kind):
        row = cls.objects.filter(kind=kind).values_list("levels", flat=True).first()
        return list(row) if row else list(kinds.get(kind).levels)


class ReviewItem(models.Model):
    """A record of some app (its kind says which) on its way through the review chain."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="review_items"
    )
    kind = models.CharField(_("kind"), max_length=30)
    record_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    # Where the item sits in the campaign's plan; set by the app that opens it.
    requirement = models.ForeignKey(
        "phases.Requirement",
        verbose_name=_("requirement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    phase = models.ForeignKey(
        "phases.Phase",
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    level = models.CharField(_("waiting for"), max_length=20, choices=Level.choices, blank=True)
    levels = models.JSONField(_("review levels"), default=list)
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey("org.User", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        "org.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField(_("since"))
    send_back_count = models.PositiveIntegerField(_("times sent back"), default=0)
    last_reasons = models.JSONField(default=list, blank=True)
    last_comment = models.TextField(blank=True)
    last_level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    reopened = models.BooleanField(_("reopened after sign-off"), default=False)
    reopen_cause = models.TextField(_("why it was reopened"), blank=True)
    signed_snapshot = models.JSONField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    exception_reason = models.TextField(_("signed off by exception, because"), blank=True)

    class Meta:
        ordering = ["-state_changed_at", "-id"]
        verbose_name = _("submitted item")
        verbose_name_plural = _("submitted items")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "requirement"],
                condition=models.Q(requirement__isnull=False),
                name="review_item_one_per_requirement",
            ),
            models.UniqueConstraint(
                fields=["record_type", "record_id"], name="review_item_one_per_record"
            ),
        ]
        indexes = [
            # The review queues: items waiting at a level, oldest first.
            models.Index(fields=["state", "level", "state_changed_at"], name="review_queue"),
            models.Index(fields=["unit", "state"], name="review_unit_state"),
        ]

    # How history shows values of changes that are not fields (see HistoryEntry).
    HISTORY_CHOICES = {"reasons": Reason.choices, "levels": Level.choices}

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("review:item_detail", args=[self.pk])

    @property
    def review_kind(self):
        return kinds.get(self.kind)

    def get_kind_display(self):
        return kinds.label(self.kind)

    @property
    def level_position(self):
        return self.levels.index(self.level) + 1 if self.level in self.levels else None

    def last_reason_labels(self):
        labels = dict(Reason.choices) | {c.reason: c.label for c in self._checks()}
        return [labels.get(r, r) for r in self.last_reasons]

    def _checks(self):
        try:
            return self.review_kind.checks
        except LookupError:
            return ()


class ReviewVersion(models.Model):
    """One version of an item's record as the reviewer saw it; every version is kept."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    snapshot = models.JSONField(_("content"))
    created_by = models.ForeignKey("org.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="review_version_number")
        ]

    def __str__(self):
        return f"{self.item} v{self.number}"
