"""Office pages of answer deadlines by channel and of telling senders (included in the
``opinions`` namespace): the office changes them, higher supervision reads them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaign.core.paging import paginate

from . import access, feedback, reopening
from .deadlines import days_by_channel
from .forms import ReopenForm
from .models import Channel, Notice
from .services import OpinionError
from .views import render_detail


class DeadlinesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for channel in Channel:
            self.fields[channel.value] = forms.IntegerField(
                label=channel.label,
                min_value=1,
                max_value=60,
                error_messages={
                    "required": gettext_lazy("Give the number of working days."),
                    "invalid": gettext_lazy("Give a whole number of working days."),
                    "min_value": gettext_lazy("Give between 1 and 60 working days."),
                    "max_value": gettext_lazy("Give between 1 and 60 working days."),
                },
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )


def _office_page(user, write):
    if write and access.may_set_deadlines(user):
        return
    if not write and access.may_read_deadlines(user):
        return
    if access.may_read_deadlines(user):
        raise PermissionDenied
    raise Http404


@login_required
def deadlines(request):
    user = request.user
    _office_page(user, write=request.method == "POST")
    form = DeadlinesForm(request.POST or None, initial=days_by_channel())
    if request.method == "POST" and form.is_valid():
        try:
            changed = feedback.set_channel_deadlines(actor=user, days=form.cleaned_data)
        except OpinionError as error:
            form.add_error(None, str(error))
        else:
            if changed:
                messages.success(request, _("Answer deadlines saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("opinions:deadlines")
    if not access.may_set_deadlines(user):
        for field in form.fields.values():
            field.disabled = True
    status = 422 if form.errors else 200
    context = {"form": form, "may_set": access.may_set_deadlines(user)}
    return render(request, "opinions/deadlines.html", context, status=status)


@login_required
def notices(request):
    """Senders to tell: those who left only a phone number (the office phones them) and
    emails the worker could not send."""
    _office_page(request.user, write=False)
    waiting = (
        Notice.objects.filter(state__in=(Notice.State.PENDING, Notice.State.FAILED))
        .exclude(method=Notice.Method.EMAIL, state=Notice.State.PENDING)
        .select_related("opinion", "opinion__unit")
        .order_by("created_at", "pk")
    )
    page, query = paginate(request, waiting)
    context = {
        "page": page,
        "query": query,
        "may_record": access.may_record_notice(request.user),
        "show_contact": access.may_see_contact(request.user),
    }
    return render(request, "opinions/notices.html", context)


@login_required
@require_POST
def notice_told(request, pk):
    user = request.user
    _office_page(user, write=True)
    notice = get_object_or_404(Notice.objects.select_related("opinion"), pk=pk)
    note = request.POST.get("note", "")
    try:
        feedback.record_phone_notice(actor=user, notice=notice, note=note)
    except OpinionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Recorded: the sender of %(code)s was told.") % {"code": notice.opinion.receipt_code},
        )
    return redirect("opinions:notices")


@login_required
@require_POST
def reopen(request, pk):
    """The office reopens an answered or closed opinion, with a reason."""
    user = request.user
    opinion = access.get_opinion_for_user(user, pk)
    if not access.may_reopen(user, opinion):
        raise Http404
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return render_detail(request, opinion, status=422, reopen_form=form)
    try:
        reopening.reopen_opinion(actor=user, opinion=opinion, reason=form.cleaned_data["reason"])
    except OpinionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Reopened: the unit handles it again and answers anew."))
    return redirect(opinion)
