"""Pages that read across apps: a unit's page, campaign set-up (office), the progress
matrix (office and higher supervision), the supervision workspace (a group's members)
and the review queue (everyone who reviews)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaign.acceptance.services import KIND as ACCEPTANCE
from campaign.core.paging import paginate
from campaign.core.params import is_id
from campaign.history.services import history_for
from campaign.org import access as org_access
from campaign.org.models import Role, SupervisionGroup, Unit
from campaign.org.queries import attach_ancestors, member_flag_totals, with_counts
from campaign.phases import services
from campaign.phases.forms import CampaignForm, RequirementForm, WavePlanForm
from campaign.phases.models import Campaign, Requirement
from campaign.review import access as review_access
from campaign.review import kinds
from campaign.review import services as review_services
from campaign.review.forms import ChainForm
from campaign.review.models import Level, ReviewItem, State
from campaign.study.queries import unit_study_summary

from .forms import QueueFilterForm, WorkspaceFilterForm
from .progress import league_tables, load_plan, matrix, phase_states, short_plans, unit_checklist
from .queue import filter_queue, queue_items


@login_required
def unit_detail(request, pk):
    unit = org_access.get_unit_for_user(request.user, pk)
    return render(request, "overview/unit_detail.html", unit_context(request.user, unit))


def unit_context(user, unit):
    """What a unit page shows; also the secretary's, head's and cadre's home page."""
    scope = org_access.scope_units(user)
    attach_ancestors([unit])
    children = with_counts(scope.filter(parent=unit).select_related("group", "secretary"), scope)
    members = unit.members.order_by("id")
    plan = load_plan()
    return {
        "plan": plan,
        "checklist": unit_checklist(plan, unit),
        "can": {"start": review_access.may_start(user, unit)},
        "activities": unit.supervision.select_related("recorded_by")[:10],
        "may_record_activity": org_access.in_units_group(user, unit),
        "unit": unit,
        "children": children.order_by("path"),
        "members": members,
        "flags": member_flag_totals(members),
        "can_manage_members": org_access.can_manage_members(user, unit),
        "can_edit": org_access.can_edit_unit(user, unit),
        "leaders": unit.contact_leaders.order_by("username")
        if org_access.sees_everything(user)
        else [],
        "history": history_for(unit)[:20] if org_access.sees_everything(user) else [],
        # Study card (campaign.study): days, coverage and latest check, one query.
        "study": unit_study_summary(unit),
    }


def _campaign_or_404():
    campaign = Campaign.objects.order_by("id").first()
    if campaign is None:
        raise Http404
    return campaign


def requirement_kind_choices():
    return [(k.code, k.label) for k in kinds.all_kinds() if k.code != ACCEPTANCE]


@login_required
def campaign_settings(request):
    org_access.require_office(request.user, write=request.method == "POST")
    campaign = Campaign.objects.order_by("id").first()
    if campaign is None:
        return _campaign_setup(request)
    plan = load_plan()
    form = CampaignForm(
        request.POST if "save_campaign" in request.POST else None,
        initial={f: getattr(campaign, f) for f in ("name", "starts_on", "ends_on", "frozen_on")},
    )
    plans_form = WavePlanForm(
        request.POST if "save_plans" in request.POST else None, phases=plan.phases, plans=plan.plans
    )
    if "save_campaign" in request.POST and form.is_valid():
        return _saved(request, services.update_campaign, campaign=campaign, **form.cleaned_data)
    if "save_plans" in request.POST and plans_form.is_valid():
        return _saved(
            request, services.save_wave_plans, campaign=campaign, plans=plans_form.plans()
        )
    chain_form = ChainForm(request.POST if "save_chain" in request.POST else None)
    if "save_chain" in request.POST and chain_form.is_valid():
        return _save_chain(request, chain_form.cleaned_data)
    labels = dict(requirement_kind_choices())
    for requirement in plan.requirements:
        requirement.kind_label = labels.get(requirement.item_kind, requirement.item_kind)
    context = {
        "campaign": campaign,
        "form": form,
        "plans_form": plans_form,
        "chain_form": chain_form,
        "short": short_plans(plan),
        "requirements": plan.requirements,
        "can_edit": org_access.is_office(request.user),
    }
    return render(request, "overview/campaign.html", context)


def _saved(request, service, **kwargs):
    try:
        service(actor=request.user, **kwargs)
    except services.PhaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("overview:campaign")


def _save_chain(request, data):
    try:
        for kind, levels in data.items():
            review_services.set_chain_levels(actor=request.user, kind=kind, levels=levels)
    except review_services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("overview:campaign")


def _campaign_setup(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.setup_campaign(
                actor=request.user,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except services.PhaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The campaign is set up: now plan each wave's phases."))
            return redirect("overview:campaign")
    return render(request, "overview/campaign_setup.html", {"form": form})


@login_required
def requirement_form(request, pk=None):
    org_access.require_office(request.user)
    campaign = _campaign_or_404()
    requirement = get_object_or_404(Requirement, pk=pk) if pk else None
    form = RequirementForm(
        request.POST or None,
        instance=requirement,
        campaign=campaign,
        kind_choices=requirement_kind_choices(),
    )
    if request.method == "POST" and form.is_valid():
        fresh = Requirement.objects.get(pk=pk) if pk else None
        try:
            services.save_requirement(actor=request.user, requirement=fresh, **form.cleaned_data)
        except services.PhaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Requirement saved."))
            return redirect("overview:campaign")
    return render(
        request, "overview/requirement_form.html", {"form": form, "requirement": requirement}
    )


@login_required
def progress(request, pk=None):
    org_access.require_office(request.user, write=False)
    plan = load_plan()
    if plan is None:
        raise Http404
    node = (
        get_object_or_404(Unit, pk=pk)
        if pk
        else Unit.objects.filter(parent=None).order_by("path").first()
    )
    if node is None:
        raise Http404
    attach_ancestors([node])
    for phase in plan.phases:
        phase.columns = len(plan.requirements_of(phase)) + 1
    context = {
        "plan": plan,
        "node": node,
        "rows": matrix(plan, node),
        "leagues": league_tables(plan),
    }
    return render(request, "overview/progress.html", context)


def _workspace_group(request):
    user = request.user
    if user.role == Role.SUPERVISOR and user.group_id:
        return user.group
    if org_access.sees_everything(user):
        number = request.GET.get("group") or "1"
        if not is_id(number):
            raise Http404
        return get_object_or_404(SupervisionGroup, number=int(number))
    raise Http404


@login_required
def supervision(request):
    group = _workspace_group(request)
    plan = load_plan()
    if plan is None:
        raise Http404
    items = ReviewItem.objects.filter(unit__group=group)
    counts = items.aggregate(
        waiting=Count("pk", filter=Q(state=State.IN_REVIEW, level=Level.GROUP)),
        sent_back=Count("pk", filter=Q(state=State.SENT_BACK)),
        passed=Count("pk", filter=Q(state=State.PASSED)),
    )
    form = WorkspaceFilterForm(request.GET or None)
    queue = filter_queue(
        items.filter(state=State.IN_REVIEW, level=Level.GROUP).select_related(
            "unit", "submitted_by"
        ),
        form,
        plan,
    ).order_by("state_changed_at", "id")
    units = list(group.units.organisations().order_by("path"))
    states = phase_states(plan, units)
    for unit in units:
        unit.phase_rag = states.get(unit.pk, [])
    context = {
        "group": group,
        "plan": plan,
        "counts": counts,
        "form": form,
        "queue": queue[:100],
        "queue_total": queue.count(),
        "units": units,
        "activities": group.activities.select_related("unit", "recorded_by")[:20],
        "groups": SupervisionGroup.objects.order_by("number")
        if org_access.sees_everything(request.user)
        else [],
    }
    return render(request, "overview/supervision.html", context)


@login_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    plan = load_plan()
    items = filter_queue(queue_items(request.user, form), form, plan)
    page, query = paginate(request, items.order_by("state_changed_at", "id"))
    return render(
        request,
        "overview/queue.html",
        {"form": form, "page": page, "query": query, "plan": plan},
    )
