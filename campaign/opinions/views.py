"""Opinion pages: the public box and receipt lookup (no login), and the staff's list,
counts, entry and the steps of an opinion's life."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from campaign.core.paging import paginate
from campaign.history.services import history_for
from campaign.org import access as org_access
from campaign.org.forms import unit_choices
from campaign.phases import clock

from . import access, corrections, moderation, naming, oncetoken, ratelimit, services
from .filters import OpinionFilterSet, filter_opinions
from .forms import (
    AnswerForm,
    CorrectForm,
    LookupForm,
    OpinionForm,
    PublicOpinionForm,
    ReopenForm,
    RouteForm,
)
from .models import OPEN_STATUSES, Channel, Opinion, Status
from .queries import opinion_counts
from .similar import similar_to
from .views_moderation import moderation_context
from .views_similar import attach as attach_similar

# ---- the public: no login -------------------------------------------------------------


TOO_MANY_OPINIONS = gettext_lazy(
    "Too many opinions from this connection in the last hour. Please try again later."
)
TOO_MANY_LOOKUPS = gettext_lazy("Too many look-ups from this connection. Please try again later.")
FORM_EXPIRED = gettext_lazy("This form has expired. Check your opinion and press Send again.")
STILL_RECEIVING = gettext_lazy(
    "Your opinion is still being received. Wait a moment and press Send again to see "
    "its receipt code."
)


@never_cache
@ratelimit.with_client_token
def box(request):
    """The public box. A hidden one-time token makes a resent form show the first receipt
    instead of creating a second opinion (oncetoken.py)."""
    if request.method != "POST":
        return _box_page(request, PublicOpinionForm())
    form = PublicOpinionForm(request.POST)
    if not form.is_valid():
        return _box_page(request, form)
    token = oncetoken.read(request.POST.get("token"))
    if token is None:
        return _box_page(request, form, refused=FORM_EXPIRED, status=400)
    if form.cleaned_data["website"]:  # the honeypot: a bot; keep nothing
        if not ratelimit.allow(request, ratelimit.BOX):
            return _box_page(request, form, refused=TOO_MANY_OPINIONS, status=429)
        return render(request, "opinions/box_thanks.html", {"code": None})

    def receive():
        if not ratelimit.allow(request, ratelimit.BOX):
            raise ratelimit.Refused
        return _receive_public(form.cleaned_data).receipt_code

    try:
        code, _created = oncetoken.run_once(token, receive)
    except ratelimit.Refused:
        return _box_page(request, form, refused=TOO_MANY_OPINIONS, status=429)
    except oncetoken.Busy:
        signed = request.POST["token"]  # the same token: sending again shows the receipt
        return _box_page(request, form, refused=STILL_RECEIVING, status=409, token=signed)
    return render(request, "opinions/box_thanks.html", {"code": code})


def _box_page(request, form, refused=None, status=200, token=None):
    context = {"form": form, "refused": refused, "token": token or oncetoken.issue()}
    return render(request, "opinions/box.html", context, status=status)


def _receive_public(data):
    contact = {f: data[f] for f in services.CONTACT_FIELDS}
    opinion = services.receive_opinion(
        actor=None,
        channel=Channel.PUBLIC,
        content=data["content"],
        category=data["category"],
        named_person_name=data["named_person_name"],
        unit_hint=data["unit_hint"],
        anonymous=data["anonymous"],
        **contact,
    )
    return opinion


@never_cache
@ratelimit.with_client_token
def lookup(request):
    """Anyone with a receipt code sees that opinion's status and published answer only.
    The code is posted (CSRF-protected), never put in a URL, so no access log holds it."""
    if request.method != "POST":
        return render(request, "opinions/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    found = None
    if form.is_valid():
        if not ratelimit.allow(request, ratelimit.LOOKUP):
            context = {"form": form, "refused": TOO_MANY_LOOKUPS}
            return render(request, "opinions/lookup.html", context, status=429)
        found = (
            Opinion.objects.filter(receipt_code=form.cleaned_data["code"])
            .only(
                "receipt_code",
                "status",
                "received_on",
                "answer",
                "answer_published",
                "answered_at",
                "moderation",
            )
            .first()
        )
        if found is None:
            form.add_error(
                "code", _("No opinion has this receipt code. Check the code and try again.")
            )
    return render(request, "opinions/lookup.html", {"form": form, "found": found})


# ---- staff ----------------------------------------------------------------------------


@login_required
def opinion_list(request):
    if not access.may_list(request.user):
        raise Http404
    # hidden box submissions are counted apart, never listed (moderation.py)
    scope = access.opinions_for(request.user, with_hidden=True)
    filters = OpinionFilterSet(
        request.GET or None, units=org_access.scope_units(request.user).order_by("path")
    )
    filtered = filter_opinions(scope, filters)
    opinions = filtered.filter(access.NOT_HIDDEN).select_related("unit")
    page, query = paginate(request, opinions.order_by("-received_on", "-id"))
    context = {
        "form": filters.form,
        "page": page,
        "query": query,
        "counts": opinion_counts(filtered),
        "today": clock.today(),
        "may_enter": access.may_enter(request.user),
        "may_read_deadlines": access.may_read_deadlines(request.user),
        "moderation_waiting": moderation.waiting_count(request.user)
        if access.may_read_moderation(request.user)
        else None,
    }
    return render(request, "opinions/list.html", context)


@login_required
def opinion_detail(request, pk):
    opinion = access.get_opinion_for_user(request.user, pk)
    return render(request, "opinions/detail.html", _detail_context(request.user, opinion))


def render_detail(request, opinion, status=200, **forms):
    """The detail page again, with a form that was refused (422) showing its messages."""
    context = _detail_context(request.user, opinion, **forms)
    return render(request, "opinions/detail.html", context, status=status)


def _detail_context(user, opinion, **forms):
    office = org_access.is_office(user)
    return {
        "opinion": opinion,
        "show_contact": access.may_see_contact(user),
        "history": history_for(opinion),
        "may_route": office and opinion.status in (Status.RECEIVED, Status.ROUTED),
        "may_answer": access.may_answer(user, opinion)
        and opinion.status in (*OPEN_STATUSES, Status.ANSWERED),
        "may_take_up": access.may_answer(user, opinion) and opinion.status == Status.ROUTED,
        "may_publish": access.may_answer(user, opinion)
        and opinion.status in (Status.ANSWERED, Status.CLOSED),
        "may_close": office and opinion.status == Status.ANSWERED,
        "similar": _similar(user, opinion),
        "may_merge": office,
        "merged": opinion.merged.all() if office else [],
        "route_form": forms.get("route_form") or RouteForm(initial={"unit": opinion.unit}),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"answer": opinion.answer}),
        "may_correct": access.may_correct(user, opinion)
        and opinion.status not in (Status.MERGED, Status.CLOSED),
        "correct_form": forms.get("correct_form") or _correct_form(user, opinion),
        "handed_up_note": naming.handed_up_note(opinion),
        "may_reopen": access.may_reopen(user, opinion)
        and opinion.status in (Status.ANSWERED, Status.CLOSED),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "today": clock.today(),
        "moderation": moderation_context(user, opinion, forms.get("original")),
    }


def _similar(user, opinion):
    """Likely duplicates, for whoever handles the opinion (the office may merge them)."""
    if opinion.status == Status.MERGED or not access.may_answer(user, opinion):
        return []
    among = access.opinions_for(user)
    return similar_to(opinion.content, among=among, unit=opinion.unit_id, exclude=opinion)


def _correct_form(user, opinion, data=None):
    """The office moves an opinion to any party organisation, others within their scope."""
    units = unit_choices().organisations()
    if not org_access.is_office(user):
        units = units.filter(org_access.unit_scope_q(user))
    return CorrectForm(data, opinion=opinion, units=units)


@login_required
def opinion_create(request):
    user = request.user
    if not access.may_enter(user):
        raise Http404
    own_unit = None if org_access.is_office(user) else user.unit
    form = OpinionForm(request.POST or None, unit=own_unit, initial={"received_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("unit", own_unit)
        try:
            opinion = services.receive_opinion(actor=user, **data)
        except services.OpinionError as error:
            form.add_error(None, str(error))
        else:
            if naming.handled_up(opinion):
                messages.info(request, naming.handed_up_note(opinion))
            if not access.opinions_for(user).filter(pk=opinion.pk).exists():
                messages.success(
                    request, _("Saved with receipt code %(code)s.") % {"code": opinion.receipt_code}
                )
                return redirect("opinions:list")
            among = access.opinions_for(user)
            if similar_to(opinion.content, among=among, unit=opinion.unit_id, exclude=opinion):
                messages.warning(
                    request, _("Saved. Likely duplicates exist: they are listed on this page.")
                )
            else:
                messages.success(
                    request, _("Saved with receipt code %(code)s.") % {"code": opinion.receipt_code}
                )
            return redirect(opinion)
    attach_similar(form)
    return render(request, "opinions/form.html", {"form": form, "own_unit": own_unit})


def _step(request, pk, run):
    opinion = access.get_opinion_for_user(request.user, pk)
    try:
        run(opinion)
    except services.OpinionError as error:
        messages.error(request, str(error))
    return redirect(opinion)


@login_required
@require_POST
def opinion_route(request, pk):
    if not org_access.is_office(request.user):
        raise Http404
    form = RouteForm(request.POST)
    if not form.is_valid():
        opinion = access.get_opinion_for_user(request.user, pk)
        context = _detail_context(request.user, opinion, route_form=form)
        return render(request, "opinions/detail.html", context, status=422)
    data = form.cleaned_data

    def route(opinion):
        services.route_opinion(actor=request.user, opinion=opinion, **data)
        if naming.handled_up(opinion):
            messages.info(request, naming.handed_up_note(opinion))

    return _step(request, pk, route)


@login_required
@require_POST
def opinion_take_up(request, pk):
    return _step(request, pk, lambda o: services.start_handling(actor=request.user, opinion=o))


@login_required
@require_POST
def opinion_answer(request, pk):
    opinion = access.get_opinion_for_user(request.user, pk)
    if not access.may_answer(request.user, opinion):
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request.user, opinion, answer_form=form)
        return render(request, "opinions/detail.html", context, status=422)
    data = form.cleaned_data
    return _step(
        request, pk, lambda o: services.answer_opinion(actor=request.user, opinion=o, **data)
    )


@login_required
@require_POST
def opinion_publish(request, pk):
    published = request.POST.get("published") == "1"
    return _step(
        request,
        pk,
        lambda o: services.set_published(actor=request.user, opinion=o, published=published),
    )


@login_required
@require_POST
def opinion_close(request, pk):
    return _step(request, pk, lambda o: services.close_opinion(actor=request.user, opinion=o))


@login_required
@require_POST
def opinion_merge(request, pk):
    if not org_access.is_office(request.user):
        raise Http404
    keep = access.get_opinion_for_user(request.user, pk)
    chosen = access.opinions_for(request.user).filter(pk__in=request.POST.getlist("duplicates"))
    try:
        services.merge_opinions(actor=request.user, keep=keep, duplicates=list(chosen))
    except services.OpinionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Merged: every original is kept with its channel."))
    return redirect(keep)


@login_required
@require_POST
def opinion_correct(request, pk):
    """Correcting the category, the unit concerned or the person named, with a reason."""
    user = request.user
    opinion = access.get_opinion_for_user(user, pk)
    if not access.may_correct(user, opinion):
        raise PermissionDenied
    form = _correct_form(user, opinion, request.POST)
    if form.is_valid():
        try:
            corrections.correct_opinion(
                actor=user, opinion=opinion, reason=form.cleaned_data["reason"], **form.changes()
            )
        except services.OpinionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Corrected: the change and its reason are in the history."))
            if naming.handled_up(opinion):
                messages.info(request, naming.handed_up_note(opinion))
            if not access.opinions_for(user).filter(pk=opinion.pk).exists():
                return redirect("opinions:list")  # it now names someone it is hidden from
            return redirect(opinion)
        opinion = access.get_opinion_for_user(user, pk)
    context = _detail_context(user, opinion, correct_form=form)
    return render(request, "opinions/detail.html", context, status=422)
