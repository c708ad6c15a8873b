"""Browsing the unit tree within one's scope, and the office's unit maintenance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.core.paging import paginate
from campaign.core.params import is_id

from .. import access, services
from ..filters import UnitFilterSet
from ..forms import UnitForm
from ..models import DEFAULT_WAVE, Unit, UnitKind
from ..queries import attach_ancestors, with_counts

PAGE_SIZE = 50


def _filtered_units(user, data):
    scope = access.scope_units(user)
    filters = UnitFilterSet(
        data or None, queryset=scope.organisations(), towns=scope.filter(kind=UnitKind.TOWN)
    )
    return filters.form, filters.qs


@login_required
def unit_list(request):
    form, units = _filtered_units(request.user, request.GET)
    units = with_counts(units.select_related("group"), access.scope_units(request.user))
    page, query = paginate(request, units.order_by("path"), PAGE_SIZE)
    page.object_list = attach_ancestors(page.object_list)
    return render(
        request,
        "org/unit_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_edit": access.is_office(request.user),
        },
    )


@login_required
def unit_tree(request):
    scope = access.scope_units(request.user)
    tops = (
        scope.exclude(parent__in=scope)
        if not access.sees_everything(request.user)
        else scope.filter(parent=None)
    )
    tops = with_counts(tops.select_related("group"), scope).order_by("path")
    return render(request, "org/unit_tree.html", {"nodes": tops})


@login_required
def unit_children(request, pk):
    unit = access.get_unit_for_user(request.user, pk)
    scope = access.scope_units(request.user)
    children = with_counts(scope.filter(parent=unit).select_related("group"), scope).order_by(
        "path"
    )
    return render(request, "org/_tree_nodes.html", {"nodes": children})


def _unit_values(data):
    return {k: data[k] for k in services.UNIT_FIELDS if k in data}


@login_required
def unit_create(request):
    access.require_office(request.user)
    parent = None
    if is_id(request.GET.get("parent", "")):  # anything else is no parent
        parent = get_object_or_404(Unit, pk=request.GET["parent"])
    initial = {
        "parent": parent,
        "kind": UnitKind.DEPARTMENT,
        "wave": DEFAULT_WAVE[UnitKind.DEPARTMENT],
    }
    if parent is not None:
        initial.update(group=parent.group, sector=parent.sector)
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(actor=request.user, **_unit_values(form.cleaned_data))
        except services.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
            return redirect(unit)
    return render(request, "org/unit_form.html", {"form": form, "unit": None})


@login_required
def unit_edit(request, pk):
    access.require_office(request.user)
    unit = access.get_unit_for_user(request.user, pk)
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, initial=initial, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(actor=request.user, unit=unit, **_unit_values(form.cleaned_data))
        except services.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Unit “%(name)s” saved.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("overview:unit", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_delete(request, pk):
    access.require_office(request.user)
    unit = access.get_unit_for_user(request.user, pk)
    parent = unit.parent
    try:
        services.delete_unit(actor=request.user, unit=unit)
    except services.OrgError as error:
        messages.error(request, str(error))
        return redirect(unit)
    messages.success(request, _("Unit “%(name)s” deleted.") % {"name": unit.name})
    return redirect(parent) if parent else redirect("org:unit_list")
