"""Export the filtered opinion list to Excel.

The rows are those of the list page for the same filters (``filters.filter_opinions``
over ``access.opinions_for``), read with an iterator in chunks and written by a
write-only workbook into a temporary file, so memory stays flat however many rows there
are. Contact columns are written only for users who may see contact details. The column
names of the import are used where they match, so an exported sheet reads back in.
"""

import tempfile

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from .access import may_see_contact, opinions_for
from .filters import filter_opinions
from .imports import CATEGORY_NAMES, CHANNEL_NAMES, SHEET
from .models import Status

CHUNK = 2000
STATUS_NAMES = {
    Status.RECEIVED: "待交办",
    Status.ROUTED: "已交办",
    Status.HANDLING: "办理中",
    Status.ANSWERED: "已答复",
    Status.CLOSED: "已办结",
    Status.MERGED: "已合并",
}
CHANNEL_LABELS = {choice.value: names[0] for choice, names in CHANNEL_NAMES.items()}
CATEGORY_LABELS = {choice.value: names[0] for choice, names in CATEGORY_NAMES.items()}
COLUMNS = [
    ("受理编号", 13),
    ("渠道", 12),
    ("收到日期", 12),
    ("类别", 10),
    ("内容", 60),
    ("涉及单位", 24),
    ("涉及人员", 10),
    ("状态", 8),
    ("交办时间", 17),
    ("答复期限", 12),
    ("答复内容", 50),
    ("答复时间", 17),
    ("答复已公开", 10),
    ("办结时间", 17),
    ("合并至", 13),
]
CONTACT_COLUMNS = [("联系人", 10), ("联系电话", 16), ("电子邮箱", 24)]
FIELDS = [
    "receipt_code",
    "channel",
    "received_on",
    "category",
    "content",
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
    sheet.append([name for name, _width in columns])
    for opinion in export_queryset(user, form).iterator(chunk_size=CHUNK):
        sheet.append([_cell(sheet, value) for value in row(opinion, contact)])
    # Returned open: the FileResponse streams it and closes it (which deletes it).
    handle = tempfile.TemporaryFile(prefix="opinions-", suffix=".xlsx")  # noqa: SIM115
    try:
        workbook.save(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


def row(opinion, contact=False):
    values = [
        opinion.receipt_code,
        CHANNEL_LABELS.get(opinion.channel, opinion.channel),
        opinion.received_on,
        CATEGORY_LABELS.get(opinion.category, opinion.category),
        opinion.content,
        opinion.unit.name if opinion.unit_id else "",
        opinion.named_person_name,
        STATUS_NAMES.get(opinion.status, opinion.status),
        _local(opinion.routed_at),
        opinion.answer_due,
        opinion.answer,
        _local(opinion.answered_at),
        "是" if opinion.answer_published else "",
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
