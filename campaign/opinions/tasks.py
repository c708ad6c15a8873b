from celery import shared_task

from .notices import deliver_notice


@shared_task
def send_notice(notice_pk):
    """Tell the sender their opinion was answered (claims the row: sent once)."""
    deliver_notice(notice_pk)
