"""The moderation queue of box submissions and its steps (included in the ``opinions``
namespace): the office checks, hides, restores and masks them, and reads the original
of a masked copy; higher supervision reads the queue; for everyone else it does not
exist."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from campaign.core.paging import paginate

from . import access, moderation
from .models import BOX_CHANNELS, Moderation
from .services import OpinionError

HIDDEN = ~Q(moderation=Moderation.NONE)
# The queue's filters: (label, condition); the first is the default.
SHOWS = {
    "waiting": (gettext_lazy("To check"), moderation.WAITING),
    "hidden": (gettext_lazy("Hidden"), HIDDEN),
    "masked": (gettext_lazy("Masked"), ~Q(shown_content="")),
    "all": (gettext_lazy("All box submissions"), Q()),
}
HIDING_KINDS = [(kind.value, kind.label) for kind in moderation.HIDING]
REASON = forms.TextInput(attrs={"class": "form-control form-control-sm", "maxlength": 200})


def _reason_field(label):
    message = gettext_lazy("Give the reason (at least 4 characters).")
    return forms.CharField(
        label=label,
        min_length=moderation.MIN_REASON,
        max_length=200,
        error_messages={"required": message, "min_length": message},
        widget=REASON,
    )


class HideForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Hide as"),
        choices=HIDING_KINDS,
        error_messages={
            "required": gettext_lazy("Choose why it is hidden."),
            "invalid_choice": gettext_lazy("Choose why it is hidden."),
        },
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    reason = _reason_field(gettext_lazy("Reason"))


class RestoreForm(forms.Form):
    reason = _reason_field(gettext_lazy("Reason for restoring"))


class MaskForm(forms.Form):
    shown = forms.CharField(
        label=gettext_lazy("Masked copy"),
        strip=False,
        required=False,
        help_text=gettext_lazy(
            "Replace with ＊ (or *) every character that identifies someone; change nothing "
            "else. Everyone but the campaign office reads this copy; the original is kept."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control font-monospace"}),
    )


def _office_step(user, write):
    """The office moderates; higher supervision reads (403 on a write); 404 for others."""
    if access.may_moderate(user):
        return
    if access.may_read_moderation(user):
        if write:
            raise PermissionDenied
        return
    raise Http404


def _show(value):
    return value if value in SHOWS or value == "detail" else "waiting"


def _back(request, opinion):
    """Where a step returns: the opinion's page, or the queue under the filter it was
    taken from."""
    show = _show(request.POST.get("show"))
    if show == "detail":
        return redirect(opinion)
    return redirect(reverse("opinions:moderation") + f"?show={show}")


@never_cache
@login_required
def queue(request):
    user = request.user
    _office_step(user, write=False)
    show = request.GET.get("show")
    show = show if show in SHOWS else "waiting"
    scope = access.moderation_scope(user)
    counts = scope.aggregate(
        **{key: Count("pk", filter=condition) for key, (_label, condition) in SHOWS.items()}
    )
    rows = (
        scope.filter(SHOWS[show][1])
        .select_related("unit", "moderated_by")
        .order_by("-received_on", "-id")
    )
    page, query = paginate(request, rows)
    tabs = [(key, label, counts[key]) for key, (label, _condition) in SHOWS.items()]
    context = {
        "page": page,
        "query": query,
        "show": show,
        "tabs": tabs,
        "can": _can(user),
        "hiding_kinds": HIDING_KINDS,
    }
    return render(request, "opinions/moderation.html", context)


def _can(user):
    return {
        "moderate": access.may_moderate(user),
        "reveal": access.may_reveal(user),
        "see_contact": access.may_see_contact(user),
    }


def moderation_context(user, opinion, original=None):
    """What an opinion's page shows of its moderation (``original``: the text just
    revealed to the office)."""
    box = opinion.channel in BOX_CHANNELS
    return {
        "box": box,
        "may_moderate": box and access.may_moderate(user),
        "may_reveal": access.may_reveal(user) and moderation.covers_original(opinion),
        "withheld": opinion.moderation == Moderation.PERSONAL,
        "waiting": box and opinion.moderated_at is None,
        "original": original,
        "hiding_kinds": HIDING_KINDS,
    }


def _step(request, pk, run):
    user = request.user
    _office_step(user, write=True)
    opinion = access.get_opinion_for_user(user, pk)
    try:
        done = run(opinion)
    except OpinionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"code": opinion.receipt_code})
    return _back(request, opinion)


def _form_step(request, pk, form_class, action, run):
    """A step with a form: bad input shows the form again (422), good input runs ``run``
    (opinion, cleaned data) as a ``_step``."""
    _office_step(request.user, write=True)
    form = form_class(request.POST)
    if not form.is_valid():
        opinion = access.get_opinion_for_user(request.user, pk)
        return _refused_form(request, opinion, form, action)
    return _step(request, pk, lambda opinion: run(opinion, form.cleaned_data))


def _refused_form(request, opinion, form, action):
    """A step sent with bad input: the form again, with the message at its field."""
    context = {
        "opinion": opinion,
        "form": form,
        "action": action,
        "show": _show(request.POST.get("show")),
        "can": _can(request.user),
    }
    return render(request, "opinions/moderation_step.html", context, status=422)


@login_required
@require_POST
def check(request, pk):
    def run(opinion):
        moderation.mark_checked(actor=request.user, opinion=opinion)
        return _("%(code)s: checked, a real opinion.")

    return _step(request, pk, run)


@login_required
@require_POST
def hide(request, pk):
    def run(opinion, data):
        moderation.hide(
            actor=request.user, opinion=opinion, kind=data["kind"], reason=data["reason"]
        )
        return _("%(code)s: hidden. It is kept, and can be restored.")

    return _form_step(request, pk, HideForm, "hide", run)


@login_required
@require_POST
def restore(request, pk):
    def run(opinion, data):
        moderation.restore(actor=request.user, opinion=opinion, reason=data["reason"])
        return _("%(code)s: restored.")

    return _form_step(request, pk, RestoreForm, "restore", run)


@never_cache
@login_required
def mask(request, pk):
    """The masked copy, offered with the proposal filled in; the office edits it."""
    user = request.user
    _office_step(user, write=True)
    opinion = access.get_opinion_for_user(user, pk)
    if opinion.channel not in BOX_CHANNELS:
        raise Http404
    withheld = opinion.moderation == Moderation.PERSONAL and not opinion.shown_content
    if request.method != "POST" and withheld:  # the proposal shows the original: a reading
        moderation.reveal(actor=user, opinion=opinion)
    form = MaskForm(request.POST or None, initial={"shown": moderation.propose_mask(opinion)})
    if request.method == "POST" and form.is_valid():
        try:
            moderation.mask(actor=user, opinion=opinion, shown=form.cleaned_data["shown"])
        except OpinionError as error:
            form.add_error("shown", str(error))
        else:
            messages.success(
                request,
                _("%(code)s: the masked copy is what everyone but the office reads now.")
                % {"code": opinion.receipt_code},
            )
            return _back(request, opinion)
    context = {
        "opinion": opinion,
        "form": form,
        "show": _show(request.POST.get("show") or request.GET.get("show")),
        "proposed": len(moderation.mask_positions(opinion)),
    }
    status = 422 if form.errors else 200
    return render(request, "opinions/moderation_mask.html", context, status=status)


@never_cache
@login_required
@require_POST
def reveal(request, pk):
    """The office opens the original of a masked copy: a history row each time, and the
    opinion's page with the original shown."""
    from .views import _detail_context

    user = request.user
    if not access.may_reveal(user):
        raise PermissionDenied if access.may_read_moderation(user) else Http404
    opinion = access.get_opinion_for_user(user, pk)
    try:
        original = moderation.reveal(actor=user, opinion=opinion)
    except OpinionError as error:
        messages.error(request, str(error))
        return redirect(opinion)
    context = _detail_context(user, opinion, original=original)
    return render(request, "opinions/detail.html", context)
