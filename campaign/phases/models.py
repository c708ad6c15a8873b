"""The campaign, its three phases planned per wave, and the requirements (规定动作) of
each phase with their due dates."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.org.models import UnitKind, Wave


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    frozen_on = models.DateField(
        _("portal date"),
        null=True,
        blank=True,
        help_text=_(
            "For demonstration and training only: the portal treats this date as today. "
            "Leave empty in a real campaign."
        ),
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("overview:campaign")


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="phases_phase_number")
        ]

    def __str__(self):
        return self.name


class WavePlan(models.Model):
    """When one wave of units runs one phase (phases overlap: 边学边查边改)."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="plans")
    wave = models.PositiveSmallIntegerField(_("wave"), choices=Wave.choices)
    starts_on = models.DateField(_("planned start"))
    ends_on = models.DateField(_("planned end"))

    class Meta:
        ordering = ["phase__number", "wave"]
        verbose_name = _("wave plan")
        verbose_name_plural = _("wave plans")
        constraints = [
            models.UniqueConstraint(fields=["phase", "wave"], name="phases_waveplan_phase_wave")
        ]

    def __str__(self):
        return f"{self.phase} · {self.get_wave_display()}"


class Requirement(models.Model):
    """A required action (规定动作) of a phase, for some kinds of unit, with a due date."""

    class DueMode(models.TextChoices):
        ABSOLUTE = "absolute", _("on a fixed date")
        RELATIVE = "relative", _("days after the wave's phase start")

    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="requirements"
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what satisfies it"), blank=True)
    # The code of a registered review kind (campaign.review.kinds): what the unit submits.
    item_kind = models.CharField(_("submitted as"), max_length=30)
    kinds = models.JSONField(
        _("kinds of unit"),
        default=list,
        blank=True,
        help_text=_("Empty: every party organisation."),
    )
    due_mode = models.CharField(
        _("due"), max_length=10, choices=DueMode.choices, default=DueMode.RELATIVE
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    due_offset_days = models.PositiveSmallIntegerField(
        _("days after the phase start"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["phase__number", "order", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self):
        return self.name

    def applies_to(self, kind):
        return not self.kinds or kind in self.kinds

    def applicable_kinds(self):
        return self.kinds or [k.value for k in UnitKind.organisations()]

    def due_for_wave(self, plans):
        """The due date for units of each wave: {wave: date}, given {(phase_id, wave): plan}."""
        dues = {}
        for wave in Wave.values:
            if self.due_mode == self.DueMode.ABSOLUTE:
                dues[wave] = self.due_on
            else:
                plan = plans.get((self.phase_id, wave))
                dues[wave] = (
                    plan.starts_on + datetime.timedelta(days=self.due_offset_days or 0)
                    if plan
                    else None
                )
        return dues


class SupervisionActivity(models.Model):
    """What a supervision group did at a unit: a visit, attending a study session or a
    meeting, a check of learning, with its findings."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        STUDY = "study", _("attended a study session")
        MEETING = "meeting", _("attended a meeting")
        CHECK = "check", _("checked the learning")
        TALK = "talk", _("talk with cadres")

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="supervision"
    )
    group = models.ForeignKey(
        "org.SupervisionGroup", on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(
        "org.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        indexes = [
            # A unit's page and the group's workspace list the newest first.
            models.Index(fields=["unit", "-happened_on"], name="phases_activity_unit_date"),
            models.Index(fields=["group", "-happened_on"], name="phases_activity_group_date"),
        ]

    def __str__(self):
        return f"{self.unit} {self.get_kind_display()} {self.happened_on}"
