"""Every step of an opinion's life is one of these functions: atomic, history written,
refused with ``OpinionError`` (nothing changed). A status change is a conditional UPDATE
on the status the actor saw, so two people acting at once make one change."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record
from campaign.org.access import is_office
from campaign.phases import clock

from . import naming
from .access import may_answer
from .deadlines import answer_due, working_days_after
from .models import OPEN_STATUSES, Opinion, Status, new_receipt_code
from .similar import search_text


class OpinionError(Exception):
    """A refused step; the message is for the user."""


def _move(opinion, seen, **changes):
    if Opinion.objects.filter(pk=opinion.pk, status=seen).update(**changes) != 1:
        raise OpinionError(_("This opinion has just been handled by someone else."))
    opinion.refresh_from_db()


def _record(actor, opinion, step, seen, **extra):
    changes = {"status": [seen, opinion.status], **extra}
    record(actor=actor, code=f"opinions.opinion.{step}", obj=opinion, changes=changes)


def _unique_code():
    for _attempt in range(10):
        code = new_receipt_code()
        if not Opinion.objects.filter(receipt_code=code).exists():
            return code
    raise OpinionError(_("Please try again."))


CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


@transaction.atomic
def receive_opinion(
    *,
    actor,
    channel,
    content,
    category,
    received_on=None,
    unit=None,
    named_person=None,
    named_person_name="",
    unit_hint="",
    anonymous=True,
    **contact,
):
    """Take in one opinion. ``actor`` is None for the public box; an anonymous opinion
    keeps no contact at all."""
    content = (content or "").strip()
    if len(content) < 5:
        raise OpinionError(_("Write the opinion in a few words at least."))
    if actor is not None and not is_office(actor) and (unit is None or unit.pk != actor.unit_id):
        raise OpinionError(_("A unit secretary enters opinions about their own unit only."))
    if anonymous:
        contact = {}
    elif not any((contact.get(f) or "").strip() for f in CONTACT_FIELDS):
        raise OpinionError(_("Leave a name and a phone number or email, or stay anonymous."))
    named_person_name = (named_person_name or "").strip()
    received = {"channel": [None, channel]}
    if named_person is None and named_person_name:
        named_person = naming.find_named_account(unit, named_person_name)
        if named_person is not None:  # the name stands for an account of the unit
            received["named_person"] = [None, str(named_person)]
    opinion = Opinion.objects.create(
        receipt_code=_unique_code(),
        channel=channel,
        content=content,
        content_search=search_text(content),
        category=category,
        received_on=received_on or clock.today(),
        unit=unit,
        named_person=named_person,
        named_person_name=named_person_name,
        unit_hint=(unit_hint or "").strip()[:100],
        anonymous=anonymous,
        created_by=actor,
        **{f: (contact.get(f) or "").strip() for f in CONTACT_FIELDS},
    )
    routed = unit is not None and actor is not None and not is_office(actor)
    if routed:  # a secretary's own record is routed to the unit at once
        _route(actor, opinion, unit)
    record(actor=actor, code="opinions.opinion.received", obj=opinion, changes=received)
    if routed:
        naming.set_handler(actor, opinion)
    return opinion


def _route(actor, opinion, unit, days=None):
    if days:
        due = working_days_after(clock.today(), days)
    else:
        due = answer_due(opinion.channel, clock.today())
    seen = opinion.status
    _move(opinion, seen, status=Status.ROUTED, unit=unit, routed_at=timezone.now(), answer_due=due)
    return seen


@transaction.atomic
def route_opinion(*, actor, opinion, unit, days=None):
    if not is_office(actor):
        raise OpinionError(_("Only the campaign office routes opinions."))
    if opinion.status not in (Status.RECEIVED, Status.ROUTED):
        raise OpinionError(_("Only a new or routed opinion can be routed."))
    if not unit.is_organisation:
        raise OpinionError(_("Route it to a party organisation, not to a heading."))
    was_up = naming.handled_up(opinion)
    linked = _link_named_person(opinion, unit)
    seen = _route(actor, opinion, unit, days)
    _record(
        actor,
        opinion,
        "routed",
        seen,
        unit=[None, unit.name],
        answer_due=str(opinion.answer_due),
        **linked,
    )
    naming.set_handler(actor, opinion, was_up)
    return opinion


def _link_named_person(opinion, unit):
    """Link a name written without an account to the account of ``unit`` it stands for
    (naming.find_named_account); returns the history change, if any."""
    if opinion.named_person_id or not opinion.named_person_name:
        return {}
    account = naming.find_named_account(unit, opinion.named_person_name)
    if account is None:
        return {}
    Opinion.objects.filter(pk=opinion.pk).update(named_person=account)
    opinion.named_person = account
    return {"named_person": [None, str(account)]}


@transaction.atomic
def start_handling(*, actor, opinion):
    if not may_answer(actor, opinion) or opinion.status != Status.ROUTED:
        raise OpinionError(_("Only a routed opinion of your unit can be taken up."))
    _move(opinion, Status.ROUTED, status=Status.HANDLING)
    _record(actor, opinion, "handling", Status.ROUTED)
    return opinion


@transaction.atomic
def answer_opinion(*, actor, opinion, answer, publish=False):
    answer = (answer or "").strip()
    if not may_answer(actor, opinion) or opinion.status not in (*OPEN_STATUSES, Status.ANSWERED):
        raise OpinionError(_("Only an opinion routed to your unit can be answered."))
    if len(answer) < 5:
        raise OpinionError(_("Write the answer: what was done, or why not."))
    seen = opinion.status
    _move(
        opinion,
        seen,
        status=Status.ANSWERED,
        answer=answer,
        answered_at=timezone.now(),
        answered_by=actor,
        answer_published=bool(publish),
    )
    _record(actor, opinion, "answered", seen, answer_published=[None, bool(publish)])
    from .feedback import queue_notice

    queue_notice(opinion)
    return opinion


@transaction.atomic
def set_published(*, actor, opinion, published):
    if not may_answer(actor, opinion) or opinion.status not in (Status.ANSWERED, Status.CLOSED):
        raise OpinionError(_("Only an answered opinion can be published."))
    Opinion.objects.filter(pk=opinion.pk).update(answer_published=bool(published))
    opinion.refresh_from_db()
    step = "published" if published else "unpublished"
    _record(actor, opinion, step, opinion.status)
    return opinion


@transaction.atomic
def close_opinion(*, actor, opinion):
    if not is_office(actor):
        raise OpinionError(_("Only the campaign office closes opinions."))
    if opinion.status != Status.ANSWERED:
        raise OpinionError(_("Only an answered opinion can be closed."))
    _move(opinion, Status.ANSWERED, status=Status.CLOSED, closed_at=timezone.now())
    _record(actor, opinion, "closed", Status.ANSWERED)
    return opinion


@transaction.atomic
def merge_opinions(*, actor, keep, duplicates):
    """Merge duplicates into ``keep``; every original is kept, with its channel."""
    if not is_office(actor):
        raise OpinionError(_("Only the campaign office merges opinions."))
    duplicates = [d for d in duplicates if d.pk != keep.pk]
    if not duplicates:
        raise OpinionError(_("Choose at least one other opinion to merge."))
    if keep.status == Status.MERGED:
        raise OpinionError(_("That opinion was itself merged into another."))
    for duplicate in duplicates:
        seen = duplicate.status
        if seen in (Status.MERGED, Status.CLOSED):
            raise OpinionError(_("A closed or merged opinion cannot be merged again."))
        _move(duplicate, seen, status=Status.MERGED, merged_into=keep)
        _record(actor, duplicate, "merged", seen, merged_into=[None, keep.receipt_code])
    record(
        actor=actor,
        code="opinions.opinion.merged_here",
        obj=keep,
        changes={"merged": [None, [d.receipt_code for d in duplicates]]},
    )
    return keep
