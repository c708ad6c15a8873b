"""Today's date for deadlines: the real date, or the campaign's frozen date in a demo."""

from django.utils import timezone


def today():
    from .models import Campaign

    frozen = Campaign.objects.values_list("frozen_on", flat=True).order_by("id").first()
    return frozen or timezone.localdate()
