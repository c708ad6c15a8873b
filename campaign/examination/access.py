"""Who may do what with an individual material: the author writes it; whoever may see
the author's unit reads it (on the review pages)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from campaign.org.access import unit_in_scope

from .models import Material


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def may_write_material(user, material):
    return _active(user) and material.author_id == user.pk


def may_start_material(user):
    from campaign.org.models import Role

    return _active(user) and user.role == Role.CADRE and bool(user.unit_id)


def may_read_material(user, material):
    return _active(user) and unit_in_scope(user, material.unit)


def get_material_to_write(user, pk):
    """The author's own material; for anyone else it does not exist (404)."""
    material = get_object_or_404(Material.objects.select_related("unit", "author"), pk=pk)
    if not may_write_material(user, material):
        raise Http404
    return material
