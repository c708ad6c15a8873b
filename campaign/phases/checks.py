"""Requirements the portal checks itself from the unit's own records (the study app's
counts): the gap is shown on the unit's checklist and to every reviewer of the item."""

from django.utils.translation import gettext as _


def unmet(requirement, unit, summary=None):
    """Why ``unit`` does not yet meet ``requirement``'s check, or None."""
    if not requirement.auto_check:
        return None
    from campaign.study.queries import unit_study_summary

    summary = summary or unit_study_summary(unit)
    if summary is None:
        return None
    if (
        requirement.auto_check == "study_days"
        and summary.has_days_requirement
        and not summary.days_met
    ):
        return _(
            "Only %(days)s of the 3 days of concentrated study that count are recorded "
            "(lectures, reports, visits and films do not count)."
        ) % {"days": summary.counted_days}
    if requirement.auto_check == "full_coverage" and summary.not_reached:
        return _(
            "%(n)s party members have not been reached by study yet: record home delivery "
            "or self-study for them first."
        ) % {"n": summary.not_reached}
    return None
