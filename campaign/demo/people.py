"""The party members of one unit: sizes, names, ages, positions and study flags."""

from typing import NamedTuple

from campaign.org.models import Member

from . import timeline
from .names import mobile, person

SECRETARY = "书记"
DEPUTY = "副书记"
COMMITTEE = "委员"
MEMBER = "党员"


class Profile(NamedTuple):
    size: tuple  # (low, high, mode) of the number of members
    male: float  # share of men
    born: tuple  # (low, high, mode) of the birth year of members still at work
    retired: float  # share of retired members
    migrant: float  # share of migrants among members at work born 1965 or later
    frontline: float  # share of front-line workers among members at work


PROFILES = {
    "leadership": Profile((9, 15, 11), 0.82, (1958, 1976, 1966), 0.0, 0.0, 0.0),
    "department": Profile((15, 80, 18), 0.64, (1955, 1992, 1975), 0.2, 0.005, 0.0),
    "branch": Profile((8, 30, 10), 0.5, (1955, 1992, 1978), 0.16, 0.005, 0.0),
    "committee": Profile((30, 80, 45), 0.45, (1955, 1992, 1978), 0.12, 0.005, 0.0),
    "retirees": Profile((8, 30, 16), 0.7, (1930, 1954, 1946), 1.0, 0.0, 0.0),
    "town": Profile((30, 60, 40), 0.72, (1955, 1992, 1975), 0.07, 0.01, 0.0),
    "village": Profile((12, 35, 14), 0.8, (1940, 1992, 1964), 0.29, 0.34, 0.01),
    "enterprise": Profile((5, 25, 6), 0.7, (1960, 1992, 1982), 0.01, 0.05, 0.38),
    "enterprise_committee": Profile((30, 80, 40), 0.75, (1958, 1992, 1980), 0.02, 0.03, 0.5),
}


def unit_members(node, rng):
    """The members of ``node`` (which must have its Unit row), the 书记 first."""
    profile = PROFILES[node.profile]
    low, high, mode = profile.size
    size = node.members or round(rng.triangular(low, high, mode))
    positions = _positions(node.kind, size, rng)
    members = [_secretary(node, profile, rng)]
    members += [_member(node, profile, position, rng) for position in positions[1:]]
    node.secretary_name = members[0].name
    node.deputy_name = members[1].name
    return members


def _positions(kind, size, rng):
    """书记 first, then 副书记 and 委员 where the unit is big enough for a committee
    (a branch of fewer than 7 members elects none), then 党员 or blank."""
    deputies, committee = 0, 0
    if kind == "town" and size >= 10:
        deputies, committee = 2, 7
    elif size >= 15:
        deputies, committee = 1, 3 if size < 30 else 4
    elif size >= 7:
        committee = 2
    rest = size - 1 - deputies - committee
    tail = [MEMBER if rng.random() < 0.75 else "" for _ in range(rest)]
    return [SECRETARY] + [DEPUTY] * deputies + [COMMITTEE] * committee + tail


def _secretary(node, profile, rng):
    retired = profile.retired == 1.0
    born = rng.triangular(1936, 1950, 1945) if retired else rng.triangular(1958, 1980, 1968)
    male = rng.random() < 0.85
    return Member(
        unit_id=node.unit.pk,
        name=person(rng, male),
        gender="m" if male else "f",
        birth_year=timeline.current().birth_year(round(born)),
        position=SECRETARY,
        phone=mobile(rng),
        is_retired=retired,
        created_by_seed=True,
    )


def _member(node, profile, position, rng):
    male = rng.random() < profile.male
    # Committee seats go to members at work, except in the retired cadres' branches.
    ordinary = position in (MEMBER, "")
    retired = profile.retired == 1.0 or (ordinary and rng.random() < profile.retired)
    born = round(rng.triangular(1930, 1954, 1947) if retired else rng.triangular(*profile.born))
    age = 2014 - born
    if age >= 75:
        frail = rng.random() < 0.6
    elif age >= 65:
        frail = rng.random() < (0.25 if retired else 0.1)
    else:
        frail = rng.random() < 0.004
    at_work = not retired
    return Member(
        unit_id=node.unit.pk,
        name=person(rng, male),
        gender="m" if male else "f",
        birth_year=timeline.current().birth_year(born),
        position=position,
        phone=mobile(rng) if not ordinary or rng.random() < 0.35 else "",
        is_retired=retired,
        is_frail=frail,
        is_migrant=at_work and born >= 1965 and rng.random() < profile.migrant,
        is_frontline=at_work and rng.random() < profile.frontline,
        created_by_seed=True,
    )
