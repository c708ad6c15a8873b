"""Export the filtered opinion list to Excel.

The rows are those of the list page for the same filters (``filters.filter_opinions``
over ``access.opinions_for``), read with an iterator in chunks and written by a
write-only workbook into a temporary file, so memory stays flat however many rows there
are. Contact columns are written only for users who may see contact details, and the
content is the masked copy where the office masked one (moderation.py), for everyone:
the original is read on screen only, each time recorded. The column
labels are those of the screen (``labels``); the import reads them, so an exported sheet
reads back in.
"""

import tempfile

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from .access import may_see_contact, opinions_for
from .filters import filter_opinions
from .imports import SHEET
from .labels import choice_labels, field_label

CHUNK = 2000
# (field, column width): each column is headed with the screen's label of its field, and
# a channel, category or status is written as the screen shows it.
COLUMNS = [
    ("receipt_code", 13),
    ("channel", 14),
    ("received_on", 12),
    ("category", 10),
    ("content", 60),
    ("unit", 24),
    ("named_person_name", 10),
    ("status", 10),
    ("routed_at", 17),
    ("answer_due", 12),
    ("answer", 50),
    ("answered_at", 17),
    ("answer_published", 10),
    ("closed_at", 17),
    ("merged_into", 13),
]
CONTACT_COLUMNS = [("contact_name", 10), ("contact_phone", 16), ("contact_email", 24)]
FIELDS = [
    "receipt_code",
    "channel",
    "received_on",
    "category",
    "content",
    "shown_content",
    "unit__name",
    "named_person_name",
    "status",
    "routed_at",
    "answer_due",
    "answer",
    "answered_at",
    "answer_published",
    "closed_at",
    "merged_into__receipt_code",
]
CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_email"]


def header(contact=False):
    return [field_label(name) for name, _width in COLUMNS + CONTACT_COLUMNS * contact]


def export_queryset(user, form):
    contact = may_see_contact(user)
    fields = FIELDS + CONTACT_FIELDS * contact
    return (
        filter_opinions(opinions_for(user), form)
        .select_related("unit", "merged_into")
        .only(*fields)
        .order_by("-received_on", "-id")
    )


def export_opinions(user, form):
    """The user's opinions under the filters of ``form``, as an open temporary .xlsx file
    positioned at its start (closing it deletes it)."""
    contact = may_see_contact(user)
    columns = COLUMNS + CONTACT_COLUMNS * contact
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for number, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append(header(contact))
    labels = Labels()
    for opinion in export_queryset(user, form).iterator(chunk_size=CHUNK):
        sheet.append([_cell(sheet, value) for value in row(opinion, contact, labels)])
    # Returned open: the FileResponse streams it and closes it (which deletes it).
    handle = tempfile.TemporaryFile(prefix="opinions-", suffix=".xlsx")  # noqa: SIM115
    try:
        workbook.save(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


class Labels:
    """The choice labels in the active language, looked up once per export."""

    def __init__(self):
        self.channel = choice_labels("channel")
        self.category = choice_labels("category")
        self.status = choice_labels("status")
        self.yes = _("yes")


def row(opinion, contact=False, labels=None):
    labels = labels or Labels()
    values = [
        opinion.receipt_code,
        labels.channel.get(opinion.channel, opinion.channel),
        opinion.received_on,
        labels.category.get(opinion.category, opinion.category),
        opinion.shown_text,
        opinion.unit.name if opinion.unit_id else "",
        opinion.named_person_name,
        labels.status.get(opinion.status, opinion.status),
        _local(opinion.routed_at),
        opinion.answer_due,
        opinion.answer,
        _local(opinion.answered_at),
        labels.yes if opinion.answer_published else "",
        _local(opinion.closed_at),
        opinion.merged_into.receipt_code if opinion.merged_into_id else "",
    ]
    if contact:
        values += [opinion.contact_name, opinion.contact_phone, opinion.contact_email]
    return values


def _local(moment):
    """Excel keeps no time zone: the local time, without one."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _cell(sheet, value):
    """Text stays text: a cell starting with “=” would otherwise be a formula."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
