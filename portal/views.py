"""The shell pages: each role's home page, and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from campaign.examination.views import my_material
from campaign.opinions.access import opinions_for
from campaign.opinions.queries import opinion_counts
from campaign.org import access
from campaign.org.models import Member, Role, SupervisionGroup, UnitKind
from campaign.org.queries import attach_ancestors, kind_wave_matrix, member_flag_totals, with_counts
from campaign.org.teams import seats_of_cadre
from campaign.overview.queue import waiting_for
from campaign.overview.views import unit_context
from campaign.talks.coverage import missing_for
from campaign.talks.models import Talk

from .models import Heartbeat


@login_required
def home(request):
    user = request.user
    if access.sees_everything(user):
        return _county_home(request)
    if user.role in (Role.SECRETARY, Role.CADRE) and user.unit_id:
        unit = access.get_unit_for_user(user, user.unit_id)
        context = {
            **unit_context(user, unit),
            **_waiting(user),
            "my_seats": _seats(user),
            **_talks(user),
            "my_material": my_material(user),
        }
        return render(request, "home/unit.html", context)
    if user.role == Role.SUPERVISOR and user.group_id:
        return _group_home(request)
    if user.role == Role.LEADER:
        return _leader_home(request)
    return render(request, "home/empty.html")


def _seats(user):
    """A cadre's seats on leadership teams, with what they oversee (in the reader's scope)."""
    if user.role != Role.CADRE:
        return []
    seats = list(seats_of_cadre(user))
    for seat in seats:
        seat.shown_oversees = [u for u in seat.oversees.all() if access.unit_in_scope(user, u)]
    return seats


def _talks(user):
    """A cadre's talks and the must-talks still to do for them (missing or incomplete)."""
    if user.role != Role.CADRE:
        return {}
    talks = list(
        Talk.objects.filter(Q(first=user) | Q(second=user))
        .select_related("unit", "first", "second")
        .order_by("-held_on", "-id")
    )
    for talk in talks:
        talk.other = talk.other_party(user)
    return {"my_talks": talks, "my_missing_talks": missing_for(user)}


WAITING_SHOWN = 5


def _waiting(user):
    """Each home page leads with what waits for the reader's review: the oldest few and
    how many in all."""
    waiting = waiting_for(user)
    return {"waiting": list(waiting[:WAITING_SHOWN]), "waiting_count": waiting.count()}


def _county_home(request):
    scope = access.scope_units(request.user)
    flags = member_flag_totals(Member.objects.all())
    groups = SupervisionGroup.objects.annotate(
        unit_count=Count("units", filter=Q(units__kind__in=UnitKind.organisations()))
    ).order_by("number")
    roots = with_counts(scope.filter(depth__lte=1)).order_by("path")
    chart = {
        "labels": [str(g.name) for g in groups],
        "values": [g.unit_count for g in groups],
    }
    return render(
        request,
        "home/county.html",
        {
            "matrix": kind_wave_matrix(scope),
            "flags": flags,
            "groups": groups,
            "roots": roots,
            "without_group": scope.organisations().filter(group__isnull=True).count(),
            "chart": chart,
            "opinions": opinion_counts(opinions_for(request.user, with_hidden=True)),
            **_waiting(request.user),
        },
    )


def _group_home(request):
    group = request.user.group
    units = with_counts(access.scope_units(request.user).organisations()).order_by("path")
    units = attach_ancestors(units.select_related("sector"))
    flags = member_flag_totals(access.scope_members(request.user))
    return render(
        request,
        "home/group.html",
        {
            "group": group,
            "units": units,
            "flags": flags,
            "matrix": kind_wave_matrix(access.scope_units(request.user)),
            **_waiting(request.user),
        },
    )


def _leader_home(request):
    scope = access.scope_units(request.user)
    contacts = with_counts(request.user.contact_units.select_related("group"), scope).order_by(
        "path"
    )
    flags = member_flag_totals(access.scope_members(request.user))
    return render(
        request,
        "home/leader.html",
        {"contacts": attach_ancestors(contacts), "flags": flags, "matrix": kind_wave_matrix(scope)},
    )


@never_cache
def healthz(request):
    """For the load balancer: the database answers; when the worker last beat."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = Heartbeat.objects.filter(pk=1).values_list("beat_at", flat=True).first()
    age = (timezone.now() - beat).total_seconds() if beat else None
    return JsonResponse({"database": "ok", "worker_heartbeat_seconds_ago": age})
