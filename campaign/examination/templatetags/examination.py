"""The opinion ↔ problem link seen from the opinion's page: the materials that answer it
(read-only), for a reader who may read the material. Loaded by opinions/detail.html, so
the opinions app needs nothing of this one."""

from django import template

from ..access import may_read_material
from ..models import Answer

register = template.Library()


@register.inclusion_tag("examination/_opinion_answers.html")
def material_answers(opinion, user):
    from campaign.review.services import item_for

    answers = [
        a
        for a in Answer.objects.filter(opinion=opinion)
        .select_related("material__unit", "material__author", "problem")
        .order_by("id")
        if may_read_material(user, a.material)
    ]
    for a in answers:
        a.item = item_for(a.material)
        a.problem_number = (
            list(a.material.problems.values_list("pk", flat=True)).index(a.problem_id) + 1
            if a.problem_id
            else None
        )
    return {"answers": answers}
