"""A supervision group member records what the group did at one of its units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaign.org import access as org_access

from . import clock, services
from .forms import ActivityForm


@login_required
def activity_create(request, unit_pk):
    unit = org_access.get_unit_for_user(request.user, unit_pk)
    user = request.user
    if not org_access.in_units_group(user, unit):
        raise Http404
    form = ActivityForm(request.POST or None, initial={"happened_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_activity(actor=user, unit=unit, **form.cleaned_data)
        except services.PhaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Supervision activity recorded."))
            return redirect(unit)
    return render(request, "phases/activity_form.html", {"form": form, "unit": unit})
