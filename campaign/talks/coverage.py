"""The three must-talks (三个必谈) of a leadership team and how far they are covered.

The required pairs: the head with each member; the members with each other; each member
with the heads (``Unit.head``) of the units they oversee (分管). A pair is done when a
complete talk (all five things ticked) exists for it, held but incomplete when only
talks with fewer than five things do, else missing. ``coverage`` reads it all in four
queries, whatever the size of the team.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.org.models import TeamSeat
from campaign.phases.rules import Evidence, Rule, RuleResult
from campaign.phases.rules import register as register_rule

from .models import FIVE_KEYS, Talk

HEAD_MEMBER, MEMBERS, OVERSEEN = "head", "members", "overseen"
KIND_LABELS = {
    HEAD_MEMBER: gettext_lazy("The head with each member"),
    MEMBERS: gettext_lazy("The members with each other"),
    OVERSEEN: gettext_lazy("Each member with the heads of the units they oversee"),
}
DONE, INCOMPLETE, MISSING = "done", "incomplete", "missing"
RULE = "talks_must_talks"
NAMES_IN_MESSAGE = 3
NAMES_SHOWN = 50


def pair_key(a, b):
    """The unordered pair of two user ids, as talks store it (smaller first)."""
    return (a, b) if a < b else (b, a)


@dataclass
class Pair:
    kind: str
    a: object  # the team's cadre (the head for the first kind)
    b: object
    state: str = MISSING
    unit: object = None  # the overseen unit, for the third kind

    @property
    def key(self):
        return pair_key(self.a.pk, self.b.pk)

    @property
    def names(self):
        return f"{self.a.display_name}—{self.b.display_name}"

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class Coverage:
    seats: list
    pairs: list
    heads: list = field(default_factory=list)  # overseen units' heads, not on the team

    def _with(self, state):
        return [p for p in self.pairs if p.state == state]

    @property
    def done(self):
        return self._with(DONE)

    @property
    def incomplete(self):
        return self._with(INCOMPLETE)

    @property
    def missing(self):
        return self._with(MISSING)

    @property
    def not_done(self):
        return [p for p in self.pairs if p.state != DONE]

    @property
    def complete(self):
        return not self.not_done

    def state_of(self, a, b):
        """The state of the pair of users ``a`` and ``b``, or None when not required."""
        return self._states.get(pair_key(a.pk, b.pk))

    def __post_init__(self):
        self._states = {p.key: p.state for p in self.pairs}

    def matrix(self):
        """Rows of the grid: each person (team first, then overseen heads) with one cell
        per person: (other, state or None, is_self)."""
        people = [s.cadre for s in self.seats] + self.heads
        return [
            (
                row,
                [
                    (col, None if row.pk == col.pk else self.state_of(row, col), row.pk == col.pk)
                    for col in people
                ],
            )
            for row in people
        ]


def team_seats(unit):
    """The team's seats with cadres, overseen units and those units' heads (two queries)."""
    return list(
        TeamSeat.objects.filter(unit=unit)
        .select_related("cadre")
        .prefetch_related("oversees__head")
        .order_by("order", "id")
    )


def required_pairs(seats):
    """The required pairs of a team, each pair once (the first kind that requires it)."""
    head = next((s.cadre for s in seats if s.position == TeamSeat.Position.HEAD), None)
    others = [s for s in seats if head is None or s.cadre_id != head.pk]
    pairs, seen = [], set()

    def add(pair):
        if pair.a.pk != pair.b.pk and pair.key not in seen:
            seen.add(pair.key)
            pairs.append(pair)

    if head is not None:
        for seat in others:
            add(Pair(HEAD_MEMBER, head, seat.cadre))
    for i, seat in enumerate(others):
        for later in others[i + 1 :]:
            add(Pair(MEMBERS, seat.cadre, later.cadre))
    for seat in seats:
        for overseen in seat.oversees.all():
            if overseen.head is not None:
                add(Pair(OVERSEEN, seat.cadre, overseen.head, unit=overseen))
    return pairs


def talk_states(talks):
    """{pair key: DONE or INCOMPLETE} from talks' (first_id, second_id, *five ticks)."""
    states = {}
    for first, second, *ticks in talks:
        key = (first, second)
        if all(ticks):
            states[key] = DONE
        elif states.get(key) != DONE:
            states[key] = INCOMPLETE
    return states


def coverage(unit):
    """The team's must-talks with their states (four queries)."""
    seats = team_seats(unit)
    pairs = required_pairs(seats)
    rows = Talk.objects.filter(unit=unit).values_list(
        "first_id", "second_id", *[f"{k}_done" for k in FIVE_KEYS]
    )
    states = talk_states(rows)
    for pair in pairs:
        pair.state = states.get(pair.key, MISSING)
    team_ids = {s.cadre_id for s in seats}
    heads = []
    for pair in pairs:
        if pair.kind == OVERSEEN and pair.b.pk not in team_ids and pair.b not in heads:
            heads.append(pair.b)
    return Coverage(seats=seats, pairs=pairs, heads=heads)


def missing_for(user):
    """The must-talks still to do (missing or incomplete) that involve ``user``, over
    every team they sit on or whose member oversees their unit: [(unit, pair)]."""
    units = {s.unit_id: s.unit for s in TeamSeat.objects.filter(cadre=user).select_related("unit")}
    for seat in TeamSeat.objects.filter(oversees__head=user).select_related("unit"):
        units.setdefault(seat.unit_id, seat.unit)
    found = []
    for unit in sorted(units.values(), key=lambda u: u.path):
        for pair in coverage(unit).not_done:
            if user.pk in pair.key:
                found.append((unit, pair))
    return found


def unmet_message(cov):
    not_done = cov.not_done
    if not not_done:
        return ""
    names = "、".join(p.names for p in not_done[:NAMES_IN_MESSAGE])
    return _("The three must-talks are not complete: %(pairs)s, %(n)s pairs in all.") % {
        "pairs": names,
        "n": len(not_done),
    }


def _must_talks_rule(unit, phase):
    if not unit.has_team:
        return None
    cov = coverage(unit)
    if not cov.pairs:
        return None
    url = reverse("talks:unit", args=[unit.pk])
    held, missing = _("held, fewer than five things"), _("missing")
    evidence = [
        Evidence(f"{p.names}({held if p.state == INCOMPLETE else missing})", url, False)
        for p in cov.not_done[:NAMES_SHOWN]
    ]
    message = unmet_message(cov)
    return RuleResult(
        code=RULE,
        title=_("The three must-talks: %(done)s of %(total)s pairs done")
        % {"done": len(cov.done), "total": len(cov.pairs)},
        ok=not message,
        message=message,
        evidence=evidence
        or [Evidence(_("Every required pair has had a complete talk."), url, True)],
    )


def register_rules():
    register_rule(Rule(RULE, (2,), _must_talks_rule, order=30))
