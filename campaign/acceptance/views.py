"""A unit's request for a phase acceptance (reviewed on the review pages)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.org import access as org_access
from campaign.phases.models import Phase
from campaign.review import access as review_access
from campaign.review import services as review_services

from . import services
from .models import PhaseAcceptance


class RequestForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the unit reports"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("How the phase was carried out; the portal adds its own count."),
    )


def _page(request, form, unit, phase, item=None):
    context = {"form": form, "unit": unit, "phase": phase, "item": item}
    return render(request, "acceptance/request_form.html", context)


@login_required
def start(request, unit_pk, phase_pk):
    unit = org_access.get_unit_for_user(request.user, unit_pk)
    if not review_access.may_start(request.user, unit):
        raise Http404
    phase = get_object_or_404(Phase, pk=phase_pk)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.request_acceptance(
                actor=request.user, unit=unit, phase=phase, note=form.cleaned_data["note"]
            )
        except review_services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved. Check it, then send it for review."))
            return redirect(item)
    return _page(request, form, unit, phase)


@login_required
def edit(request, pk):
    record = get_object_or_404(PhaseAcceptance.objects.select_related("phase"), pk=pk)
    item = review_services.item_for(record)
    if item is None:
        raise Http404
    item = review_access.get_item_to_edit(request.user, item.pk)
    form = RequestForm(request.POST or None, initial={"note": record.note})
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_request(actor=request.user, item=item, note=form.cleaned_data["note"])
        except review_services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Version %(n)s saved.") % {"n": item.version})
            return redirect(item)
    return _page(request, form, item.unit, record.phase, item)
