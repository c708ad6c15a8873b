"""Writing and revising a unit's study reports (reviewed on the review pages)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from campaign.org import access as org_access
from campaign.phases.models import Requirement
from campaign.review import writing

from .models import StudyReport
from .reports import COVERAGE, DAYS


@login_required
def report_start(request, unit_pk, requirement_pk):
    unit = org_access.get_unit_for_user(request.user, unit_pk)
    requirements = Requirement.objects.select_related("phase").filter(
        item_kind__in=[DAYS, COVERAGE]
    )
    requirement = get_object_or_404(requirements, pk=requirement_pk)
    return writing.start_page(request, unit=unit, requirement=requirement, model=StudyReport)


@login_required
def report_edit(request, pk):
    return writing.edit_page(request, model=StudyReport, pk=pk)
