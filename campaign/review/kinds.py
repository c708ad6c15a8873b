"""The registry of review kinds: how an app plugs its records into the review engine.

An app registers each kind of record it sends for review in its ``AppConfig.ready()``::

    from campaign.review.kinds import ReviewKind, register

    register(ReviewKind(
        code="material",
        label=_("Self-examination material"),
        model="documents.TextDocument",
        levels=("head", "group", "office"),
        snapshot=lambda record: Snapshot(record.title, fields=[(_("Content"), record.body)]),
        template="documents/_review.html",
    ))

The engine knows a record only through its kind: the kind says who may edit it, what a
reviewer signs (``snapshot``, used for the frozen copy and the diff between versions), why
it may not be submitted or signed yet (``unmet``), what happens when it is signed off
(``on_passed``) and which template shows it to a reviewer. The engine imports no app that
uses it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.functional import Promise

HEAD, GROUP, OFFICE = "head", "group", "office"


@dataclass(frozen=True)
class Check:
    """One question a reviewer answers yes or no at a level (e.g. the four 不放过)."""

    key: str
    label: Promise | str
    reason: str  # the send-back reason when the answer is no


@dataclass(frozen=True)
class ReviewKind:
    code: str
    label: Promise | str
    model: str  # "app_label.ModelName" of the record
    levels: tuple = (HEAD, GROUP, OFFICE)
    snapshot: Callable = None  # record -> Snapshot
    unmet: Callable = None  # record -> [str]: Chinese reasons that block submission/sign-off
    blocks_submit: bool = True  # False: unmet blocks signing only (the request may be made)
    may_edit: Callable = None  # (user, record) -> bool; default: the unit's secretary
    on_passed: Callable = None  # (item, record, actor) -> None, in the sign-off transaction
    template: str = "review/_record.html"  # shows the record to a reviewer
    edit_url: Callable = None  # record -> URL where its owner revises it
    start_url: Callable = None  # (unit, requirement) -> URL where a unit starts one
    checks: tuple = ()  # Check questions answered instead of a plain pass ...
    checks_at: tuple = ()  # ... at these levels
    required_levels: tuple = ()  # levels the office cannot remove from this kind's chain
    order: int = 100

    def record_model(self):
        return apps.get_model(self.model)

    def take_snapshot(self, record):
        return self.snapshot(record).as_json() if self.snapshot else {"title": str(record)}

    def unmet_for(self, record):
        return list(self.unmet(record)) if self.unmet else []


@dataclass
class Table:
    """Rows of a structured record, each with a stable key so versions can be compared
    row by row (a problem, an attendee, a ledger line)."""

    label: str
    columns: list
    rows: list = field(default_factory=list)  # [(key, [cell, ...])]


@dataclass
class Snapshot:
    """What a reviewer signs: a title, labelled fields and tables, as people read them."""

    title: str
    fields: list = field(default_factory=list)  # [(label, text)]
    tables: list = field(default_factory=list)  # [Table]

    def as_json(self):
        return {
            "title": str(self.title),
            "fields": [[str(label), _text(value)] for label, value in self.fields],
            "tables": [
                {
                    "label": str(t.label),
                    "columns": [str(c) for c in t.columns],
                    "rows": [[str(key), [_text(c) for c in cells]] for key, cells in t.rows],
                }
                for t in self.tables
            ],
        }


def _text(value):
    if value is None or value is False:
        return ""
    return str(value)


_KINDS: dict[str, ReviewKind] = {}


def register(kind):
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"review kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def unregister(code):
    """For tests that register a kind of their own."""
    _KINDS.pop(code, None)


def get(code):
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"no review kind {code!r} is registered") from None


def all_kinds():
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.code))


def choices():
    return [(k.code, k.label) for k in all_kinds()]


def label(code):
    kind = _KINDS.get(code)
    return kind.label if kind else code


def kind_of_model(model):
    """The kinds whose records are instances of ``model``."""
    name = model._meta.label
    return [k for k in _KINDS.values() if k.model == name]
