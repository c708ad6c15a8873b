"""Answer deadlines set by the office, and telling senders their opinion was answered.

A sender who left an email is told by the worker (``notices.deliver_notice``); one who
left only a phone number is phoned by the office, which records it here. Either way the
telling is a row (``Notice``) and a line in the opinion's history, not only a message.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.history.services import record

from .access import may_record_notice, may_set_deadlines
from .deadlines import days_by_channel
from .models import Channel, ChannelDeadline, Notice
from .services import OpinionError


@transaction.atomic
def set_channel_deadlines(*, actor, days):
    """``days``: {channel: working days}. Applies to opinions routed from now on."""
    if not may_set_deadlines(actor):
        raise OpinionError(_("Only the campaign office sets the answer deadlines."))
    list(ChannelDeadline.objects.select_for_update())  # one office change at a time
    before = days_by_channel()
    changed = 0
    for channel, value in days.items():
        if channel not in Channel.values:
            raise OpinionError(_("Unknown channel."))
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60:
            raise OpinionError(_("Give between 1 and 60 working days."))
        if before[channel] == value:
            continue
        row, _created = ChannelDeadline.objects.update_or_create(
            channel=channel, defaults={"working_days": value}
        )
        record(
            actor=actor,
            code="opinions.deadline.updated",
            obj=row,
            changes={"working_days": [before[channel], value]},
        )
        changed += 1
    return changed


def queue_notice(opinion):
    """After an answer: tell a sender who left contact (once per opinion). An email is
    sent by the worker when the transaction commits; a phone number waits for the office."""
    if opinion.anonymous or not (opinion.contact_email or opinion.contact_phone):
        return None
    method = Notice.Method.EMAIL if opinion.contact_email else Notice.Method.PHONE
    notice, created = Notice.objects.get_or_create(
        opinion=opinion, kind="answered", defaults={"method": method}
    )
    if created and method == Notice.Method.EMAIL:
        from .tasks import send_notice

        transaction.on_commit(lambda: send_notice.delay(notice.pk))
    return notice


@transaction.atomic
def record_phone_notice(*, actor, notice, note=""):
    """The office phoned the sender and told them the answer."""
    if not may_record_notice(actor):
        raise OpinionError(_("Only the campaign office records telling the sender."))
    note = (note or "").strip()[:200]
    told = Notice.objects.filter(
        pk=notice.pk, method=Notice.Method.PHONE, state=Notice.State.PENDING
    ).update(state=Notice.State.SENT, sent_at=timezone.now(), attempts=1)
    if told != 1:
        raise OpinionError(_("This sender has already been told."))
    notice.refresh_from_db()
    record_notified(actor, notice, reason=note)
    return notice


def record_notified(actor, notice, reason=""):
    record(
        actor=actor,
        code="opinions.opinion.notified",
        obj=notice.opinion,
        changes={"method": [None, notice.method]},
        reason=reason,
    )
