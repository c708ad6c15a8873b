"""A unit's leadership team (领导班子): read by whoever sees the unit, kept by the office and
the unit's own secretary (``access.may_manage_team``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.core.uploads import import_page, xlsx_download

from .. import access, teams
from ..forms import SeatForm, TeamImportForm
from ..queries import attach_ancestors
from ..team_imports import import_team_workbook, team_template_workbook


def _seat_form(unit, data=None, seat=None, initial=None):
    return SeatForm(
        data,
        unit=unit,
        seat=seat,
        cadres=teams.team_cadres(unit).exclude(seats__unit=unit),
        scope=teams.oversee_scope(unit),
        initial=initial,
    )


def _render_team(request, unit, form=None, status=200):
    attach_ancestors([unit])
    can = {"manage": access.may_manage_team(request.user, unit)}
    seats = list(teams.seats_of(unit))
    for seat in seats:
        seat.shown_oversees = [
            u for u in seat.oversees.all() if access.unit_in_scope(request.user, u)
        ]
    if can["manage"] and form is None:
        form = _seat_form(unit, initial={"position": teams.Position.DEPUTY})
    return render(
        request,
        "org/team.html",
        {"unit": unit, "seats": seats, "form": form, "can": can},
        status=status,
    )


@login_required
def team(request, pk):
    unit = access.get_team_unit_for_user(request.user, pk)
    return _render_team(request, unit)


def _seat_values(data):
    return {
        "position": data["position"],
        "title": data["title"],
        "phone": data["phone"],
        "oversees": list(data["oversees"]),
    }


@login_required
@require_POST
def seat_add(request, pk):
    unit = access.get_team_unit_for_user(request.user, pk, write=True)
    form = _seat_form(unit, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        new_cadre = None
        if data["cadre"] is None:
            new_cadre = {"full_name": data["new_full_name"], "username": data["new_username"]}
        try:
            seat = teams.add_seat(
                actor=request.user,
                unit=unit,
                cadre=data["cadre"],
                new_cadre=new_cadre,
                **_seat_values(data),
            )
        except teams.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(name)s added to the team.") % {"name": seat.cadre.display_name}
            )
            return redirect("org:team", pk=unit.pk)
    return _render_team(request, unit, form=form, status=422)


@login_required
def seat_edit(request, pk):
    seat = access.get_seat_for_user(request.user, pk, write=True)
    unit = seat.unit
    initial = {
        "position": seat.position,
        "title": seat.title,
        "phone": seat.phone,
        "oversees": list(seat.oversees.all()),
    }
    form = _seat_form(unit, request.POST or None, seat=seat, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            teams.update_seat(actor=request.user, seat=seat, **_seat_values(form.cleaned_data))
        except teams.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Seat saved."))
            return redirect("org:team", pk=unit.pk)
    status = 422 if form.errors else 200
    return render(
        request, "org/seat_form.html", {"form": form, "seat": seat, "unit": unit}, status=status
    )


@login_required
@require_POST
def seat_remove(request, pk):
    seat = access.get_seat_for_user(request.user, pk, write=True)
    teams.remove_seat(actor=request.user, seat=seat)
    messages.success(request, _("%(name)s taken off the team.") % {"name": seat.cadre.display_name})
    return redirect("org:team", pk=seat.unit_id)


@login_required
@require_POST
def seat_move(request, pk):
    seat = access.get_seat_for_user(request.user, pk, write=True)
    teams.move_seat(actor=request.user, seat=seat, up=request.POST.get("direction") != "down")
    return redirect("org:team", pk=seat.unit_id)


@login_required
def team_import(request):
    access.require_office(request.user)
    return import_page(
        request,
        form_class=TeamImportForm,
        run=lambda file: import_team_workbook(file, actor=request.user),
        template="org/team_import.html",
        done=lambda result: (
            _("Imported %(seats)s team seats (%(cadres)s new cadre accounts).")
            % {"seats": result.seats_created, "cadres": result.cadres_created}
        ),
    )


@login_required
def team_import_template(request):
    access.require_office(request.user)
    return xlsx_download(team_template_workbook(), "领导班子导入模板.xlsx")
