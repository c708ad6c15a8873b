"""The campaign's rules that bind a phase acceptance (a phase cannot be accepted on paper).

Apps register the rules their records decide, in their ``AppConfig.ready()``: the study app
the three days of concentrated study and full coverage, the opinions app that every
opinion routed to the unit is answered, and so on. Each rule returns a ``RuleResult`` with
the evidence behind it, which the acceptance page shows, or None where it does not apply
to the unit. Phases knows no app that registers here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import clock
from .models import WavePlan


@dataclass
class Evidence:
    text: str
    url: str = ""
    ok: bool | None = None


@dataclass
class RuleResult:
    code: str
    title: str
    ok: bool
    message: str = ""  # why it is not met, in Chinese: listed when acceptance is refused
    evidence: list = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    code: str
    phases: tuple  # phase numbers it binds
    check: object  # (unit, phase) -> RuleResult | None
    order: int = 100


_RULES: dict[str, Rule] = {}


def register(rule):
    _RULES[rule.code] = rule
    return rule


def get(code):
    """The rule registered as ``code`` (LookupError when none is)."""
    try:
        return _RULES[code]
    except KeyError:
        raise LookupError(code) from None


def rules_for(phase_number):
    return sorted(
        (r for r in _RULES.values() if phase_number in r.phases), key=lambda r: (r.order, r.code)
    )


def evaluate(unit, phase):
    """Every rule binding ``phase`` for ``unit``, with its evidence."""
    results = []
    for rule in rules_for(phase.number):
        result = rule.check(unit, phase)
        if result is not None:
            results.append(result)
    return results


def unmet(unit, phase):
    """The Chinese reasons a phase acceptance is refused (empty when every rule holds)."""
    return [r.message for r in evaluate(unit, phase) if not r.ok]


def phase_started(unit, phase):
    """Whether ``phase`` has started for the unit's wave (by its plan and the portal's date)."""
    plan = WavePlan.objects.filter(phase=phase, wave=unit.wave).only("starts_on").first()
    return plan is not None and plan.starts_on <= clock.today()


def order_unmet(unit, phase):
    """Phases run in order per unit: nothing of phase 2 is submitted before the unit's
    phase 1 has started, nor of phase 3 before its phase 2 has."""
    if phase is None or phase.number <= 1:
        return []
    before = phase.campaign.phases.filter(number=phase.number - 1).first()
    if before is not None and not phase_started(unit, before):
        return [
            _("The phase “%(phase)s” has not started yet for this unit's wave.")
            % {"phase": before.name}
        ]
    return []
