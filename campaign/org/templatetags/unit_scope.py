"""Breadcrumbs that link only what the reader may open.

A secretary's town sits under the county, which the secretary may not open: its name is
shown as plain text, not as a link to a 404 page.
"""

from django import template

from ..access import unit_in_scope

register = template.Library()


@register.filter
def for_reader(ancestors, user):
    """``unit.ancestors`` as dicts with ``pk``, ``name`` and ``linked`` (in ``user``'s scope)."""
    if not ancestors:
        return []
    reader = user if getattr(user, "is_authenticated", False) else None
    return [
        {"pk": a.pk, "name": a.name, "linked": reader is not None and unit_in_scope(reader, a)}
        for a in ancestors
    ]
