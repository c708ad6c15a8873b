"""Read an Excel workbook (.xlsx) that anybody may have sent, safely.

An upload is an ``.xlsx`` by its content, never by its name: a zip whose
``[Content_Types].xml`` declares the SpreadsheetML main part. A macro-enabled workbook
(``.xlsm``, or any package holding ``vbaProject.bin``), an old ``.xls``, or anything else is
refused. Before a byte is parsed the upload's size, the zip's number of parts, each part's
and the total unpacked size and each part's compression ratio are checked against the
limits. Every XML part is then parsed incrementally by defusedxml's parser (no document
type, no entity, no external reference) into callbacks that build no tree, so memory
stays flat whatever the part holds.

Rows are streamed from the sheet XML as they are written: ``<dimension>`` is never read,
so a sheet that claims millions of cells costs nothing and one that claims one cell is
read whole. Rows, columns and the characters of a cell are capped while streaming; the
reader stops at the first cap it meets.

Every refusal is an ``ImportFileError`` whose message (gettext) names the limit. Limits
come from settings at call time (``Limits.from_settings``).

The workbook looks like openpyxl's read-only one as far as the imports use it:
``workbook.sheetnames`` and ``workbook[name].iter_rows(values_only=True)``, which yields a
tuple of cell values per row (``None`` for an empty cell, ``()`` for an empty row), from
row 1 to the last row that holds a value. Values are ``str``, ``int``, ``float``, ``bool``
or ``datetime`` (a number in a date format, as openpyxl gives it).
"""

import contextlib
import datetime
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

MB = 1024 * 1024
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# Content types and part names that mean macros: refused even in a file named .xlsx.
MACRO_MARKERS = ("macroenabled", "vbaproject")
# Fixed limits (the configurable ones are in ``Limits``).
MAX_MEMBERS = 1000  # parts in the zip; an ordinary workbook has a few dozen
MAX_RATIO = 100  # unpacked size / packed size of one part
RATIO_FLOOR = MB  # parts smaller than this unpacked are not held to MAX_RATIO
MAX_DEPTH = 40  # XML nesting; SpreadsheetML needs fewer than 10
MAX_PART_ITEMS = 100_000  # sheets, relationships, content types, styles in their parts
EXCEL_MAX_COLUMNS = 16384  # <c> elements in one row, empty ones included
EXCEL_MAX_ROWS = 1048576
CHUNK = 64 * 1024

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# An OLE compound file: an old .xls, or an .xlsx encrypted with a password.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LETTERS = re.compile(r"[A-Z]{1,3}")


class ImportFileError(Exception):
    """The file as a whole cannot be read (its message says why, for the user)."""


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 5 * MB
    uncompressed_bytes: int = 100 * MB
    rows: int = 50000
    columns: int = 50
    cell_chars: int = 2000

    @classmethod
    def from_settings(cls):
        """The limits configured now (portal/settings.py, from the environment)."""
        return cls(
            file_bytes=getattr(settings, "IMPORT_MAX_FILE_MB", 5) * MB,
            uncompressed_bytes=getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 100) * MB,
            rows=getattr(settings, "IMPORT_MAX_ROWS", 50000),
            columns=getattr(settings, "IMPORT_MAX_COLUMNS", 50),
            cell_chars=getattr(settings, "IMPORT_MAX_CELL_CHARS", 2000),
        )


def _not_excel():
    return ImportFileError(_("Please upload an Excel file (.xlsx)."))


def _unreadable():
    return ImportFileError(_("This file could not be read as an Excel workbook (.xlsx)."))


def too_large_message(limit_bytes):
    """The message for an upload larger than ``limit_bytes`` (the import form uses it too)."""
    return _("The file is larger than %(limit)s MB.") % {"limit": _mb(limit_bytes)}


def _mb(size):
    return f"{size / MB:g}"


def open_workbook(uploaded, *, limits=None):
    """The workbook in ``uploaded`` (a file object), or ``ImportFileError``.

    The package is checked here; the sheets are parsed when their rows are read, so
    iterating over them may raise ``ImportFileError`` too.
    """
    limits = limits or Limits.from_settings()
    data = _read_upload(uploaded, limits)
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls) or a workbook protected by a password: "
                "save it in Excel as an Excel workbook (.xlsx) without a password and "
                "upload that."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise _not_excel()
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # zipfile raises many types for a damaged archive
        raise _unreadable() from None
    parts = _check_package(package, limits)
    return Workbook(package, parts, limits)


def _read_upload(uploaded, limits):
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > limits.file_bytes:
        raise ImportFileError(too_large_message(limits.file_bytes))
    with contextlib.suppress(AttributeError, OSError, ValueError):
        uploaded.seek(0)
    data = uploaded.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise ImportFileError(too_large_message(limits.file_bytes))
    return data


def _check_package(package, limits):
    """{lower-case part name: ZipInfo} once every size and type check has passed."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(
            _("The file holds more than %(limit)s parts: it is not an ordinary workbook.")
            % {"limit": MAX_MEMBERS}
        )
    unpacked = _("Unpacked, the file would be larger than %(limit)s MB.") % {
        "limit": _mb(limits.uncompressed_bytes)
    }
    total = 0
    parts = {}
    for info in members:
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise _unreadable()
        total += info.file_size
        if info.file_size > limits.uncompressed_bytes or total > limits.uncompressed_bytes:
            raise ImportFileError(unpacked)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise ImportFileError(
                _(
                    "The file is compressed more than %(limit)s times over, as no ordinary "
                    "workbook is: it is refused."
                )
                % {"limit": MAX_RATIO}
            )
        name = info.filename.lower()
        if any(marker in name for marker in MACRO_MARKERS):
            raise _macros()
        parts[name] = info
    return parts


def _macros():
    return ImportFileError(
        _(
            "Workbooks with macros (.xlsm) are not accepted: save the file in Excel as an "
            "Excel workbook (.xlsx) and upload that."
        )
    )


class Workbook:
    """The sheets of a checked package; rows are read when asked for."""

    def __init__(self, package, parts, limits):
        self._package = package
        self._parts = parts
        self.limits = limits
        main = self._main_part()
        rels = _relationships(self, main)
        sheets, self.epoch = _sheets(self, main)
        self._strings = None
        self._strings_part = _related(rels, "sharedStrings")
        self.date_styles = _date_styles(self, _related(rels, "styles"))
        self._sheets = {}
        for name, rel_id in sheets:
            rel = rels.get(rel_id)
            if rel and rel[0].endswith("/worksheet") and rel[1] in parts:
                self._sheets.setdefault(name, Sheet(self, name, rel[1]))
        self.sheetnames = list(self._sheets)

    def __getitem__(self, name):
        return self._sheets[name]

    def __contains__(self, name):
        return name in self._sheets

    def _main_part(self):
        if "[content_types].xml" not in self._parts:
            raise _not_excel()
        main = []
        for _local, attrib in _scan(self, "[content_types].xml", {"Default", "Override"}):
            content_type = attrib.get("ContentType", "").strip().lower()
            if any(marker in content_type for marker in MACRO_MARKERS):
                raise _macros()
            if content_type == SHEET_MAIN and "PartName" in attrib:
                main.append(attrib["PartName"].lstrip("/").lower())
        if len(main) != 1:
            raise _not_excel()
        if main[0] not in self._parts:
            raise _unreadable()
        return main[0]

    def open(self, name):
        return self._package.open(self._parts[name])

    def strings(self):
        """The shared strings, read once, when a sheet first needs them."""
        if self._strings is None:
            self._strings = _shared_strings(self, self._strings_part)
        return self._strings


class Sheet:
    def __init__(self, workbook, title, part):
        self.workbook = workbook
        self.title = title
        self.part = part

    def iter_rows(self, values_only=True):
        """Yield a tuple of values per row, from row 1 to the last row with a value."""
        target = _SheetTarget(self)
        expected = 1
        for _chunk in _parse(self.workbook, self.part, target):
            for number, values in target.take():
                while expected < number:
                    yield ()
                    expected += 1
                yield values
                expected += 1


# Parsing ---------------------------------------------------------------------------------


def _parse(workbook, name, target):
    """Feed the part ``name`` to ``target`` chunk by chunk, yielding after each chunk
    (and once more at the end) so that a caller can take what the target has made."""
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    # The events go straight from expat to the target (defusedxml's handlers that refuse
    # DTDs, entities and external references stay in place): twice as fast as through
    # ElementTree's wrappers. A tag arrives as "namespace}local", attributes as a dict.
    expat = parser.parser
    expat.ordered_attributes = False
    expat.StartElementHandler = target.start
    expat.EndElementHandler = target.end
    expat.CharacterDataHandler = target.data
    try:
        with workbook.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
                yield
        parser.close()
        yield  # the last events may come from close()
    except ImportFileError:
        raise
    except DefusedXmlException:
        raise ImportFileError(
            _(
                "The file holds XML that is not allowed in a workbook (a document type, "
                "entity or external reference)."
            )
        ) from None
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise _unreadable() from None


def _read_whole(workbook, name, target):
    for _chunk in _parse(workbook, name, target):
        pass


def _local(tag):
    return tag.rpartition("}")[2]


class _Target:
    """Counts depth; subclasses look at the elements they need and keep nothing else."""

    def __init__(self):
        self.depth = 0
        self.names = {}  # tag: local name (expat interns tags; this spares the split)

    def _name(self, tag):
        local = self.names.get(tag)
        if local is None:
            local = tag.rpartition("}")[2]
            if len(self.names) < 1000:
                self.names[tag] = local
        return local

    def start(self, tag, attrib):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _unreadable()
        self.opened(self._name(tag), attrib)

    def end(self, tag):
        self.closed(self._name(tag))
        self.depth -= 1

    def data(self, text):
        pass

    def close(self):
        return None

    def opened(self, local, attrib):
        pass

    def closed(self, local):
        pass


class _Collect(_Target):
    """(local name, attributes with local names) of the elements named ``wanted``."""

    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted
        self.found = []

    def opened(self, local, attrib):
        if local in self.wanted:
            if len(self.found) >= MAX_PART_ITEMS:
                raise _unreadable()
            self.found.append((local, {_local(k): v for k, v in attrib.items()}))


def _scan(workbook, name, wanted):
    target = _Collect(wanted)
    _read_whole(workbook, name, target)
    return target.found


def _relationships(workbook, part):
    """{relationship id: (type, part name)} of ``part``'s internal relationships."""
    folder, _sep, base = part.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_name not in workbook._parts:
        raise _unreadable()
    rels = {}
    for _local_name, attrib in _scan(workbook, rels_name, {"Relationship"}):
        if attrib.get("TargetMode", "").lower() == "external":
            continue
        target = attrib.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        rels[attrib.get("Id", "")] = (attrib.get("Type", ""), _normalise(path))
    return rels


def _normalise(path):
    names = []
    for piece in path.lower().split("/"):
        if piece == "..":
            if names:
                names.pop()
        elif piece not in ("", "."):
            names.append(piece)
    return "/".join(names)


def _related(rels, kind):
    for rel_type, path in rels.values():
        if rel_type.endswith("/" + kind):
            return path
    return None


def _sheets(workbook, main):
    """([(sheet name, relationship id)], date epoch) from the workbook part."""
    sheets, epoch = [], CALENDAR_WINDOWS_1900
    for local, attrib in _scan(workbook, main, {"sheet", "workbookPr"}):
        if local == "workbookPr":
            if attrib.get("date1904", "").lower() in ("1", "true"):
                epoch = CALENDAR_MAC_1904
        elif "name" in attrib:
            sheets.append((attrib["name"], attrib.get("id", "")))
    return sheets, epoch


class _StylesTarget(_Target):
    def __init__(self):
        super().__init__()
        self.formats = {}
        self.cell_formats = []
        self.in_cell_xfs = False

    def opened(self, local, attrib):
        if local == "numFmt" and len(self.formats) < MAX_PART_ITEMS:
            code = attrib.get("formatCode", "")
            self.formats[_int(attrib.get("numFmtId"))] = code if len(code) < 300 else ""
        elif local == "cellXfs" and self.depth == 2:
            self.in_cell_xfs = True
        elif local == "xf" and self.in_cell_xfs and self.depth == 3:
            if len(self.cell_formats) >= MAX_PART_ITEMS:
                raise _unreadable()
            self.cell_formats.append(_int(attrib.get("numFmtId")))

    def closed(self, local):
        if local == "cellXfs" and self.depth == 2:
            self.in_cell_xfs = False


def _int(text, default=0):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _date_styles(workbook, part):
    """The indexes (as written in a cell's s="...") of the cell formats that show a
    number as a date."""
    if not part or part not in workbook._parts:
        return frozenset()
    target = _StylesTarget()
    _read_whole(workbook, part, target)
    dates = set()
    for index, format_id in enumerate(target.cell_formats):
        code = target.formats.get(format_id) or BUILTIN_FORMATS.get(format_id)
        if code and is_date_format(code):
            dates.add(str(index))
    return frozenset(dates)


class _StringsTarget(_Target):
    """Collects the shared strings, each cut at one character over the cell limit (a
    cell that uses a longer one is refused) and the same text stored once."""

    def __init__(self, limits):
        super().__init__()
        self.keep = limits.cell_chars + 1
        self.most = max(limits.rows * limits.columns, 1000)
        self.strings = []
        self.seen = {}
        self.parts = None
        self.length = 0
        self.phonetic = 0
        self.collecting = False

    def opened(self, local, attrib):
        if local == "si" and self.depth == 2:
            self.parts, self.length = [], 0
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.parts is not None and not self.phonetic:
            self.collecting = True

    def data(self, text):
        if self.collecting and self.length < self.keep:
            self.parts.append(text[: self.keep - self.length])
            self.length += len(text)

    def closed(self, local):
        if local == "t":
            self.collecting = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si" and self.depth == 2 and self.parts is not None:
            if len(self.strings) >= self.most:
                raise ImportFileError(
                    _("The workbook holds more than %(limit)s different texts.")
                    % {"limit": self.most}
                )
            text = "".join(self.parts)
            self.strings.append(self.seen.setdefault(text, text))
            self.parts = None


def _shared_strings(workbook, part):
    if not part or part not in workbook._parts:
        return []
    target = _StringsTarget(workbook.limits)
    _read_whole(workbook, part, target)
    return target.strings


class _SheetTarget(_Target):
    """Turns <sheetData> into (row number, tuple of values), capped as it goes.

    ``start`` and ``end`` are called for every element of the sheet, so they are written
    for speed: the common case (a <row>, a <c>, a <v>) is decided in a few comparisons.
    """

    def __init__(self, sheet):
        super().__init__()
        self.sheet = sheet
        self.limits = sheet.workbook.limits
        self.date_styles = sheet.workbook.date_styles
        self.columns_by_letters = {}
        self.ready = []
        self.in_data = False
        self.row = None  # {column: value} of the open row
        self.row_number = 0
        self.cells = 0
        self.column = 0
        self.cell = None  # (column, type, style) of the open cell
        self.text = None  # pieces of the open cell's value, or None
        self.length = 0
        self.collecting = False
        self.phonetic = 0

    def take(self):
        ready, self.ready = self.ready, []
        return ready

    def start(self, tag, attrib):
        depth = self.depth = self.depth + 1
        if depth > MAX_DEPTH:
            raise _unreadable()
        if not self.in_data:
            if depth == 2 and self._name(tag) == "sheetData":
                self.in_data = True
            return
        local = self.names.get(tag) or self._name(tag)
        if depth == 4:
            if local == "c" and self.row is not None:
                self._open_cell(attrib)
        elif depth == 3:
            if local == "row":
                self._open_row(attrib.get("r"))
        elif self.cell is None:
            return
        elif local == "rPh":
            self.phonetic += 1
        elif (local == "v" and depth == 5) or (local == "t" and not self.phonetic):
            if self.text is None:
                self.text, self.length = [], 0
            self.collecting = True

    def _open_row(self, ref):
        number = self.row_number + 1 if ref is None else _int(ref, -1)
        if not self.row_number < number <= EXCEL_MAX_ROWS:
            raise _unreadable()
        self.row_number, self.row, self.cells, self.column = number, {}, 0, 0

    def _open_cell(self, attrib):
        self.cells += 1
        if self.cells > EXCEL_MAX_COLUMNS:
            raise self._too_many_columns()
        ref = attrib.get("r")
        if ref is None:
            column = self.column + 1
        else:
            letters = ref.rstrip("0123456789")
            column = self.columns_by_letters.get(letters)
            if column is None:
                column = _column_index(letters)
                if len(self.columns_by_letters) < EXCEL_MAX_COLUMNS:
                    self.columns_by_letters[letters] = column
        self.column = column
        self.cell = (column, attrib.get("t", "n"), attrib.get("s"))
        self.text = None

    def data(self, text):
        if self.collecting:
            self.length += len(text)
            if self.length > self.limits.cell_chars:
                raise self._too_long()
            self.text.append(text)

    def end(self, tag):
        depth = self.depth
        self.depth = depth - 1
        if not self.in_data:
            return
        if depth == 4:
            if self.cell is not None:
                self._close_cell()
        elif depth == 3:
            if self.row is not None:
                self._close_row()
        elif depth == 2:
            self.in_data = False
        elif self.cell is not None:
            local = self.names.get(tag) or self._name(tag)
            if local == "rPh":
                self.phonetic -= 1
            elif local == "v" or local == "t":
                self.collecting = False

    def _close_row(self):
        row, self.row = self.row, None
        if row:
            values = [None] * max(row)
            for column, value in row.items():
                values[column - 1] = value
            self.ready.append((self.row_number, tuple(values)))

    def _close_cell(self):
        column = self.cell[0]
        value = self._value() if self.text is not None else None
        self.cell, self.text, self.collecting, self.phonetic = None, None, False, 0
        if value is None or value == "":
            return
        if column > self.limits.columns:
            raise self._too_many_columns()
        if self.row_number > self.limits.rows:
            raise ImportFileError(
                _("The sheet “%(sheet)s” has more than %(limit)s rows: split the file.")
                % {"sheet": self.sheet.title, "limit": self.limits.rows}
            )
        self.row[column] = value

    def _value(self):
        _column, kind, style = self.cell
        text = "".join(self.text)
        if kind == "n":
            return self._number(text.strip(), style)
        if kind == "s":
            strings = self.sheet.workbook.strings()
            index = _int(text.strip(), -1)
            if not 0 <= index < len(strings):
                raise _unreadable()
            if len(strings[index]) > self.limits.cell_chars:
                raise self._too_long()
            return strings[index]
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return _iso_date(text)
        return text  # inlineStr, str (a formula's text), e (an error such as #N/A)

    def _number(self, text, style):
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                raise _unreadable() from None
        if style is not None and style in self.date_styles:
            try:
                return from_excel(value, self.sheet.workbook.epoch)
            except (ValueError, OverflowError, ArithmeticError):
                return value
        return value

    def _too_many_columns(self):
        return ImportFileError(
            _("The sheet “%(sheet)s” has data beyond its first %(limit)s columns.")
            % {"sheet": self.sheet.title, "limit": self.limits.columns}
        )

    def _too_long(self):
        column = self.cell[0] if self.cell else 1
        return ImportFileError(
            _("Cell %(cell)s of the sheet “%(sheet)s” holds more than %(limit)s characters.")
            % {
                "cell": f"{get_column_letter(column)}{self.row_number}",
                "sheet": self.sheet.title,
                "limit": self.limits.cell_chars,
            }
        )


def _column_index(letters):
    """1 for A, 27 for AA; a reference that is no column makes the file unreadable."""
    if not _LETTERS.fullmatch(letters):
        raise _unreadable()
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    if index > EXCEL_MAX_COLUMNS:
        raise _unreadable()
    return index


def _iso_date(text):
    try:
        value = from_ISO8601(text.strip())
    except (ValueError, TypeError, AttributeError):
        return text
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    return text
