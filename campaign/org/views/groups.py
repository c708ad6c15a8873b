"""Supervision groups: the office forms them and assigns units; a group's members see
their own group."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, services
from ..forms import AssignUnitsForm, GroupForm
from ..models import Role, SupervisionGroup, UnitKind
from ..queries import attach_ancestors, with_counts


def _group_for_user(user, pk):
    group = SupervisionGroup.objects.filter(pk=pk).first()
    if group is None:
        raise Http404
    if access.sees_everything(user) or (user.role == Role.SUPERVISOR and user.group_id == group.pk):
        return group
    raise Http404


@login_required
def group_list(request):
    access.require_office(request.user, write=False)
    groups = SupervisionGroup.objects.annotate(
        unit_count=Count(
            "units", filter=Q(units__kind__in=UnitKind.organisations()), distinct=True
        ),
        account_count=Count("accounts", distinct=True),
    )
    return render(request, "org/group_list.html", {"groups": groups})


@login_required
def group_detail(request, pk):
    group = _group_for_user(request.user, pk)
    units = with_counts(group.units.organisations().select_related("sector")).order_by("path")
    return render(
        request,
        "org/group_detail.html",
        {
            "group": group,
            "units": attach_ancestors(units),
            "accounts": group.accounts.order_by("username"),
            "can_edit": access.is_office(request.user),
        },
    )


@login_required
def group_form(request, pk=None):
    access.require_office(request.user)
    group = SupervisionGroup.objects.filter(pk=pk).first() if pk else None
    if pk and group is None:
        raise Http404
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        fresh = SupervisionGroup.objects.get(pk=pk) if pk else None
        saved = services.save_group(actor=request.user, group=fresh, **form.cleaned_data)
        messages.success(request, _("Supervision group “%(name)s” saved.") % {"name": saved.name})
        return redirect(saved)
    return render(request, "org/group_form.html", {"form": form, "group": group})


@login_required
def group_assign(request, pk):
    access.require_office(request.user)
    group = _group_for_user(request.user, pk)
    form = AssignUnitsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.assign_group(
            actor=request.user,
            group=group,
            units=form.cleaned_data["units"],
            include_subunits=form.cleaned_data["include_subunits"],
        )
        messages.success(
            request, _("%(count)s units assigned to %(group)s.") % {"count": count, "group": group}
        )
        return redirect(group)
    return render(request, "org/group_assign.html", {"form": form, "group": group})
