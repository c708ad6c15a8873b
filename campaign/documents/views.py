"""Writing and revising a unit's written materials (they are reviewed on the review pages)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from campaign.org import access as org_access
from campaign.phases.models import Requirement
from campaign.review import writing

from .apps import TEXT_KINDS
from .models import TextDocument

CODES = [code for code, *_rest in TEXT_KINDS]


@login_required
def start(request, unit_pk, requirement_pk):
    unit = org_access.get_unit_for_user(request.user, unit_pk)
    requirements = Requirement.objects.select_related("phase").filter(item_kind__in=CODES)
    requirement = get_object_or_404(requirements, pk=requirement_pk)
    return writing.start_page(request, unit=unit, requirement=requirement, model=TextDocument)


@login_required
def edit(request, pk):
    return writing.edit_page(request, model=TextDocument, pk=pk)
