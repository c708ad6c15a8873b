from celery import shared_task
from django.utils import timezone

from .models import Heartbeat


@shared_task
def heartbeat():
    """Show that the worker and the scheduler run (read by /healthz and the office)."""
    Heartbeat.objects.update_or_create(pk=1, defaults={"beat_at": timezone.now()})
