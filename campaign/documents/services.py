"""Checks before a written material is sent for review."""

from campaign.phases.rules import order_unmet


def unmet(record):
    """Phases run in order per unit: a phase 2 material waits for the unit's phase 1."""
    phase = record.requirement.phase if record.requirement_id else None
    return order_unmet(record.unit, phase)
