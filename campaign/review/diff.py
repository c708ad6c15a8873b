"""What changed between two versions of a record, as a reviewer reads it.

Versions are snapshots (``kinds.Snapshot.as_json``): labelled fields and tables whose
rows have stable keys. Fields are compared by label, rows by key; changed text is split
into words (a Chinese character is a word; a run of letters or digits is one) and marked
inserted or deleted. The template renders the marks as highlighted words; nothing here
builds HTML."""

import difflib
import re
from dataclasses import dataclass, field

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
_WORDS = re.compile(r"[A-Za-z0-9_.%-]+|\s+|.", re.S)


@dataclass
class Piece:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class FieldChange:
    label: str
    state: str
    pieces: list = field(default_factory=list)


@dataclass
class RowChange:
    key: str
    state: str
    cells: list = field(default_factory=list)  # [[Piece]] per column


@dataclass
class TableChange:
    label: str
    columns: list
    state: str
    rows: list = field(default_factory=list)

    @property
    def counts(self):
        return {s: sum(1 for r in self.rows if r.state == s) for s in (ADDED, CHANGED, REMOVED)}


@dataclass
class Comparison:
    title: list
    fields: list
    tables: list

    @property
    def changed(self):
        return any(f.state != SAME for f in self.fields) or any(
            t.state != SAME for t in self.tables
        )


def words(old, new):
    """[Piece] turning ``old`` into ``new`` word by word."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return pieces


def _state(old, new):
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    return SAME if old == new else CHANGED


def _fields(old, new):
    before, after = dict(old.get("fields", [])), dict(new.get("fields", []))
    labels = [label for label, _v in new.get("fields", [])]
    labels += [label for label, _v in old.get("fields", []) if label not in after]
    return [
        FieldChange(
            label,
            _state(before.get(label), after.get(label)),
            words(before.get(label, ""), after.get(label, "")),
        )
        for label in labels
    ]


def _padded(cells, width):
    cells = list(cells or [])
    return cells + [""] * (width - len(cells))


def _rows(old_rows, new_rows, width):
    before, after = dict(old_rows), dict(new_rows)
    keys = [k for k, _c in new_rows] + [k for k, _c in old_rows if k not in after]
    rows = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        old, new = _padded(a, width), _padded(b, width)
        cells = [words(old[i], new[i]) for i in range(width)]
        rows.append(RowChange(key, _state(a, b), cells))
    return rows


def _tables(old, new):
    before = {t["label"]: t for t in old.get("tables", [])}
    after = {t["label"]: t for t in new.get("tables", [])}
    labels = list(after) + [label for label in before if label not in after]
    tables = []
    for label in labels:
        a, b = before.get(label), after.get(label)
        columns = (b or a)["columns"]
        rows = _rows((a or {}).get("rows", []), (b or {}).get("rows", []), len(columns))
        state = _state(a, b)
        if state == CHANGED and all(r.state == SAME for r in rows):
            state = SAME
        tables.append(TableChange(label, columns, state, rows))
    return tables


def compare(old, new):
    """A ``Comparison`` of two snapshots (either may be the empty dict)."""
    old, new = old or {}, new or {}
    return Comparison(
        title=words(old.get("title", ""), new.get("title", "")),
        fields=_fields(old, new),
        tables=_tables(old, new),
    )
