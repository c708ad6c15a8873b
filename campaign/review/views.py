"""Pages of the review chain: an item with its versions and history, and each step."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.history.services import history_for
from campaign.org import access as org_access
from campaign.org.models import Role
from campaign.phases.checks import unmet
from campaign.phases.models import ItemKind, Phase, Requirement
from campaign.phases.progress import load_plan
from portal.paging import paginate

from . import access, services
from .diff import side_by_side
from .forms import AcceptanceCheckForm, ItemForm, PassForm, QueueFilterForm, SendBackForm
from .models import Level, State


@login_required
def item_detail(request, pk):
    item = access.get_item_for_user(request.user, pk)
    return render(request, "review/item_detail.html", _detail_context(request.user, item))


def _detail_context(user, item, **forms):
    versions = list(item.versions.select_related("created_by").order_by("-number"))
    may_review = services.may_review(user, item)
    checks_at_group = item.kind == ItemKind.ACCEPTANCE and item.level == Level.GROUP
    context = {
        "item": item,
        "current": versions[0] if versions else None,
        "versions": versions,
        "history": history_for(item),
        "may_edit": services.may_edit(user, item) and item.state != State.IN_REVIEW,
        "may_submit": services.may_edit(user, item)
        and item.state in (State.DRAFT, State.SENT_BACK),
        "may_review": may_review,
        "checks_at_group": checks_at_group,
        "pass_form": forms.get("pass_form") or PassForm(prefix="pass"),
        "send_back_form": forms.get("send_back_form") or SendBackForm(prefix="back"),
        "check_form": forms.get("check_form") or AcceptanceCheckForm(prefix="check"),
        "levels_display": [(lv, Level(lv).label) for lv in item.levels],
        "unmet": unmet(item.requirement, item.unit) if item.requirement_id else None,
    }
    return context


def _unit_to_submit_for(user, unit_pk):
    unit = org_access.get_unit_for_user(user, unit_pk)
    if user.unit_id != unit.pk or user.role not in (Role.SECRETARY, Role.CADRE):
        raise Http404
    return unit


@login_required
def item_create(request, unit_pk, requirement_pk):
    unit = _unit_to_submit_for(request.user, unit_pk)
    requirement = get_object_or_404(Requirement.objects.select_related("phase"), pk=requirement_pk)
    initial = {"title": f"{unit.name}{requirement.name}"}
    return _create(
        request, unit, ItemForm(request.POST or None, initial=initial), requirement=requirement
    )


@login_required
def acceptance_create(request, unit_pk, phase_pk):
    unit = _unit_to_submit_for(request.user, unit_pk)
    phase = get_object_or_404(Phase, pk=phase_pk)
    initial = {
        "title": _("%(unit)s: acceptance of the phase “%(phase)s”")
        % {"unit": unit.name, "phase": phase.name}
    }
    form = ItemForm(request.POST or None, initial=initial)
    return _create(request, unit, form, kind=ItemKind.ACCEPTANCE, phase=phase)


def _create(request, unit, form, **what):
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(actor=request.user, unit=unit, **form.cleaned_data, **what)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved. Check it, then send it for review."))
            return redirect(item)
    return render(
        request, "review/item_form.html", {"form": form, "unit": unit, "item": None, **what}
    )


@login_required
def item_revise(request, pk):
    item = access.get_item_to_edit(request.user, pk)
    if item.state == State.IN_REVIEW:
        messages.error(
            request, _("The item is being reviewed; it can be revised once it is sent back.")
        )
        return redirect(item)
    current = item.versions.get(number=item.version)
    form = ItemForm(request.POST or None, initial={"title": current.title, "body": current.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_item(actor=request.user, item=item, **form.cleaned_data)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Version %(n)s saved.") % {"n": item.version})
            return redirect(item)
    return render(request, "review/item_form.html", {"form": form, "unit": item.unit, "item": item})


def _moved_on(request, item):
    """The reviewer's page showed the item at another level (or before it was handled):
    someone else acted first. Tell them, and change nothing."""
    seen = request.POST.get("seen_level")
    if seen is not None and (item.state != State.IN_REVIEW or item.level != seen):
        messages.error(request, str(services.already_handled()))
        return True
    return False


def _step(request, item, step, **kwargs):
    try:
        step(actor=request.user, item=item, **kwargs)
    except services.ReviewError as error:
        messages.error(request, str(error))
        return False
    return True


@login_required
@require_POST
def item_submit(request, pk):
    item = access.get_item_to_edit(request.user, pk)
    if _step(request, item, services.submit_item):
        messages.success(request, _("Sent for review."))
    return redirect(item)


@login_required
@require_POST
def item_pass(request, pk):
    item = access.get_item_to_review(request.user, pk)
    if _moved_on(request, item):
        return redirect(item)
    form = PassForm(request.POST, prefix="pass")
    form.is_valid()
    if _step(request, item, services.pass_item, comment=form.cleaned_data.get("comment", "")):
        text = _("Signed off.") if item.state == State.PASSED else _("Passed on to the next level.")
        messages.success(request, text)
    return redirect(item)


@login_required
@require_POST
def item_send_back(request, pk):
    item = access.get_item_to_review(request.user, pk)
    if _moved_on(request, item):
        return redirect(item)
    form = SendBackForm(request.POST, prefix="back")
    if not form.is_valid():
        context = _detail_context(request.user, item, send_back_form=form)
        return render(request, "review/item_detail.html", context, status=422)
    if _step(request, item, services.send_back_item, **form.cleaned_data):
        messages.success(request, _("Sent back to the unit with your reasons."))
    return redirect(item)


@login_required
@require_POST
def item_check(request, pk):
    item = access.get_item_to_review(request.user, pk)
    if _moved_on(request, item):
        return redirect(item)
    form = AcceptanceCheckForm(request.POST, prefix="check")
    if not form.is_valid():
        context = _detail_context(request.user, item, check_form=form)
        return render(request, "review/item_detail.html", context, status=422)
    ok = _step(
        request,
        item,
        services.check_acceptance,
        checks=form.checks(),
        comment=form.cleaned_data["comment"],
    )
    if ok and item.state == State.SENT_BACK:
        messages.warning(request, _("Not every check holds: sent back to the unit."))
    elif ok:
        messages.success(request, _("All four checks hold: passed on to the campaign office."))
    return redirect(item)


@login_required
def item_diff(request, pk):
    item = access.get_item_for_user(request.user, pk)
    versions = {v.number: v for v in item.versions.all()}
    try:
        old = versions[int(request.GET.get("a", item.version - 1))]
        new = versions[int(request.GET.get("b", item.version))]
    except (KeyError, ValueError):
        raise Http404 from None
    label = _("Version %(n)s")
    table = side_by_side(old.body, new.body, label % {"n": old.number}, label % {"n": new.number})
    context = {"item": item, "old": old, "new": new, "table": table, "numbers": sorted(versions)}
    return render(request, "review/item_diff.html", context)


def queue_items(user):
    """What waits for ``user`` to review, at whichever levels they review."""
    waiting = Q(pk__in=[])
    if user.role == Role.SUPERVISOR and user.group_id:
        waiting |= Q(level=Level.GROUP, unit__group_id=user.group_id)
    if user.is_office:
        waiting |= Q(level=Level.OFFICE)
    waiting |= Q(level=Level.HEAD, unit__head=user)
    return (
        access.items_in_scope(user)
        .filter(waiting, state=State.IN_REVIEW)
        .exclude(submitted_by=user)
        .select_related("unit", "requirement", "submitted_by")
    )


def filter_queue(items, form, plan):
    if not form.is_valid():
        return items
    data = form.cleaned_data
    if data["q"]:
        items = items.filter(unit__name__icontains=data["q"])
    if data["kind"]:
        items = items.filter(kind=data["kind"])
    if data["waiting"]:
        items = items.filter(
            state_changed_at__lt=timezone.now() - datetime.timedelta(days=data["waiting"])
        )
    if data["overdue"] and plan is not None:
        late = Q(pk__in=[])
        for requirement in plan.requirements:
            for wave in plan.overdue_waves(requirement):
                late |= Q(requirement=requirement, unit__wave=wave)
        items = items.filter(late)
    return items


@login_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    plan = load_plan()
    items = filter_queue(queue_items(request.user), form, plan).order_by("state_changed_at", "id")
    page, query = paginate(request, items)
    return render(
        request,
        "review/queue.html",
        {"form": form, "page": page, "query": query, "plan": plan},
    )
