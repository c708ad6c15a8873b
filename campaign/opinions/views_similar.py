"""Likely duplicates while an opinion is written (included in the ``opinions`` namespace).

The entry form's content field posts its text here as it is typed (htmx, ``attach``);
the answer is the partial ``opinions/_similar.html``, shown under the field. The
suggestions come from the opinions the user may see (access.opinions_for), so the unit
and the opinion to leave out that the form sends can reveal nothing else."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaign.core.params import IdField

from . import access
from .similar import MIN_CHARS, normalise, similar_to

MAX_CONTENT = 3000  # the longest opinion the forms take
DELAY = "600ms"  # after the last key typed


class SimilarForm(forms.Form):
    content = forms.CharField(required=False, strip=True)
    unit = IdField()
    exclude = IdField()


@login_required
@require_POST
def similar(request):
    user = request.user
    if not access.may_check_similar(user):
        if access.may_list(user):
            raise PermissionDenied  # reads opinions, enters and answers none
        raise Http404
    form = SimilarForm(request.POST)
    found, checked = [], False
    if form.is_valid():  # a control character in the text: nothing to suggest
        data = form.cleaned_data
        content = data["content"][:MAX_CONTENT]
        checked = len(normalise(content)) >= MIN_CHARS
        found = similar_to(
            content,
            among=access.opinions_for(user),
            unit=data["unit"] or user.unit_id,
            exclude=data["exclude"],
        )
    return render(request, "opinions/_similar.html", {"similar": found, "checked": checked})


def attach(form, target="#similar-box"):
    """Make ``form``'s content field ask for likely duplicates as it is typed (and at once
    when the form comes back with what was written)."""
    trigger = f"input changed delay:{DELAY}"
    if form.is_bound and form.data.get("content"):
        trigger += ", load"
    form.fields["content"].widget.attrs.update(
        {
            "hx-post": reverse("opinions:similar"),
            "hx-trigger": trigger,
            "hx-target": target,
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
            "hx-include": "[name=unit]",
        }
    )
    return form
