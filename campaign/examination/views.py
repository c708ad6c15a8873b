"""The cadre's editor of their individual material (reviewers read it on the review pages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.review import access as review_access
from campaign.review import services as review
from campaign.review.models import State
from campaign.review.services import ReviewError

from . import access, forms, services
from .models import FIELDS, WINDS, Category


@login_required
@require_POST
def start(request):
    if not access.may_start_material(request.user):
        raise Http404
    try:
        item = services.start_material(actor=request.user)
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("home")
    return redirect("examination:edit", item.record_id)


def _words(text):
    return sum(1 for c in text or "" if not c.isspace())


def _view_data(data, opinions, found):
    """The structure with what the template needs beside it: numbers, word counts, the
    checks at their places."""
    places = {}
    for place, message in found:
        places.setdefault(place, []).append(message)
    count = len(data["problems"])
    problems = []
    for i, p in enumerate(data["problems"]):
        problems.append(
            {
                **p,
                "index": i,
                "checks": places.get(f"problem-{i}", []),
                "words": _words(p["description"])
                + sum(_words(e["when"] + e["what"] + e["effect"]) for e in p["examples"]),
                "last": i == count - 1,
            }
        )
    measures = [
        {**m, "index": i, "checks": places.get(f"measure-{i}", [])}
        for i, m in enumerate(data["measures"])
    ]
    answers = [
        {
            "opinion": o,
            **(data["answers"].get(o.pk) or {"text": "", "problem": None}),
            "checks": places.get(f"answer-{o.pk}", []),
        }
        for o in opinions
    ]
    causes = [
        {"name": name, "label": label, "text": data["causes"].get(name, "")}
        for name, label in FIELDS
    ]
    winds = [
        {"code": str(w), "label": Category(w).label, "text": data["none_found"].get(str(w), "")}
        for w in WINDS
    ]
    return {
        "data": data,
        "problems": problems,
        "measures": measures,
        "answers": answers,
        "causes": causes,
        "winds": winds,
        "categories": Category.choices,
        "places": places,
        "words": {
            "intro": _words(data["intro"]),
            "problems": sum(p["words"] for p in problems),
            "causes": sum(_words(c["text"]) for c in causes),
            "measures": sum(_words(m["text"]) for m in data["measures"]),
            "answers": sum(_words(a["text"]) for a in answers),
        },
    }


def _can(user, item):
    return {
        "save": review_access.may_revise(user, item),
        "submit": review_access.may_submit(user, item),
    }


@login_required
def edit(request, pk):
    material = access.get_material_to_write(request.user, pk)
    item = review.item_for(material)
    opinions = list(services.opinions_naming(material.author))
    can = _can(request.user, item)
    if request.method == "POST" and not can["save"]:
        messages.error(
            request, _("The item is being reviewed; it can be revised once it is sent back.")
        )
        return redirect(item)
    errors = []
    if request.method == "POST":
        data = forms.parse(request.POST, opinions)
        if not forms.apply_action(request.POST, data):
            try:
                item = services.save_material(actor=request.user, material=material, data=data)
                if "submit" in request.POST:
                    review.submit_item(actor=request.user, item=item)
                    messages.success(request, _("Sent for review."))
                    return redirect(item)
                messages.success(request, _("Draft saved."))
                return redirect("examination:edit", material.pk)
            except ReviewError as error:
                errors.append(str(error))
                item.refresh_from_db()
                can = _can(request.user, item)
    else:
        data = services.data_of(material)
    found = services.checks(data, opinions)
    context = {
        "material": material,
        "item": item,
        "can": can,
        "errors": errors,
        "found": found,
        **_view_data(data, opinions, found),
    }
    status = 422 if errors else 200
    return render(request, "examination/edit.html", context, status=status)


@login_required
@require_POST
def autosave(request, pk):
    """The editor's autosave: the same service as 保存草稿; answers a short status line."""
    material = access.get_material_to_write(request.user, pk)
    opinions = list(services.opinions_naming(material.author))
    data = forms.parse(request.POST, opinions)
    try:
        services.save_material(actor=request.user, material=material, data=data)
    except ReviewError as error:
        return HttpResponse(f'<span class="text-danger">{escape(str(error))}</span>')
    at = timezone.localtime().strftime("%H:%M")
    return HttpResponse(escape(_("Saved automatically at %(time)s") % {"time": at}))


def my_material(user):
    """For the cadre's home page: their material and its review item, or None."""
    if not access.may_start_material(user):
        return None
    material = services.Material.objects.filter(author=user).first()
    item = review.item_for(material) if material else None
    return {"material": material, "item": item, "in_review": item and item.state == State.IN_REVIEW}
