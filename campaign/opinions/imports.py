"""Import opinions from an Excel workbook (the sheet “意见建议”).

It works as the import of units and members (``campaign.org.imports``): the whole file
is checked first; a file with any bad row saves nothing and reports every bad row with
its sheet, row, column and reason; a good file is written in one transaction, each
opinion through ``receive_opinion`` and, when a unit is given, ``route_opinion``.
"""

import datetime
import functools
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from campaign.org.imports import ImportFileError, RowError, UnitDirectory, _text, read_workbook
from campaign.org.models import Unit, UnitKind, User
from campaign.phases import clock

from .labels import choice_labels, choice_labels_everywhere, field_label, field_labels_everywhere
from .models import Category, Channel
from .services import OpinionError, receive_opinion, route_opinion

__all__ = ["ImportFileError", "import_opinions", "template_workbook"]

SHEET = "意见建议"
# Columns by field; each is headed with the screen's label (``labels.field_label``).
COLUMNS = [
    "channel",
    "received_on",
    "content",
    "category",
    "unit",
    "named_person_name",
    "contact_name",
    "contact_phone",
    "contact_email",
]
REQUIRED = {"channel", "received_on", "content", "category"}
# Header names of sheets made before the columns took the screen's labels.
OLDER_HEADERS = {
    "received_on": ["收到日期"],
    "category": ["类别"],
    "contact_name": ["联系人"],
    "contact_email": ["电子邮箱"],
}
MAX_ROWS = 5000  # opinions per file; each goes through the services (a minute or so)
MAX_CONTENT = 3000

# Other names people write for a channel or category, besides the screen's labels.
CHANNEL_NAMES = {
    Channel.FACE: ["面对面听取", "面对面", "走出去听", "当面反映"],
    Channel.DOOR: ["走访入户", "走访", "入户走访", "上门走访", "千名干部走百村联万户", "联户"],
    Channel.SYMPOSIUM: ["座谈会", "征求意见会", "座谈会或征求意见会"],
    Channel.APPRAISAL: ["民主评议"],
    Channel.HOTLINE: ["热线电话", "热线", "电话"],
    Channel.ONLINE: ["网上民声", "网上", "网络", "网站"],
    Channel.QUESTIONNAIRE: ["调查问卷", "问卷", "征求意见表"],
    Channel.BOX: ["意见箱"],
    Channel.PUBLIC: ["网上意见箱", "门户网站意见箱"],
    Channel.PETITION: ["信访", "来信来访", "群众来信", "群众来访"],
    Channel.DISCIPLINE: ["纪检转交", "纪委转交", "纪检"],
    Channel.ORGANISATION: ["组织部门转交", "组织部转交", "组织"],
    Channel.INSPECTION: ["巡视转交", "巡视"],
    Channel.AUDIT: ["审计转交", "审计"],
    Channel.PETITION_OFFICE: ["信访部门转交", "信访局转交", "信访部门"],
}
CATEGORY_NAMES = {
    Category.FORMALISM: ["形式主义"],
    Category.BUREAUCRATISM: ["官僚主义"],
    Category.HEDONISM: ["享乐主义"],
    Category.EXTRAVAGANCE: ["奢靡之风", "奢靡"],
    Category.EMPLOYMENT: ["就业"],
    Category.EDUCATION: ["教育"],
    Category.HEALTH: ["医疗卫生", "医疗", "卫生"],
    Category.SOCIAL_SECURITY: ["社会保障", "社保", "低保"],
    Category.ENVIRONMENT: ["生态环境", "环境", "环保"],
    Category.PUBLIC_SAFETY: ["社会治安", "治安", "公共安全"],
    Category.JUSTICE: ["执法司法", "执法", "司法"],
    Category.LAND: ["征地拆迁", "征地", "拆迁"],
    Category.SERVICE: ["服务群众", "为民服务", "联系服务群众"],
    Category.OTHER: ["其他"],
}


@functools.cache
def _lookup_table(name):
    """{any name of a choice: stored value}: the screen's labels in every language, the
    other names above, and the stored values."""
    names = {"channel": CHANNEL_NAMES, "category": CATEGORY_NAMES}[name]
    table = {alias: choice.value for choice, aliases in names.items() for alias in aliases}
    table.update(choice_labels_everywhere(name))
    table.update({choice.value: choice.value for choice in names})
    return table


@functools.cache
def _header_table():
    """{header cell: field} in every language, older names included."""
    table = {}
    for name in COLUMNS:
        for header in (*field_labels_everywhere(name), *OLDER_HEADERS.get(name, ()), name):
            table.setdefault(header, name)
            table.setdefault(header.lower(), name)
    return table


def _labels(names):
    return "、".join(choice_labels(names).values())


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
PHONE_CHARACTERS = set("0123456789-+() 转")


@dataclass
class Planned:
    """One good row, ready for the services."""

    row: int
    channel: str
    received_on: datetime.date
    content: str
    category: str
    unit_id: int | None
    named_person_name: str
    contact: dict


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: int = 0
    routed: int = 0

    @property
    def ok(self):
        return not self.errors


def _rows(workbook, result):
    """Yield (row number, raw values by column) for the non-empty rows of the sheet."""
    rows = workbook[SHEET].iter_rows(values_only=True)
    table = _header_table()
    header = [str(c).strip().rstrip("*") if c is not None else "" for c in next(rows, [])]
    found = [table.get(cell, table.get(cell.lower())) for cell in header]
    missing = [field_label(c) for c in COLUMNS if c in REQUIRED and c not in found]
    if missing:
        message = _("Required column missing from the header row.")
        result.errors.append(RowError(SHEET, 1, "、".join(missing), message))
        return
    index = {c: found.index(c) for c in COLUMNS if c in found}
    for number, values in enumerate(rows, start=2):
        cells = {c: values[i] if i < len(values) else None for c, i in index.items()}
        if not any(_text(v) for v in cells.values()):
            continue
        if number > MAX_ROWS + 1:
            message = _("Too many rows in one file: at most %(n)s opinions.") % {"n": MAX_ROWS}
            result.errors.append(RowError(SHEET, number, "", message))
            return
        yield number, cells


def parse_date(value):
    """A date from a date cell, an Excel day number or text such as 2014-03-05."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:
        return from_excel(value).date()
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class RowChecker:
    """Checks the rows one by one; collects errors and the good rows."""

    def __init__(self, result):
        self.result = result
        self.directory = UnitDirectory()
        self.today = clock.today()
        self.planned = []

    def check(self, number, cells):
        errors = []

        def bad(column, message):
            errors.append(RowError(SHEET, number, field_label(column), message))

        text = {c: _text(v) for c, v in cells.items()}
        channel = self._choice(text.get("channel", ""), "channel", bad)
        category = self._choice(text.get("category", ""), "category", bad)
        received_on = self._date(cells.get("received_on"), bad)
        content = self._content(text.get("content", ""), bad)
        unit_id = self._unit(text.get("unit", ""), bad)
        named = text.get("named_person_name", "")
        if len(named) > 40:
            bad(
                "named_person_name",
                _("The name of the person named is longer than 40 characters."),
            )
        contact = self._contact(text, bad)
        self.result.errors.extend(errors)
        if not errors:
            self.planned.append(
                Planned(number, channel, received_on, content, category, unit_id, named, contact)
            )

    def _choice(self, text, column, bad):
        if not text:
            bad(column, _("This column is required."))
            return None
        table = _lookup_table(column)
        found = table.get(text) or table.get(text.lower())
        if found is None:
            bad(
                column,
                _("Unknown value “%(value)s”; use one of: %(names)s.")
                % {"value": text, "names": _labels(column)},
            )
        return found

    def _date(self, value, bad):
        if not _text(value):
            bad("received_on", _("This column is required."))
            return None
        day = parse_date(value)
        if day is None:
            bad("received_on", _("Write the date as 2014-03-05."))
        elif day > self.today:
            bad("received_on", _("The date lies in the future."))
        return day

    def _content(self, content, bad):
        if not content:
            bad("content", _("This column is required."))
        elif len(content) < 5:
            bad("content", _("Write the opinion in a few words at least."))
        elif len(content) > MAX_CONTENT:
            bad("content", _("The content is longer than %(n)s characters.") % {"n": MAX_CONTENT})
        return content

    def _unit(self, text, bad):
        if not text:
            return None
        key, message = self.directory.find(text)
        if message:
            bad("unit", message)
            return None
        if self.directory.kinds[key] not in UnitKind.organisations():
            bad("unit", _("An opinion concerns a party organisation, not a heading."))
            return None
        return key[1]

    def _contact(self, text, bad):
        name, phone = text.get("contact_name", ""), text.get("contact_phone", "")
        email = text.get("contact_email", "")
        if len(name) > 40:
            bad("contact_name", _("The contact name is longer than 40 characters."))
        digits = sum(c.isdigit() for c in phone)
        if phone and (len(phone) > 30 or digits < 7 or not set(phone) <= PHONE_CHARACTERS):
            bad("contact_phone", _("Write a phone number, e.g. 13805461234 or 0546-2521234."))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                bad("contact_email", _("Write a valid email address."))
        if name and not (phone or email):
            bad("contact_phone", _("Give a phone number or an email with the contact name."))
        return {"contact_name": name, "contact_phone": phone, "contact_email": email}


def import_opinions(uploaded, *, actor):
    """Check the whole file; write it only if every row is good."""
    # A cell may hold an opinion's whole text, however low IMPORT_MAX_CELL_CHARS is.
    workbook = read_workbook(uploaded, cell_chars=MAX_CONTENT)
    result = ImportResult()
    if SHEET not in workbook.sheetnames:
        message = _("The workbook needs a sheet named “意见建议”.")
        result.errors.append(RowError("", 0, "", message))
        return result
    checker = RowChecker(result)
    for number, cells in _rows(workbook, result):
        checker.check(number, cells)
    if not checker.planned and not result.errors:
        result.errors.append(RowError(SHEET, 0, "", _("The file holds no rows to import.")))
    if result.errors:
        return result
    try:
        _write(checker.planned, actor, result)
    except _Refused as refused:
        result.errors.append(refused.error)
        result.created = result.routed = 0
    return result


class _Refused(Exception):
    """A service refused a row the checks let through: roll the whole file back."""

    def __init__(self, error):
        super().__init__(error.message)
        self.error = error


def named_accounts(unit_ids, names):
    """{(unit pk, full name): account} for names that match exactly one account of
    that unit, so that the person named never sees the opinion about them."""
    found = {}
    names = {name for name in names if name}
    if not names or not unit_ids:
        return {}
    rows = User.objects.filter(unit_id__in=unit_ids, full_name__in=names, is_active=True)
    for user in rows.only("pk", "unit_id", "full_name"):
        key = (user.unit_id, user.full_name)
        found[key] = None if key in found else user
    return {key: user for key, user in found.items() if user is not None}


@transaction.atomic
def _write(planned, actor, result):
    unit_ids = {row.unit_id for row in planned if row.unit_id}
    units = Unit.objects.in_bulk(unit_ids)
    accounts = named_accounts(unit_ids, {row.named_person_name for row in planned})
    for row in planned:
        unit = units.get(row.unit_id)
        try:
            opinion = receive_opinion(
                actor=actor,
                channel=row.channel,
                content=row.content,
                category=row.category,
                received_on=row.received_on,
                unit=unit,
                named_person=accounts.get((row.unit_id, row.named_person_name)),
                named_person_name=row.named_person_name,
                anonymous=not any(row.contact.values()),
                **row.contact,
            )
            if unit is not None:
                route_opinion(actor=actor, opinion=opinion, unit=unit)
                result.routed += 1
        except OpinionError as error:
            raise _Refused(RowError(SHEET, row.row, "", str(error))) from None
        result.created += 1


def template_workbook():
    """An empty sheet with the header row, drop-down lists, and a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([field_label(c) + ("*" if c in REQUIRED else "") for c in COLUMNS])
    for letter, width in zip("ABCDEFGHI", (14, 12, 60, 12, 24, 10, 10, 16, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    last = MAX_ROWS + 1
    for letter, name in (("A", "channel"), ("D", "category")):
        choices = ",".join(choice_labels(name).values())
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    for row in range(2, 52):
        sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    notes = workbook.create_sheet("填写说明")
    for line in INSTRUCTIONS:
        notes.append([str(line)])
    notes.append([_("Channels: %(names)s.") % {"names": _labels("channel")}])
    notes.append([_("Categories: %(names)s.") % {"names": _labels("category")}])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


INSTRUCTIONS = [
    gettext_lazy(
        "Columns marked * are required. Delete no header cell; one row per opinion, "
        "at most 5,000 rows per file."
    ),
    gettext_lazy("Received on: the date the opinion was heard, e.g. 2014-03-05."),
    gettext_lazy(
        "Unit concerned: the party organisation's name, or its full path separated by “/” "
        "when the name is not unique, e.g. 垦利县/镇、街道/胜坨镇. An opinion with a unit "
        "is routed to it at once, with the usual time to answer; one without stays with "
        "the office to be routed."
    ),
    gettext_lazy(
        "Contact name, phone and email: leave all three empty for an anonymous opinion; "
        "with a contact name give a phone number or an email. They are seen by the office "
        "only."
    ),
    gettext_lazy("If any row is wrong nothing is imported, and every wrong row is listed."),
]
