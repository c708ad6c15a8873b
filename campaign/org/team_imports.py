"""Import leadership team seats (班子成员) from an Excel workbook.

As with units and members (``imports``): the whole file is read through the safe reader
and checked before anything is written; a file with any bad row saves nothing and lists
every bad row with its reason; a good file is written in one transaction through the
team services (``teams.add_seat``), so every seat writes its history and a head seat sets
the unit's head. A cadre named in a row is the unit's cadre account of that name, or a
new one.
"""

import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from . import teams
from .imports import ImportFileError as ImportFileError
from .imports import RowError, UnitDirectory, read_workbook
from .models import TEAM_KINDS, Role, TeamSeat, Unit, User

SHEET = "领导班子"
TEAM_COLUMNS = ["单位", "姓名", "职务", "班子职位", "分管单位", "手机"]
REQUIRED = {"单位", "姓名", "职务", "班子职位"}
POSITIONS = {
    "主要负责人": TeamSeat.Position.HEAD,
    "一把手": TeamSeat.Position.HEAD,
    "正职": TeamSeat.Position.HEAD,
    "副职": TeamSeat.Position.DEPUTY,
    "成员": TeamSeat.Position.MEMBER,
    "班子成员": TeamSeat.Position.MEMBER,
}
SEPARATORS = re.compile(r"[、，,;；\n]+")


@dataclass
class TeamImportResult:
    errors: list = field(default_factory=list)
    seats_created: int = 0
    cadres_created: int = 0

    @property
    def ok(self):
        return not self.errors


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(workbook, result):
    """(row number, {column: text}) for the non-empty rows of the team sheet (or the
    workbook's first sheet when none is named 领导班子)."""
    name = SHEET if SHEET in workbook.sheetnames else workbook.sheetnames[0]
    rows = workbook[name].iter_rows(values_only=True)
    header = [str(c).strip().rstrip("*") if c is not None else "" for c in next(rows, [])]
    missing = [c for c in TEAM_COLUMNS if c in REQUIRED and c not in header]
    if missing:
        result.errors.append(
            RowError(name, 1, "、".join(missing), _("Required column missing from the header row."))
        )
        return
    index = {c: header.index(c) for c in TEAM_COLUMNS if c in header}
    for number, values in enumerate(rows, start=2):
        cells = {c: _text(values[i] if i < len(values) else None) for c, i in index.items()}
        if any(cells.values()):
            yield name, number, cells


class _Teams:
    """What the database already holds about the teams the file names."""

    def __init__(self):
        self.units = {}
        self.scopes = {}
        self.heads = set(
            TeamSeat.objects.filter(position=TeamSeat.Position.HEAD).values_list(
                "unit_id", flat=True
            )
        )
        self.seated = set(TeamSeat.objects.values_list("unit_id", "cadre__full_name"))

    def unit(self, pk):
        if pk not in self.units:
            self.units[pk] = Unit.objects.get(pk=pk)
        return self.units[pk]

    def scope(self, unit):
        if unit.pk not in self.scopes:
            self.scopes[unit.pk] = set(teams.oversee_scope(unit).values_list("pk", flat=True))
        return self.scopes[unit.pk]


def _check_row(cells, directory, known, seen, bad):
    """The planned seat of one row, or None; each problem reported through ``bad``."""
    unit = None
    key, message = directory.find(cells.get("单位", "")) if cells.get("单位") else (None, None)
    if not cells.get("单位"):
        bad("单位", _("The unit is required."))
    elif message:
        bad("单位", message)
    elif directory.kinds[key] not in TEAM_KINDS:
        bad("单位", _("A unit of this kind has no leadership team."))
    else:
        unit = known.unit(key[1])
    name = cells.get("姓名", "")
    if not name:
        bad("姓名", _("The name is required."))
    elif len(name) > 40:
        bad("姓名", _("The name is longer than 40 characters."))
    title = cells.get("职务", "")
    if not title:
        bad("职务", _("Give the cadre's title, e.g. 副局长."))
    elif len(title) > 40:
        bad("职务", _("The title is longer than 40 characters."))
    position = POSITIONS.get(cells.get("班子职位", ""))
    if position is None:
        bad("班子职位", _("Write 主要负责人, 副职 or 成员."))
    phone = cells.get("手机", "")
    if len(phone) > 30:
        bad("手机", _("The mobile number is longer than 30 characters."))
    oversees = []
    for part in SEPARATORS.split(cells.get("分管单位", "")):
        if not part.strip() or unit is None:
            continue
        found, message = directory.find(part.strip())
        if message:
            bad("分管单位", message)
        elif found[0] != "db" or found[1] not in known.scope(unit):
            bad("分管单位", _("%(name)s is not a unit this team may oversee.") % {"name": part})
        else:
            oversees.append(found[1])
    if unit is None or not name:
        return None
    if (unit.pk, name) in known.seated or (unit.pk, name) in seen:
        bad("姓名", _("%(name)s already has a seat on this team.") % {"name": name})
    if position == TeamSeat.Position.HEAD:
        if unit.pk in known.heads:
            bad("班子职位", _("The team already has a principal leader: a team has only one."))
        known.heads.add(unit.pk)
    seen.add((unit.pk, name))
    return {
        "unit": unit,
        "name": name,
        "title": title,
        "position": position,
        "phone": phone,
        "oversees": oversees,
    }


def import_team_workbook(uploaded, *, actor):
    """Check the whole file; write it only if every row is good."""
    workbook = read_workbook(uploaded)
    result = TeamImportResult()
    directory = UnitDirectory()
    known, seen, planned = _Teams(), set(), []
    for sheet, number, cells in _rows(workbook, result):
        errors = []

        def bad(column, message, errors=errors, number=number, sheet=sheet):
            errors.append(RowError(sheet, number, column, message))

        seat = _check_row(cells, directory, known, seen, bad)
        result.errors.extend(errors)
        planned.append(seat)
    if not planned and not result.errors:
        result.errors.append(RowError("", 0, "", _("The file holds no rows to import.")))
    if result.errors:
        return result
    try:
        _write(planned, actor, result)
    except teams.OrgError as error:
        result.errors.append(RowError("", 0, "", str(error)))
        result.seats_created = result.cadres_created = 0
    return result


@transaction.atomic
def _write(planned, actor, result):
    cadres = {
        (u.unit_id, u.full_name): u
        for u in User.objects.filter(
            role=Role.CADRE, unit__in={p["unit"].pk for p in planned}, is_active=True
        ).order_by("id")
    }
    for row in planned:
        cadre = cadres.get((row["unit"].pk, row["name"]))
        teams.add_seat(
            actor=actor,
            unit=row["unit"],
            cadre=cadre,
            new_cadre=None if cadre else {"full_name": row["name"]},
            position=row["position"],
            title=row["title"],
            phone=row["phone"],
            oversees=Unit.objects.filter(pk__in=row["oversees"]),
        )
        result.seats_created += 1
        result.cadres_created += cadre is None


def team_template_workbook():
    """An empty team sheet with its header row, an example row and the instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([c + ("*" if c in REQUIRED else "") for c in TEAM_COLUMNS])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 20
    notes = workbook.create_sheet("填写说明")
    for line in INSTRUCTIONS:
        notes.append([str(line)])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


INSTRUCTIONS = [
    gettext_lazy("Columns marked * are required. One row per seat on a leadership team."),
    gettext_lazy(
        "Unit: the team's unit (a county leadership team, department, window unit or town), "
        "by name or full path separated by “/”."
    ),
    gettext_lazy("Team position: 主要负责人, 副职 or 成员; a team has one 主要负责人."),
    gettext_lazy(
        "Oversees: the names of the units the cadre is in charge of, separated by 、; for a "
        "county leadership team any unit of the county, else the unit's own sub-units."
    ),
    gettext_lazy(
        "A cadre is the unit's cadre account of that name; with none, an account is made "
        "(the office sets its password)."
    ),
    gettext_lazy("If any row is wrong nothing is imported, and every wrong row is listed."),
]
