"""Who may see and change study records, on top of ``campaign.org.access``.

Outside a user's scope a unit or activity does not exist (404). Inside it, anyone reads
the unit's study page; a write by someone other than the one who may make it is refused
with 403: activities are kept by the unit's own secretary, learning checks recorded by a
member of the unit's supervision group. The follow-up list is for the office and higher
supervision (every unit) and supervision members (their group's units).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from campaign.org import access as org_access
from campaign.org.models import Role

from .models import StudyActivity
from .services import may_record_activity, may_record_check


def get_study_unit(user, pk):
    """A party organisation in the user's scope (headings have no study records)."""
    unit = org_access.get_unit_for_user(user, pk)
    if not unit.is_organisation:
        raise Http404
    return unit


def get_unit_to_record_activity(user, pk):
    unit = get_study_unit(user, pk)
    if not may_record_activity(user, unit):
        raise PermissionDenied
    return unit


def get_unit_to_check(user, pk):
    unit = get_study_unit(user, pk)
    if not may_record_check(user, unit):
        raise PermissionDenied
    return unit


def get_activity_for_user(user, pk, write=False):
    activities = StudyActivity.objects.select_related("unit", "unit__group", "supervisor")
    may_write = (lambda activity: may_record_activity(user, activity.unit)) if write else None
    return org_access.get_in_scope(activities, user, pk, may_write)


def follow_up_scope(user):
    """A Q over learning checks for the follow-up list, or 404 for who has none."""
    if org_access.sees_everything(user):
        return Q()
    if user.is_authenticated and user.role == Role.SUPERVISOR and user.group_id:
        return Q(unit__group_id=user.group_id)
    raise Http404
