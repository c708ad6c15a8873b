"""Import units and party members from an Excel workbook.

The whole file is checked before anything is written. A file with any bad row saves
nothing and reports every bad row with its reason; a good file is written in one
transaction.
"""

import io
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from campaign.core import xlsx
from campaign.core.xlsx import ImportFileError as ImportFileError  # raised by read_workbook
from campaign.history.services import record

from . import services
from .models import DEFAULT_WAVE, Member, Sector, SupervisionGroup, Unit, UnitKind, Wave

UNIT_SHEET = "单位"
MEMBER_SHEET = "党员"
UNIT_COLUMNS = ["单位名称", "上级单位", "类别", "梯次", "行业系统", "督导组"]
MEMBER_COLUMNS = [
    "姓名",
    "所在单位",
    "性别",
    "出生年份",
    "职务",
    "联系电话",
    "离退休",
    "年老体弱",
    "流动党员",
    "一线职工",
]
REQUIRED = {"单位名称", "上级单位", "类别", "姓名", "所在单位"}

KIND_NAMES = {
    UnitKind.CATEGORY: ["分类"],
    UnitKind.LEADERSHIP: ["县级领导班子", "领导班子"],
    UnitKind.DEPARTMENT: ["县直部门单位", "县直部门", "部门单位"],
    UnitKind.WINDOW: ["执法监管部门和窗口单位", "窗口单位", "执法监管部门"],
    UnitKind.TOWN: ["镇、街道", "镇街道", "镇", "街道", "乡"],
    UnitKind.VILLAGE: ["村、社区", "村社区", "村", "社区"],
    UnitKind.ENTERPRISE: ["非公企业和社会组织", "非公企业", "社会组织"],
}
KIND_BY_NAME = {name: kind for kind, names in KIND_NAMES.items() for name in names}
KIND_BY_NAME.update({kind.value: kind for kind in UnitKind if kind != UnitKind.COUNTY})
YES = {"是", "√", "✓", "1", "y", "yes", "true", "x"}
NO = {"否", "", "0", "n", "no", "false"}
GENDERS = {"男": Member.Gender.MALE, "女": Member.Gender.FEMALE}


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    units_created: int = 0
    members_created: int = 0

    @property
    def ok(self):
        return not self.errors


def read_workbook(uploaded, *, cell_chars=0):
    """The uploaded workbook, through the safe reader (``campaign.core.xlsx``): it refuses
    anything but an ordinary .xlsx within the IMPORT_MAX_* settings, by raising
    ``ImportFileError`` here or while its rows are read. ``cell_chars`` raises the limit
    on a cell's characters for a column that may hold more (an opinion's text)."""
    limits = xlsx.Limits.from_settings()
    if cell_chars > limits.cell_chars:
        limits = replace(limits, cell_chars=cell_chars)
    return xlsx.open_workbook(uploaded, limits=limits)


def _rows(workbook, sheet, columns, result):
    """Yield (row number, {column: text}) for the non-empty rows of ``sheet``."""
    if sheet not in workbook.sheetnames:
        return
    rows = workbook[sheet].iter_rows(values_only=True)
    header = [str(c).strip().rstrip("*") if c is not None else "" for c in next(rows, [])]
    missing = [c for c in columns if c in REQUIRED and c not in header]
    if missing:
        result.errors.append(
            RowError(
                sheet, 1, "、".join(missing), _("Required column missing from the header row.")
            )
        )
        return
    index = {c: header.index(c) for c in columns if c in header}
    for number, values in enumerate(rows, start=2):
        cells = {c: _text(values[i] if i < len(values) else None) for c, i in index.items()}
        if any(cells.values()):
            yield number, cells


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class UnitDirectory:
    """Finds units by name or by a path of names ("垦利县/镇、街道/胜坨镇"), including
    the units the same file is about to create."""

    def __init__(self):
        self.by_id = {}
        self.by_name = {}
        self.kinds = {}
        rows = Unit.objects.values_list("pk", "name", "parent_id", "kind")
        for pk, name, parent_id, kind in rows:
            self._add(("db", pk), name, ("db", parent_id) if parent_id else None, kind)

    def _add(self, key, name, parent_key, kind):
        self.by_id[key] = (name, parent_key)
        self.kinds[key] = kind
        self.by_name.setdefault(name, []).append(key)

    def add_new(self, row_number, name, parent_key, kind):
        key = ("new", row_number)
        self._add(key, name, parent_key, kind)
        return key

    def full_name(self, key):
        names = []
        while key is not None:
            name, key = self.by_id[key]
            names.append(name)
        return "/".join(reversed(names))

    def find(self, text):
        """Return (key, error message)."""
        parts = [p.strip() for p in text.split("/") if p.strip()]
        candidates = self.by_name.get(parts[-1], []) if parts else []
        if len(parts) > 1:
            candidates = [k for k in candidates if self.full_name(k).endswith("/".join(parts))]
        if not candidates:
            return None, _("No unit named “%(name)s”.") % {"name": text}
        if len(candidates) > 1:
            return None, _(
                "More than one unit is named “%(name)s”: write the full path, "
                "separated by “/”, e.g. %(example)s."
            ) % {"name": text, "example": self.full_name(candidates[0])}
        return candidates[0], None


def _by_name(model, field_name):
    return {getattr(o, field_name): o for o in model.objects.all()}


def _check_units(workbook, directory, result):
    sectors = _by_name(Sector, "name")
    groups = _by_name(SupervisionGroup, "name")
    groups.update({str(g.number): g for g in groups.values()})
    planned = []
    for number, cells in _rows(workbook, UNIT_SHEET, UNIT_COLUMNS, result):
        errors = []

        def bad(column, message, errors=errors, number=number):
            errors.append(RowError(UNIT_SHEET, number, column, message))

        name = cells.get("单位名称", "")
        if not name:
            bad("单位名称", _("The unit name is required."))
        elif len(name) > 100:
            bad("单位名称", _("The unit name is longer than 100 characters."))
        parent_key = None
        if not cells.get("上级单位"):
            bad("上级单位", _("The parent unit is required."))
        else:
            parent_key, message = directory.find(cells["上级单位"])
            if message:
                bad("上级单位", message)
        kind = KIND_BY_NAME.get(cells.get("类别", ""))
        if kind is None:
            bad(
                "类别",
                _("Unknown kind “%(kind)s”; use one of: %(kinds)s.")
                % {
                    "kind": cells.get("类别", ""),
                    "kinds": "、".join(names[0] for names in KIND_NAMES.values()),
                },
            )
        wave = _wave(cells.get("梯次", ""), kind)
        if wave is None:
            bad("梯次", _("The wave must be 1, 2 or 3."))
        sector = _lookup(cells.get("行业系统", ""), sectors, "行业系统", bad, _("No such sector."))
        group = _lookup(
            cells.get("督导组", ""), groups, "督导组", bad, _("No such supervision group.")
        )
        if (
            parent_key
            and name
            and any(directory.by_id[k][1] == parent_key for k in directory.by_name.get(name, []))
        ):
            bad("单位名称", _("The parent unit already has a sub-unit with this name."))
        result.errors.extend(errors)
        key = directory.add_new(number, name, parent_key, kind) if name else None
        planned.append((key, name, parent_key, kind, wave, sector, group))
    return planned


WAVE_WORDS = {"1": 1, "2": 2, "3": 3, "一": 1, "二": 2, "三": 3}


def _wave(text, kind):
    if not text:
        return DEFAULT_WAVE.get(kind, Wave.FIRST)
    return WAVE_WORDS.get(text.replace("第", "").replace("梯次", "").strip())


def _lookup(text, table, column, bad, message):
    if not text:
        return None
    found = table.get(text)
    if found is None:
        bad(column, message)
    return found


def _flag(text, column, bad):
    value = text.lower()
    if value in YES:
        return True
    if value in NO:
        return False
    bad(column, _("Write 是 or 否 (or leave it empty)."))
    return False


def _check_members(workbook, directory, result):
    existing = set(Member.objects.values_list("unit_id", "name", "birth_year"))
    planned = []
    for number, cells in _rows(workbook, MEMBER_SHEET, MEMBER_COLUMNS, result):
        errors = []

        def bad(column, message, errors=errors, number=number):
            errors.append(RowError(MEMBER_SHEET, number, column, message))

        name = cells.get("姓名", "")
        if not name:
            bad("姓名", _("The name is required."))
        elif len(name) > 40:
            bad("姓名", _("The name is longer than 40 characters."))
        unit_key = None
        if not cells.get("所在单位"):
            bad("所在单位", _("The unit is required."))
        else:
            unit_key, message = directory.find(cells["所在单位"])
            if message:
                bad("所在单位", message)
            elif directory.kinds[unit_key] not in UnitKind.organisations():
                bad("所在单位", _("Members belong to a party organisation, not to a heading."))
                unit_key = None
        gender = cells.get("性别", "")
        if gender and gender not in GENDERS:
            bad("性别", _("Write 男 or 女."))
        birth_year = None
        if cells.get("出生年份"):
            text = cells["出生年份"]
            if not text.isdigit() or not 1900 <= int(text) <= 2010:
                bad("出生年份", _("Write a year between 1900 and 2010, e.g. 1965."))
            else:
                birth_year = int(text)
        if unit_key and unit_key[0] == "db" and (unit_key[1], name, birth_year) in existing:
            bad("姓名", _("This member is already on the unit's roster (same name and year)."))
        flags = {
            f: _flag(cells.get(c, ""), c, bad)
            for f, c in (
                ("is_retired", "离退休"),
                ("is_frail", "年老体弱"),
                ("is_migrant", "流动党员"),
                ("is_frontline", "一线职工"),
            )
        }
        result.errors.extend(errors)
        planned.append(
            dict(
                unit_key=unit_key,
                name=name,
                gender=GENDERS.get(gender, ""),
                birth_year=birth_year,
                position=cells.get("职务", "")[:60],
                phone=cells.get("联系电话", "")[:30],
                **flags,
            )
        )
    return planned


def import_workbook(uploaded, *, actor):
    """Check the whole file; write it only if every row is good."""
    workbook = read_workbook(uploaded)
    result = ImportResult()
    if UNIT_SHEET not in workbook.sheetnames and MEMBER_SHEET not in workbook.sheetnames:
        result.errors.append(
            RowError("", 0, "", _("The workbook needs a sheet named “单位” or “党员”."))
        )
        return result
    directory = UnitDirectory()
    units = _check_units(workbook, directory, result)
    members = _check_members(workbook, directory, result)
    if not units and not members and not result.errors:
        result.errors.append(RowError("", 0, "", _("The file holds no rows to import.")))
    if result.errors:
        return result
    _write(units, members, actor, result)
    return result


@transaction.atomic
def _write(units, members, actor, result):
    created = {}
    for key, name, parent_key, kind, wave, sector, group in units:
        if parent_key[0] == "new":
            parent = created[parent_key]
        else:
            parent = Unit.objects.get(pk=parent_key[1])
        created[key] = services.create_unit(
            actor=actor, name=name, kind=kind, parent=parent, wave=wave, sector=sector, group=group
        )
    rows = []
    for values in members:
        key = values.pop("unit_key")
        unit_id = created[key].pk if key[0] == "new" else key[1]
        rows.append(Member(unit_id=unit_id, **values))
    Member.objects.bulk_create(rows, batch_size=1000)
    per_unit = {}
    for row in rows:
        per_unit[row.unit_id] = per_unit.get(row.unit_id, 0) + 1
    for unit in Unit.objects.filter(pk__in=per_unit):
        record(
            actor=actor,
            code="org.members.imported",
            obj=unit,
            changes={"members": [None, per_unit[unit.pk]]},
        )
    result.units_created = len(created)
    result.members_created = len(rows)


def template_workbook():
    """An empty workbook with the two sheets' header rows and a sheet of instructions."""
    workbook = Workbook()
    units = workbook.active
    units.title = UNIT_SHEET
    units.append([c + ("*" if c in REQUIRED else "") for c in UNIT_COLUMNS])
    members = workbook.create_sheet(MEMBER_SHEET)
    members.append([c + ("*" if c in REQUIRED else "") for c in MEMBER_COLUMNS])
    notes = workbook.create_sheet("填写说明")
    for line in INSTRUCTIONS:
        notes.append([str(line)])
    for sheet in (units, members):
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


INSTRUCTIONS = [
    gettext_lazy(
        "Columns marked * are required. Delete no header cell; one row per unit or member."
    ),
    gettext_lazy(
        "Parent unit / unit: the unit's name, or its full path separated by “/” when the "
        "name is not unique, e.g. 垦利县/镇、街道/胜坨镇. Units listed earlier in the "
        "same sheet may be used as parents."
    ),
    gettext_lazy(
        "Kind: 县级领导班子, 县直部门单位, 执法监管部门和窗口单位, 镇、街道, 村、社区, "
        "非公企业和社会组织, or 分类 for a heading."
    ),
    gettext_lazy("Wave: 1, 2 or 3; empty takes the kind's usual wave."),
    gettext_lazy("Supervision group: its name or number. Sector: its name."),
    gettext_lazy("Flags (retired, elderly or frail, migrant, front-line): 是 or 否, or empty."),
    gettext_lazy("If any row is wrong nothing is imported, and every wrong row is listed."),
]
