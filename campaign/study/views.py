"""Pages of the study app: a unit's study page, its activities (kept by the unit's
secretary), learning checks (by its supervision group) and the follow-up list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.core.params import is_id
from campaign.org.queries import attach_ancestors
from campaign.phases import clock

from . import access, queries, services
from .forms import ActivityForm, AttendeeSearchForm, CheckForm
from .models import ActivityKind, Attendance

PAGE_SIZE = 50


@login_required
def unit_study(request, pk):
    unit = access.get_study_unit(request.user, pk)
    attach_ancestors([unit])
    activities = Paginator(queries.unit_activities(unit), PAGE_SIZE)
    not_reached = list(queries.not_reached_members(unit))
    context = {
        "unit": unit,
        "summary": queries.unit_study_summary(unit),
        "page": activities.get_page(request.GET.get("page")),
        "not_reached": not_reached,
        "flagged_not_reached": sum(1 for m in not_reached if m.flagged),
        "checks": queries.unit_checks(unit)[:20],
        "may_record_activity": services.may_record_activity(request.user, unit),
        "may_record_check": services.may_record_check(request.user, unit),
    }
    return render(request, "study/unit.html", context)


def _form_page(request, form, unit, activity=None):
    options, more = queries.attendee_options(unit, selected=form.selected_ids())
    context = {
        "form": form,
        "unit": unit,
        "activity": activity,
        "options": options,
        "more": more,
        "limit": queries.ATTENDEE_LIMIT,
    }
    return render(request, "study/activity_form.html", context)


def _save(request, form, service, **kwargs):
    """Run the service on a valid form; False (with the refusal on the form) if refused."""
    try:
        service(actor=request.user, **kwargs, **form.cleaned_data)
    except services.StudyError as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
def activity_create(request, unit_pk):
    unit = access.get_unit_to_record_activity(request.user, unit_pk)
    kind = request.GET.get("kind")
    initial = {
        "held_on": clock.today(),
        "kind": kind if kind in ActivityKind.values else ActivityKind.CONCENTRATED,
    }
    form = ActivityForm(request.POST or None, unit=unit, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, services.create_activity, unit=unit)
    ):
        messages.success(request, _("Study activity recorded."))
        return redirect("study:unit", pk=unit.pk)
    return _form_page(request, form, unit)


@login_required
def activity_edit(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    initial = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
    initial["attendees"] = list(
        Attendance.objects.filter(activity=activity).values_list("member_id", flat=True)
    )
    form = ActivityForm(request.POST or None, unit=activity.unit, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, services.update_activity, activity=activity)
    ):
        messages.success(request, _("Study activity saved."))
        return redirect("study:unit", pk=activity.unit_id)
    return _form_page(request, form, activity.unit, activity)


@login_required
@require_POST
def activity_delete(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    try:
        services.delete_activity(actor=request.user, activity=activity)
    except services.StudyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Study activity deleted."))
    return redirect("study:unit", pk=activity.unit_id)


@login_required
def attendee_options(request, unit_pk):
    """The picker's list of members for a name search (htmx), keeping those ticked."""
    unit = access.get_unit_to_record_activity(request.user, unit_pk)
    selected = [v for v in request.GET.getlist("attendees") if is_id(v)]
    search = AttendeeSearchForm(request.GET)
    q, pending = search.search()
    options, more = queries.attendee_options(unit, selected=selected, q=q, pending=pending)
    context = {
        "options": options,
        "more": more,
        "limit": queries.ATTENDEE_LIMIT,
        "search_errors": search.errors,
    }
    return render(request, "study/_attendee_options.html", context)


@login_required
def check_create(request, unit_pk):
    unit = access.get_unit_to_check(request.user, unit_pk)
    form = CheckForm(request.POST or None, initial={"checked_on": clock.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, services.record_check, unit=unit)
    ):
        messages.success(request, _("Learning check recorded."))
        return redirect("study:unit", pk=unit.pk)
    return render(request, "study/check_form.html", {"form": form, "unit": unit})


@login_required
def follow_up(request):
    """Units whose latest learning check was poor: the office and higher supervision
    see every unit, a supervision member their group's."""
    scope = access.follow_up_scope(request.user)
    page = Paginator(queries.follow_up_checks(scope), PAGE_SIZE).get_page(request.GET.get("page"))
    attach_ancestors([check.unit for check in page.object_list])
    return render(request, "study/follow_up.html", {"page": page})
