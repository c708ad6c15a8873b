"""Writing and revising a unit's study reports (reviewed on the review pages)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from campaign.org import access as org_access
from campaign.phases.models import Requirement
from campaign.review import access as review_access
from campaign.review import services as review_services
from campaign.review import writing

from .models import StudyReport
from .reports import COVERAGE, DAYS


@login_required
def report_start(request, unit_pk, requirement_pk):
    unit = org_access.get_unit_for_user(request.user, unit_pk)
    if not review_access.may_start(request.user, unit):
        raise Http404
    requirement = get_object_or_404(
        Requirement.objects.select_related("phase"),
        pk=requirement_pk,
        item_kind__in=(DAYS, COVERAGE),
    )
    if not requirement.applies_to(unit.kind):
        raise Http404
    start = {
        "model": StudyReport,
        "kind": requirement.item_kind,
        "requirement": requirement,
        "initial_title": f"{unit.name}{requirement.name}",
    }
    return writing.form_page(
        request,
        unit=unit,
        start=start,
        heading=requirement.name,
        description=requirement.description,
    )


@login_required
def report_edit(request, pk):
    report = get_object_or_404(StudyReport, pk=pk)
    item = review_services.item_for(report)
    if item is None:
        raise Http404
    item = review_access.get_item_to_edit(request.user, item.pk)
    return writing.form_page(request, unit=item.unit, item=item)
