"""A unit's roster: the office and the unit's own secretary keep it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, services
from ..forms import MemberForm


@login_required
def member_create(request, pk):
    unit = access.get_unit_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = services.save_member(actor=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _("Member “%(name)s” added.") % {"name": member.name})
        if "add_another" in request.POST:
            return redirect("org:member_create", pk=unit.pk)
        return redirect(unit)
    return render(request, "org/member_form.html", {"form": form, "unit": unit, "member": None})


@login_required
def member_edit(request, pk):
    member = access.get_member_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        # The form was bound to a copy of the values: the service applies and records them.
        fresh = access.get_member_for_user(request.user, pk, write=True)
        services.save_member(actor=request.user, member=fresh, **form.cleaned_data)
        messages.success(request, _("Member “%(name)s” saved.") % {"name": fresh.name})
        return redirect(fresh.unit)
    return render(
        request, "org/member_form.html", {"form": form, "unit": member.unit, "member": member}
    )


@login_required
@require_POST
def member_delete(request, pk):
    member = access.get_member_for_user(request.user, pk, write=True)
    unit = member.unit
    services.delete_member(actor=request.user, member=member)
    messages.success(
        request, _("Member “%(name)s” removed from the roster.") % {"name": member.name}
    )
    return redirect(unit)
