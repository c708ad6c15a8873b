"""The review kind "individual_material": what the engine asks of a material."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.review import kinds

from . import access, services
from .models import FIELDS, Category


def snapshot(material):
    problems = list(material.problems.prefetch_related("examples"))
    numbers = {p.pk: i + 1 for i, p in enumerate(problems)}
    problem_rows = []
    for p in problems:
        examples = "\n".join(
            "；".join(x for x in (e.when, e.what, e.effect) if x) for e in p.examples.all()
        )
        label = Category(p.category).label if p.category in Category.values else ""
        problem_rows.append((p.key, [label, p.description, examples]))
    measure_rows = []
    for i, m in enumerate(material.measures.prefetch_related("problems")):
        answered = "、".join(str(numbers[p.pk]) for p in m.problems.all())
        measure_rows.append((str(i + 1), [m.text, answered]))
    answer_rows = [
        (
            a.opinion.receipt_code,
            [a.opinion.receipt_code, a.text, numbers.get(a.problem_id, "")],
        )
        for a in material.answers.select_related("opinion")
    ]
    winds = [
        (_("None found: %(wind)s") % {"wind": Category(w).label}, text)
        for w, text in (material.none_found or {}).items()
        if text and w in Category.values
    ]
    return kinds.Snapshot(
        str(material),
        fields=[(_("Study and opinions gathered (学习和征求意见情况)"), material.intro)]
        + winds
        + [(label, getattr(material, name)) for name, label in FIELDS],
        tables=[
            kinds.Table(_("Problems"), [_("Category"), _("Problem"), _("Examples")], problem_rows),
            kinds.Table(_("Measures"), [_("Measure"), _("Problems answered")], measure_rows),
            kinds.Table(
                _("Answers to opinions"),
                [_("Receipt code"), _("Answer"), _("Linked problem")],
                answer_rows,
            ),
        ],
    )


def register_kind():
    kinds.register(
        kinds.ReviewKind(
            code=services.KIND,
            label=_("Individual self-examination material"),
            model="examination.Material",
            levels=(kinds.HEAD, kinds.GROUP, kinds.OFFICE),
            snapshot=snapshot,
            unmet=services.unmet,
            may_edit=access.may_write_material,
            template="examination/_review.html",
            edit_url=lambda material: reverse("examination:edit", args=[material.pk]),
            order=31,
        )
    )
