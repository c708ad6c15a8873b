"""A unit's request that a phase be accepted (环节验收): checked by its supervision group
against the four "not let go" (四个不放过) and the campaign's rules, accepted last by the
office."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.phases.rules import evaluate


class PhaseAcceptance(models.Model):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    phase = models.ForeignKey(
        "phases.Phase", verbose_name=_("phase"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("what the unit reports"), blank=True)
    requested_by = models.ForeignKey("org.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit", "phase"]
        verbose_name = _("phase acceptance")
        verbose_name_plural = _("phase acceptances")
        constraints = [
            models.UniqueConstraint(fields=["unit", "phase"], name="acceptance_one_per_phase")
        ]

    def __str__(self):
        return _("%(unit)s: acceptance of the phase “%(phase)s”") % {
            "unit": self.unit.name,
            "phase": self.phase.name,
        }

    def get_absolute_url(self):
        return reverse("acceptance:edit", args=[self.pk])

    def rule_results(self):
        """The campaign's rules for this phase with their evidence (see phases.rules)."""
        return evaluate(self.unit, self.phase)
