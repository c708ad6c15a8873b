"""What the phases floor tells the apps that listen (they connect in ``AppConfig.ready``).

``rule_broken(unit, rule, actor, cause, at)``: something a phase rule rests on changed for
``unit`` after the fact (an answered opinion was reopened, so "every opinion answered" no
longer holds): an acceptance signed off on that rule must be looked at again. Sent inside
the transaction that made the change.
"""

from django.dispatch import Signal

rule_broken = Signal()
