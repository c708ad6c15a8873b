"""Opinions and suggestions (意见建议): heard through every channel, routed to a unit,
handled, answered and, where the sender left contact, fed back.

An anonymous opinion stores nothing that identifies its sender: no address, no user
agent, no account. Contact details, when given, are for the campaign office only.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    FACE = "face", _("face-to-face visit (走出去听)")
    DOOR = "door", _("door-to-door visit (千名干部走百村联万户)")
    SYMPOSIUM = "symposium", _("symposium or solicitation meeting")
    APPRAISAL = "appraisal", _("democratic appraisal")
    HOTLINE = "hotline", _("hotline")
    ONLINE = "online", _("online")
    QUESTIONNAIRE = "questionnaire", _("questionnaire")
    BOX = "box", _("opinion box")
    PUBLIC = "public", _("public opinion box on the portal")
    PETITION = "petition", _("petition (信访)")
    DISCIPLINE = "discipline", _("referred by the discipline inspection office")
    ORGANISATION = "organisation", _("referred by the organisation department")
    INSPECTION = "inspection", _("referred by the inspection tour")
    AUDIT = "audit", _("referred by the audit office")
    PETITION_OFFICE = "petition_office", _("referred by the petition office")


class Category(models.TextChoices):
    FORMALISM = "formalism", _("formalism")
    BUREAUCRATISM = "bureaucratism", _("bureaucratism")
    HEDONISM = "hedonism", _("hedonism")
    EXTRAVAGANCE = "extravagance", _("extravagance")
    EMPLOYMENT = "employment", _("employment")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health care")
    SOCIAL_SECURITY = "social_security", _("social security")
    ENVIRONMENT = "environment", _("environment")
    PUBLIC_SAFETY = "public_safety", _("public safety")
    JUSTICE = "justice", _("law enforcement and justice")
    LAND = "land", _("land requisition and demolition")
    SERVICE = "service", _("service to the public")
    OTHER = "other", _("other")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    ROUTED = "routed", _("routed to a unit")
    HANDLING = "handling", _("being handled")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    MERGED = "merged", _("merged into another")


OPEN_STATUSES = (Status.ROUTED, Status.HANDLING)


class Moderation(models.TextChoices):
    """What the office found a box submission to be (moderation.py): anything but
    ``none`` hides it, with a reason, until it is restored; it is never deleted."""

    NONE = "none", _("not hidden")
    SPAM = "spam", _("spam")
    ABUSIVE = "abusive", _("abusive")
    PERSONAL = "personal", _("containing personal data")


# Box submissions: the portal's public box and the paper boxes entered by staff. The
# office checks each one (moderation.py) before it counts as a real opinion.
BOX_CHANNELS = (Channel.PUBLIC, Channel.BOX)
MASK_CHAR = "＊"
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_receipt_code():
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))


class Opinion(models.Model):
    receipt_code = models.CharField(_("receipt code"), max_length=12, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("content"))
    # The content as similar.py compares it (its character bigrams), kept by the services;
    # on PostgreSQL a pg_trgm GIN index (migration 0004) finds near-copies by it.
    content_search = models.TextField(editable=False, blank=True, default="")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    named_person = models.ForeignKey(
        "org.User",
        verbose_name=_("person named (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    named_person_name = models.CharField(_("person named"), max_length=40, blank=True)
    # Who handles it when it names the unit's own secretary or head (naming.py): the
    # organisation above the unit, else the unit's supervision group; both empty: the
    # unit concerned (or, when it names its secretary or head, the office).
    handler_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("handled one level up by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler_group = models.ForeignKey(
        "org.SupervisionGroup",
        verbose_name=_("handled by the supervision group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_hint = models.CharField(_("unit named by the sender"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    anonymous = models.BooleanField(_("anonymous"), default=True)
    contact_name = models.CharField(_("contact name"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_published = models.BooleanField(_("answer published"), default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    created_by = models.ForeignKey(
        "org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_seed = models.BooleanField(default=False, editable=False)
    # Moderation of box submissions (moderation.py). ``moderated_at`` is empty until the
    # office has checked it: a box submission without it waits in the moderation queue.
    # ``shown_content`` is the masked copy everyone but the office reads (empty: the
    # content); the content itself is never changed.
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.NONE
    )
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        "org.User",
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shown_content = models.TextField(_("masked copy"), blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        indexes = [
            # The list sorts by date; filters by status, unit, channel and category.
            models.Index(fields=["-received_on", "-id"], name="opinion_received"),
            models.Index(fields=["status", "answer_due"], name="opinion_status_due"),
            models.Index(fields=["unit", "status"], name="opinion_unit_status"),
            models.Index(fields=["channel", "-received_on"], name="opinion_channel"),
            models.Index(fields=["category", "-received_on"], name="opinion_category"),
            # The moderation queue: box submissions the office has not checked yet.
            models.Index(
                fields=["-received_on", "-id"],
                condition=models.Q(moderated_at__isnull=True, channel__in=BOX_CHANNELS),
                name="opinion_to_moderate",
            ),
        ]

    # History keys that are not fields, as people read them.
    HISTORY_LABELS = {
        "merged": _("opinions merged into this one"),
        "method": _("sender told"),
        "masked": _("characters masked"),
    }
    HISTORY_CHOICES = {"method": [("email", _("by email")), ("phone", _("by phone"))]}

    def __str__(self):
        return f"{self.receipt_code} {self.shown_text[:20]}"

    def get_absolute_url(self):
        return reverse("opinions:detail", args=[self.pk])

    @property
    def names_someone(self):
        return bool(self.named_person_id or self.named_person_name)

    @property
    def hidden(self):
        """Hidden by the office's moderation: shown to the office only, counted apart."""
        return self.moderation != Moderation.NONE

    @property
    def masked(self):
        return bool(self.shown_content)

    @property
    def shown_text(self):
        """The text everyone reads: the masked copy, if any, else the content."""
        return self.shown_content or self.content


class ChannelDeadline(models.Model):
    """The office's answer deadline for one channel, in working days after routing
    (a channel without a row uses ``OPINION_ANSWER_WORKING_DAYS``)."""

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days to answer"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        ordering = ["channel"]
        verbose_name = _("answer deadline")
        verbose_name_plural = _("answer deadlines")

    def __str__(self):
        return f"{self.get_channel_display()}: {self.working_days}"


class OpinionLink(models.Model):
    """An opinion taken up as a problem of a self-examination or an item of a
    rectification ledger (the later phases link here; the link is kept both ways)."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="links")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=40)
    created_by = models.ForeignKey("org.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opinion link")
        verbose_name_plural = _("opinion links")
        constraints = [
            models.UniqueConstraint(
                fields=["opinion", "target_type", "target_id"], name="opinion_link_once"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="opinion_link_target")]

    def __str__(self):
        return f"{self.opinion_id} → {self.target_type_id}:{self.target_id}"


class Notice(models.Model):
    """Telling a sender who left contact that their opinion was answered: a row, sent
    once by the worker, never lost and never twice."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="notices")

    class Method(models.TextChoices):
        EMAIL = "email", _("by email")
        PHONE = "phone", _("by phone")

    kind = models.CharField(max_length=20, default="answered")
    method = models.CharField(_("how"), max_length=10, choices=Method.choices, default=Method.EMAIL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("notice to a sender")
        verbose_name_plural = _("notices to senders")
        constraints = [
            models.UniqueConstraint(fields=["opinion", "kind"], name="opinion_notice_once")
        ]
        indexes = [
            # The notice worker claims waiting rows, oldest first.
            models.Index(fields=["state", "created_at"], name="opinion_notice_queue"),
        ]

    def __str__(self):
        return f"{self.opinion_id} {self.kind} {self.state}"
