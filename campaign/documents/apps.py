from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.review import kinds

# (code, label, default levels, order): what units write as text for now.
TEXT_KINDS = [
    ("report", _("Report on opinions heard"), (kinds.HEAD, kinds.GROUP), 20),
    ("material", _("Self-examination material"), (kinds.HEAD, kinds.GROUP, kinds.OFFICE), 30),
    ("meeting", _("Meeting record"), (kinds.HEAD, kinds.GROUP), 40),
    ("plan", _("Rectification plan"), (kinds.HEAD, kinds.GROUP, kinds.OFFICE), 50),
    ("ledger", _("Rectification ledger"), (kinds.HEAD, kinds.GROUP, kinds.OFFICE), 60),
    ("rules", _("Rule-building plan"), (kinds.HEAD, kinds.GROUP), 70),
]


class DocumentsConfig(AppConfig):
    name = "campaign.documents"
    label = "documents"
    verbose_name = _("Written materials")

    def ready(self):
        from .services import unmet

        for code, label, levels, order in TEXT_KINDS:
            kinds.register(
                kinds.ReviewKind(
                    code=code,
                    label=label,
                    model="documents.TextDocument",
                    levels=levels,
                    snapshot=lambda record: record.snapshot(),
                    unmet=unmet,
                    edit_url=lambda record: reverse("documents:edit", args=[record.pk]),
                    start_url=lambda unit, requirement: reverse(
                        "documents:start", args=[unit.pk, requirement.pk]
                    ),
                    order=order,
                )
            )
