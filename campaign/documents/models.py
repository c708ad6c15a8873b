"""Records a unit writes as a title and a text, until their structured records land
(the opinions report of phase 1; meeting records, plans, ledgers and rule plans)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.review.writing import WrittenRecord


class TextDocument(WrittenRecord):
    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("written material")
        verbose_name_plural = _("written materials")
        indexes = [models.Index(fields=["unit", "kind"], name="documents_unit_kind")]

    def get_absolute_url(self):
        return reverse("documents:edit", args=[self.pk])
