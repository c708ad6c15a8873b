"""A cadre's individual self-examination material (个人对照检查材料) as a structured record:
the introduction, problems each with its examples, the causes along four lines, the
measures tied to problems and the answers (正面回应) to the opinions naming the author."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The four winds (四风) and the four mirrors (四面镜子, DOMAIN.md "Phase 2")."""

    FORMALISM = "formalism", _("Formalism (形式主义)")
    BUREAUCRATISM = "bureaucratism", _("Bureaucratism (官僚主义)")
    HEDONISM = "hedonism", _("Hedonism (享乐主义)")
    EXTRAVAGANCE = "extravagance", _("Extravagance (奢靡之风)")
    THEORY = "mirror_theory", _("Mirror: theory and ideals (理论理想)")
    CHARTER = "mirror_charter", _("Mirror: party charter and discipline (党章党纪)")
    PEOPLE = "mirror_people", _("Mirror: the people's voice (民心民声)")
    MODELS = "mirror_models", _("Mirror: forebears and models (先辈先进)")


WINDS = [Category.FORMALISM, Category.BUREAUCRATISM, Category.HEDONISM, Category.EXTRAVAGANCE]

# The four lines along which the causes are analysed: (field name, label). One place.
FIELDS = [
    ("cause_ideals", _("Ideals and convictions (理想信念)")),
    ("cause_purpose", _("Sense of purpose (宗旨意识)")),
    ("cause_spirit", _("Party spirit (党性修养)")),
    ("cause_discipline", _("Discipline (纪律观念)")),
]


def new_key():
    return secrets.token_hex(6)


class Material(models.Model):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.OneToOneField(
        "org.User",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="individual_material",
    )
    intro = models.TextField(_("Study and opinions gathered (学习和征求意见情况)"), blank=True)
    cause_ideals = models.TextField(FIELDS[0][1], blank=True)
    cause_purpose = models.TextField(FIELDS[1][1], blank=True)
    cause_spirit = models.TextField(FIELDS[2][1], blank=True)
    cause_discipline = models.TextField(FIELDS[3][1], blank=True)
    # {wind code: why no problem of that wind was found}
    none_found = models.JSONField(_("why none was found"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("individual self-examination material")
        verbose_name_plural = _("individual self-examination materials")

    def __str__(self):
        return _("Self-examination material of %(name)s") % {"name": self.author.display_name}

    def get_absolute_url(self):
        return reverse("examination:edit", args=[self.pk])


class Problem(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="problems")
    key = models.CharField(max_length=12, default=new_key)  # stable across saves (the diff)
    order = models.PositiveIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("problem"), blank=True)

    class Meta:
        ordering = ["material", "order", "id"]

    def __str__(self):
        return self.description[:40]


class Example(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="examples")
    order = models.PositiveIntegerField(default=0)
    when = models.CharField(_("when"), max_length=40, blank=True)
    what = models.TextField(_("what happened"), blank=True)
    effect = models.TextField(_("effect"), blank=True)

    class Meta:
        ordering = ["problem", "order", "id"]

    def __str__(self):
        return f"{self.when} {self.what[:30]}".strip()


class Measure(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("measure"))
    problems = models.ManyToManyField(Problem, blank=True, related_name="measures")

    class Meta:
        ordering = ["material", "order", "id"]

    def __str__(self):
        return self.text[:40]


class Answer(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="answers")
    opinion = models.ForeignKey(
        "opinions.Opinion", on_delete=models.PROTECT, related_name="material_answers"
    )
    text = models.TextField(_("answer (正面回应)"), blank=True)
    problem = models.ForeignKey(
        Problem, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )

    class Meta:
        ordering = ["material", "opinion_id"]

    def __str__(self):
        return self.text[:40]
