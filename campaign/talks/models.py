"""One-to-one talks (谈心谈话) between the cadres of a leadership team, or between a team
member and the head of a unit they oversee, with the five things talked through (五个谈透)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The five things a talk goes through (五个谈透), in one place: (key, label). Each key has a
# ``<key>_done`` tick and a ``<key>_note`` on Talk.
FIVE = [
    ("team", _("The team's problems")),
    ("own", _("One's own problems")),
    ("other", _("The other's problems")),
    ("criticism", _("The criticism one will raise")),
    ("measures", _("The measures")),
]
FIVE_KEYS = [key for key, _label in FIVE]
NOTE_LENGTH = 500


def complete_q(prefix=""):
    """A Q for talks with all five things ticked."""
    return Q(**{f"{prefix}{key}_done": True for key in FIVE_KEYS})


class Talk(models.Model):
    """A one-to-one talk. The pair is unordered and stored with ``first_id < second_id``."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="talks"
    )
    first = models.ForeignKey(
        "org.User", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    second = models.ForeignKey(
        "org.User", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date of the talk"))
    team_done = models.BooleanField(_("The team's problems"), default=False)
    team_note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    own_done = models.BooleanField(_("One's own problems"), default=False)
    own_note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    other_done = models.BooleanField(_("The other's problems"), default=False)
    other_note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    criticism_done = models.BooleanField(_("The criticism one will raise"), default=False)
    criticism_note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    measures_done = models.BooleanField(_("The measures"), default=False)
    measures_note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
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
        ordering = ["unit_id", "-held_on", "-id"]
        verbose_name = _("one-to-one talk")
        verbose_name_plural = _("one-to-one talks")
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="talks_talk_pair_ordered"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "held_on"], name="talks_talk_unit_held"),
            models.Index(fields=["first"], name="talks_talk_first"),
            models.Index(fields=["second"], name="talks_talk_second"),
        ]

    def __str__(self):
        return f"{self.first}—{self.second} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("talks:unit", args=[self.unit_id]) + f"#talk-{self.pk}"

    def things(self):
        """The five things as (key, label, done, note)."""
        return [
            (key, label, getattr(self, f"{key}_done"), getattr(self, f"{key}_note"))
            for key, label in FIVE
        ]

    @property
    def done_count(self):
        return sum(1 for key in FIVE_KEYS if getattr(self, f"{key}_done"))

    @property
    def is_complete(self):
        return self.done_count == len(FIVE_KEYS)

    def other_party(self, user):
        return self.second if user.pk == self.first_id else self.first
