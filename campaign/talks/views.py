"""A team's one-to-one talks (谈心谈话): the must-talk matrix, the missing pairs and the
talks recorded, read by whoever sees the unit and recorded by ``access.may_record_talk``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.org.queries import attach_ancestors

from . import access, services
from .coverage import DONE, INCOMPLETE, MISSING, coverage
from .forms import TalkForm
from .models import FIVE, Talk


def _people(cov):
    return [s.cadre for s in cov.seats] + cov.heads


def _render(request, unit, form=None, status=200):
    attach_ancestors([unit])
    cov = coverage(unit)
    can = {"record": access.may_record_talk(request.user, unit)}
    if can["record"] and form is None:
        form = TalkForm(people=_people(cov))
    talks = list(
        Talk.objects.filter(unit=unit).select_related("first", "second").order_by("-held_on", "-id")
    )
    for talk in talks:
        talk.can_edit = access.may_record_talk(request.user, unit, talk)
    return render(
        request,
        "talks/unit.html",
        {
            "unit": unit,
            "coverage": cov,
            "matrix": cov.matrix(),
            "talks": talks,
            "form": form,
            "can": can,
            "five": FIVE,
            "states": {"done": DONE, "incomplete": INCOMPLETE, "missing": MISSING},
        },
        status=status,
    )


@login_required
def unit_talks(request, pk):
    unit = access.get_talks_unit_for_user(request.user, pk)
    return _render(request, unit)


@login_required
@require_POST
def talk_create(request, pk):
    unit = access.get_talks_unit_for_user(request.user, pk, write=True)
    form = TalkForm(request.POST, people=_people(coverage(unit)))
    if form.is_valid():
        try:
            services.record_talk(actor=request.user, unit=unit, **form.cleaned_data)
        except services.TalkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Talk recorded."))
            return redirect("talks:unit", pk=unit.pk)
    return _render(request, unit, form=form, status=422)


@login_required
def talk_edit(request, pk):
    talk = access.get_talk_for_user(request.user, pk, write=True)
    unit = talk.unit
    initial = {"first": talk.first_id, "second": talk.second_id, "held_on": talk.held_on}
    for key, _label in FIVE:
        initial[f"{key}_done"] = getattr(talk, f"{key}_done")
        initial[f"{key}_note"] = getattr(talk, f"{key}_note")
    form = TalkForm(request.POST or None, people=_people(coverage(unit)), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_talk(actor=request.user, talk=talk, **form.cleaned_data)
        except services.TalkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Talk saved."))
            return redirect("talks:unit", pk=unit.pk)
    status = 422 if form.errors else 200
    attach_ancestors([unit])
    return render(
        request, "talks/talk_form.html", {"form": form, "talk": talk, "unit": unit}, status=status
    )


@login_required
@require_POST
def talk_delete(request, pk):
    talk = access.get_talk_for_user(request.user, pk, write=True)
    services.delete_talk(actor=request.user, talk=talk)
    messages.success(request, _("Talk deleted."))
    return redirect("talks:unit", pk=talk.unit_id)
