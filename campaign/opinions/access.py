"""Who may see an opinion (DOMAIN.md "Opinions", "Who uses it").

- Opinions follow the unit scope of org.access, of the unit concerned and of the unit
  that handles it when it was handed one level up; a supervision group also sees those
  handed to it (an opinion with no unit yet: the office).
- The naming rule (naming.py): an opinion that names a person is hidden from that person
  and, when they are the unit's secretary or head, from every account of that unit;
  never from anyone else.
- Contact details are for the office only (``may_see_contact``).
- Moderation (moderation.py): a hidden box submission is left out of every list and
  count of opinions (counted apart) and exists for the office only; the office
  moderates, higher supervision reads the queue; only the office reads the original
  of a masked copy.
"""

from django.db.models import Q
from django.http import Http404

from campaign.org.access import is_office, sees_everything, unit_in_scope, unit_scope_q
from campaign.org.models import Role

from . import naming
from .models import BOX_CHANNELS, Moderation, Opinion

NOT_HIDDEN = Q(moderation=Moderation.NONE)


def opinion_scope_q(user, with_hidden=False):
    """The opinions ``user`` may see; with ``with_hidden``, also those hidden by
    moderation (to count them apart: queries.opinion_counts)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    visible = Q() if with_hidden else NOT_HIDDEN
    if is_office(user):
        return ~Q(named_person=user) & visible
    in_units = unit_scope_q(user, prefix="unit__") & Q(unit__isnull=False)
    handled_here = unit_scope_q(user, prefix="handler_unit__") & Q(handler_unit__isnull=False)
    scope = in_units | handled_here
    if user.role == Role.SUPERVISOR and user.group_id:
        scope |= Q(handler_group_id=user.group_id)
    return scope & ~naming.hidden_q(user) & visible


def opinions_for(user, with_hidden=False):
    return Opinion.objects.filter(opinion_scope_q(user, with_hidden))


def get_opinion_for_user(user, pk):
    """The opinion, or 404 outside the user's scope; a hidden one exists for the office
    only."""
    opinion = (
        opinions_for(user, with_hidden=may_moderate(user))
        .select_related(
            "unit", "unit__group", "merged_into", "named_person", "handler_unit", "handler_group"
        )
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
    """The office; the secretary of the unit that handles it (the unit concerned, or the
    one it was handed up to); a member of the supervision group it was handed to. Never
    the person named nor anyone it is hidden from (naming.py)."""
    if not user.is_authenticated or not user.is_active or naming.is_hidden_from(user, opinion):
        return False
    if is_office(user):
        return True
    if user.role == Role.SUPERVISOR:
        return bool(opinion.handler_group_id) and user.group_id == opinion.handler_group_id
    if opinion.handler_group_id:
        return False
    handling = opinion.handler_unit_id or opinion.unit_id
    return user.role == Role.SECRETARY and bool(handling) and user.unit_id == handling


def may_correct(user, opinion):
    """Correcting what intake got wrong (category, unit, person named): the office, and
    whoever may answer the opinion."""
    return may_answer(user, opinion)


def may_correct_to(user, unit):
    """Whether ``user`` may move an opinion to ``unit`` in a correction: the office to any
    party organisation, others to one in their own scope."""
    if not unit.is_organisation:
        return False
    return is_office(user) or unit_in_scope(user, unit)


def may_set_deadlines(user):
    """The answer deadlines by channel: set by the office."""
    return is_office(user)


def may_read_deadlines(user):
    """The office, and higher supervision reading."""
    return sees_everything(user)


def may_record_notice(user):
    """Telling senders who left only a phone number: the office phones them."""
    return is_office(user)


def may_reopen(user, opinion):
    """Reopening an answered or closed opinion (the sender was not satisfied): the office."""
    return is_office(user) and not naming.is_hidden_from(user, opinion)


def may_check_similar(user):
    """Looking for likely duplicates of a text (similar.py), among the opinions the user
    may see: whoever enters opinions or answers them (a supervision member answers those
    handed to the group)."""
    return may_enter(user) or (
        user.is_authenticated
        and user.is_active
        and user.role == Role.SUPERVISOR
        and bool(user.group_id)
    )


def may_moderate(user):
    """Checking box submissions, hiding, restoring and masking them: the office."""
    return is_office(user)


def may_read_moderation(user):
    """The moderation queue: the office, and higher supervision reading it."""
    return sees_everything(user)


def may_reveal(user):
    """Reading the original of a masked copy (each time written in the history): the
    office only."""
    return is_office(user)


def moderation_scope(user):
    """The box submissions of the moderation queue (hidden ones too), under the naming
    rule; nothing for those who may not read it."""
    if not may_read_moderation(user):
        return Opinion.objects.none()
    return Opinion.objects.filter(channel__in=BOX_CHANNELS).exclude(naming.hidden_q(user))
