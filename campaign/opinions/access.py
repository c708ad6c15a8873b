"""Who may see an opinion (DOMAIN.md "Opinions", "Who uses it").

- Opinions follow the unit scope of org.access (an opinion with no unit yet: the office).
- An opinion that names a person is never shown to that person, nor to anyone but the
  office and the supervision group of the unit concerned.
- Contact details are for the office only (``may_see_contact``).
"""

from django.db.models import Q
from django.http import Http404

from campaign.org.access import is_office, sees_everything, unit_scope_q
from campaign.org.models import Role

from .models import Opinion

NAMES_NOBODY = Q(named_person__isnull=True, named_person_name="")


def opinion_scope_q(user):
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    not_about_me = ~Q(named_person=user)
    if is_office(user):
        return not_about_me
    in_units = unit_scope_q(user, prefix="unit__") & Q(unit__isnull=False)
    if user.role == Role.SUPERVISOR:
        return in_units & not_about_me
    return in_units & NAMES_NOBODY


def opinions_for(user):
    return Opinion.objects.filter(opinion_scope_q(user))


def get_opinion_for_user(user, pk):
    opinion = (
        opinions_for(user)
        .select_related("unit", "unit__group", "merged_into")
        .filter(pk=pk)
        .first()
    )
    if opinion is None:
        raise Http404
    return opinion


def may_list(user):
    """Who has an opinion list (each sees their own scope): the office, higher
    supervision, secretaries, supervision members and county leaders; not cadres."""
    return user.is_authenticated and (
        sees_everything(user) or user.role in (Role.SECRETARY, Role.SUPERVISOR, Role.LEADER)
    )


def may_enter(user):
    """Who enters opinions: the office, and a unit secretary for their own unit."""
    return is_office(user) or (
        user.is_authenticated and user.role == Role.SECRETARY and bool(user.unit_id)
    )


def may_see_contact(user):
    return is_office(user)


def may_answer(user, opinion):
    """The secretary of the unit concerned answers; the office may answer any."""
    if is_office(user):
        return True
    return user.role == Role.SECRETARY and bool(opinion.unit_id) and user.unit_id == opinion.unit_id


def may_set_deadlines(user):
    """The answer deadlines by channel: set by the office."""
    return is_office(user)


def may_read_deadlines(user):
    """The office, and higher supervision reading."""
    return sees_everything(user)


def may_record_notice(user):
    """Telling senders who left only a phone number: the office phones them."""
    return is_office(user)
