"""Pages of the review chain: an item with its record, versions and history, the
comparison of two versions, and each review step. A record is written and revised on its
own app's pages; the kind says where (``edit_url``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.core.params import is_id
from campaign.history.services import history_for

from . import access, services
from .diff import compare
from .forms import CheckForm, ExceptionForm, PassForm, SendBackForm
from .models import Level, State


@login_required
def item_detail(request, pk):
    item = access.get_item_for_user(request.user, pk)
    return render(request, "review/item_detail.html", detail_context(request.user, item))


def detail_context(user, item, **forms):
    versions = list(item.versions.select_related("created_by").order_by("-number"))
    kind = item.review_kind
    record = item.record
    can = access.can(user, item)
    unmet = services.unmet_rules(item) if item.state != State.PASSED else []
    return {
        "item": item,
        "record": record,
        "kind": kind,
        "can": can,
        "unmet": unmet,
        "edit_url": kind.edit_url(record) if kind.edit_url and can["edit"] else None,
        "current": versions[0] if versions else None,
        "versions": versions,
        "history": history_for(item),
        "pass_form": forms.get("pass_form") or PassForm(prefix="pass"),
        "send_back_form": forms.get("send_back_form") or SendBackForm(prefix="back"),
        "check_form": forms.get("check_form") or CheckForm(prefix="check", checks=kind.checks),
        "exception_form": forms.get("exception_form") or ExceptionForm(prefix="exc"),
        "levels_display": [(lv, Level(lv).label) for lv in item.levels],
    }


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


def _invalid(request, item, status=422, **forms):
    context = detail_context(request.user, item, **forms)
    return render(request, "review/item_detail.html", context, status=status)


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
    if not form.is_valid():
        return _invalid(request, item, pass_form=form)
    if _step(request, item, services.pass_item, comment=form.cleaned_data["comment"]):
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
        return _invalid(request, item, send_back_form=form)
    if _step(request, item, services.send_back_item, **form.cleaned_data):
        messages.success(request, _("Sent back to the unit with your reasons."))
    return redirect(item)


@login_required
@require_POST
def item_check(request, pk):
    item = access.get_item_to_review(request.user, pk)
    if _moved_on(request, item):
        return redirect(item)
    form = CheckForm(request.POST, prefix="check", checks=item.review_kind.checks)
    if not form.is_valid():
        return _invalid(request, item, check_form=form)
    ok = _step(
        request,
        item,
        services.check_item,
        answers=form.answers(),
        comment=form.cleaned_data["comment"],
    )
    if ok and item.state == State.SENT_BACK:
        messages.warning(request, _("Not every check holds: sent back to the unit."))
    elif ok:
        messages.success(request, _("Every check holds: passed on."))
    return redirect(item)


@login_required
@require_POST
def item_except(request, pk):
    item = access.get_item_to_review(request.user, pk)
    if not access.may_sign_by_exception(request.user, item):
        raise Http404
    if _moved_on(request, item):
        return redirect(item)
    form = ExceptionForm(request.POST, prefix="exc")
    if not form.is_valid():
        return _invalid(request, item, exception_form=form)
    if _step(request, item, services.sign_off_by_exception, reason=form.cleaned_data["reason"]):
        messages.warning(request, _("Signed off by exception; the reason is shown in red."))
    return redirect(item)


def _version_number(value, default):
    if value in (None, ""):
        return default
    if not is_id(value):
        raise Http404
    return int(value)


@login_required
def item_diff(request, pk):
    item = access.get_item_for_user(request.user, pk)
    versions = {v.number: v for v in item.versions.all()}
    a = _version_number(request.GET.get("a"), item.version - 1)
    b = _version_number(request.GET.get("b"), item.version)
    if a not in versions or b not in versions:
        raise Http404
    old, new = versions[a], versions[b]
    context = {
        "item": item,
        "old": old,
        "new": new,
        "comparison": compare(old.snapshot, new.snapshot),
        "numbers": sorted(versions),
    }
    return render(request, "review/item_diff.html", context)
