"""Delivering a notice to a sender: claim the row with a conditional update, record the
attempt before sending, then the result. Any number of workers, any crash: a notice is
never sent twice; one whose worker died stays 'sending' and is reported, not resent."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .feedback import record_notified
from .models import Notice


def deliver_notice(notice_pk):
    waiting = Notice.objects.filter(
        pk=notice_pk, state=Notice.State.PENDING, method=Notice.Method.EMAIL
    )
    claimed = waiting.update(state=Notice.State.SENDING, claimed_at=timezone.now(), attempts=1)
    if claimed != 1:
        return False
    notice = Notice.objects.select_related("opinion").get(pk=notice_pk)
    opinion = notice.opinion
    with override("zh-hans"):
        subject = _("Your opinion %(code)s has been answered") % {"code": opinion.receipt_code}
        body = _("Answer:\n%(answer)s\n\nYou can look it up with the receipt code %(code)s.") % {
            "answer": opinion.answer,
            "code": opinion.receipt_code,
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [opinion.contact_email])
    except Exception as error:  # the mail server's errors are many; record any of them
        Notice.objects.filter(pk=notice_pk).update(
            state=Notice.State.FAILED, error=str(error)[:500]
        )
        return False
    with transaction.atomic():
        Notice.objects.filter(pk=notice_pk).update(state=Notice.State.SENT, sent_at=timezone.now())
        record_notified(None, notice)
    return True
