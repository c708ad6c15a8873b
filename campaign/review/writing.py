"""Records written as a title and a text (a report, a plain material): an abstract model,
its two service functions and the page that writes and revises one. An app makes its own
concrete model from ``WrittenRecord`` and registers its kinds; the structured records of
phases 2 and 3 have models of their own instead."""

from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access, services
from .kinds import Snapshot
from .models import State


class WrittenRecord(models.Model):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=gettext_lazy("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=30)
    requirement = models.ForeignKey(
        "phases.Requirement",
        verbose_name=gettext_lazy("requirement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(gettext_lazy("title"), max_length=200)
    body = models.TextField(gettext_lazy("content"))
    written_by = models.ForeignKey("org.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def snapshot(self):
        return Snapshot(self.title, fields=[(gettext_lazy("Content"), self.body)])


class WrittenForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Content"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 14}),
    )


def _clean(title, body):
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise services.ReviewError(_("Write a title and the content."))
    return title[:200], body


@transaction.atomic
def write(*, actor, model, kind, unit, title, body, requirement=None, phase=None, at=None):
    """A new record of ``model`` with its review item (a draft, version 1)."""
    at = at or timezone.now()
    title, body = _clean(title, body)
    record = model.objects.create(
        unit=unit,
        kind=kind,
        requirement=requirement,
        title=title,
        body=body,
        written_by=actor,
        created_at=at,
        updated_at=at,
    )
    return services.open_item(
        actor=actor,
        unit=unit,
        record=record,
        kind=kind,
        requirement=requirement,
        phase=phase,
        at=at,
    )


@transaction.atomic
def rewrite(*, actor, item, title, body, at=None):
    """A new version of the record of ``item``; a signed-off one is reopened."""
    at = at or timezone.now()
    services.ensure_revisable(actor, item)
    title, body = _clean(title, body)
    record = item.record
    record.title, record.body, record.updated_at = title, body, at
    record.save(update_fields=["title", "body", "updated_at"])
    return services.revise_item(actor=actor, item=item, at=at)


def form_page(request, *, unit, item=None, start=None, heading="", description=""):
    """The page that writes a record (``start``: keyword arguments for ``write``) or
    revises the record of ``item``."""
    if item is not None and item.state == State.IN_REVIEW:
        messages.error(
            request, _("The item is being reviewed; it can be revised once it is sent back.")
        )
        return redirect(item)
    if item is not None:
        record = item.record
        initial = {"title": record.title, "body": record.body}
    else:
        initial = {"title": start.pop("initial_title", "")}
    form = WrittenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                item = write(actor=request.user, unit=unit, **start, **form.cleaned_data)
                messages.success(request, _("Draft saved. Check it, then send it for review."))
            else:
                rewrite(actor=request.user, item=item, **form.cleaned_data)
                messages.success(request, _("Version %(n)s saved.") % {"n": item.version})
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            return redirect(item)
    context = {
        "form": form,
        "unit": unit,
        "item": item,
        "heading": heading,
        "description": description,
    }
    return render(request, "review/item_form.html", context)


def start_page(request, *, unit, requirement, model):
    """The page that starts the record ``model`` for ``unit``'s ``requirement`` (the app
    found both within the reader's scope); someone who may not write it gets a 404."""
    if not access.may_start(request.user, unit) or not requirement.applies_to(unit.kind):
        raise Http404
    start = {
        "model": model,
        "kind": requirement.item_kind,
        "requirement": requirement,
        "initial_title": f"{unit.name}{requirement.name}",
    }
    return form_page(
        request,
        unit=unit,
        start=start,
        heading=requirement.name,
        description=requirement.description,
    )


def edit_page(request, *, model, pk):
    """The page that revises the record ``pk`` of ``model``, for its keeper only."""
    record = get_object_or_404(model, pk=pk)
    item = services.item_for(record)
    if item is None:
        raise Http404
    item = access.get_item_to_edit(request.user, item.pk)
    return form_page(request, unit=item.unit, item=item)
