"""The unit tree of one demo county, built in memory before anything is written.

Every county gets the same tree (drawn from ``random.Random(2014)``): counties 2..N are
copies of 垦利县 under another name, so a load test at scale N holds N times the units.
"""

import random
from dataclasses import dataclass, field

from campaign.org.models import UnitKind

from . import data
from .names import surname

K = UnitKind


@dataclass(eq=False)
class Node:
    name: str
    kind: str
    sector: str | None = None
    profile: str | None = None  # how its members are drawn (see people.PROFILES)
    group: int | None = None  # the county's group number, 1..13
    path: str = ""
    children: list["Node"] = field(default_factory=list)
    members: int | None = None  # how many members (else drawn from the profile)
    unit: object = None  # the Unit row, once written
    secretary_name: str = ""
    deputy_name: str = ""

    def add(self, child):
        self.children.append(child)
        return child

    def walk(self):
        """This node and everything below it, in tree (path) order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_organisation(self):
        return self.kind not in (K.COUNTY, K.CATEGORY)


def county_name(index):
    return data.COUNTY_NAME if index == 1 else data.COPY_NAME.format(index)


def county_tree(index):
    rng = random.Random(2014)
    taken = set()
    root = Node(county_name(index), K.COUNTY)
    teams = root.add(Node(data.CAT_LEADERSHIP, K.CATEGORY))
    for name in data.LEADERSHIP:
        teams.add(Node(name, K.LEADERSHIP, "党政机关", "leadership"))
    _organs(root.add(Node(data.CAT_DEPARTMENTS, K.CATEGORY)), data.DEPARTMENTS, K.DEPARTMENT)
    _organs(root.add(Node(data.CAT_WINDOWS, K.CATEGORY)), data.WINDOWS, K.WINDOW)
    towns = root.add(Node(data.CAT_TOWNS, K.CATEGORY))
    for row in data.TOWNS:
        _town(towns, row, rng, taken)
    _category_enterprises(root.add(Node(data.CAT_ENTERPRISES, K.CATEGORY)), rng, taken)
    _assign_groups(root)
    return root


def spec_tree(spec, index=1):
    """The tree of a county described in a fixture (``fixtures/test_county.json``): each
    unit's name, kind, sector, profile, number of members and group, which its subtree
    inherits."""
    root = Node(spec["name"] if index == 1 else county_name(index), K.COUNTY)

    def add(parent, row, group):
        group = row.get("group", group)
        node = parent.add(
            Node(
                row["name"],
                K(row["kind"]),
                row.get("sector"),
                row.get("profile"),
                group,
                members=row.get("members"),
            )
        )
        for child in row.get("children", ()):
            add(node, child, group)

    for row in spec["units"]:
        add(root, row, None)
    return root


def _sub_profile(name):
    if "离退休" in name:
        return "retirees"
    return "committee" if name.endswith("党委") else "branch"


def _organs(heading, rows, kind):
    """County departments or window units; a sub-unit takes the kind of its parent."""
    for name, sector, fixed, per_town in rows:
        organ = heading.add(Node(name, kind, sector, "department"))
        subs = list(fixed)
        for town, short, *_ in data.TOWNS:
            for key in per_town:
                subs += [form.format(t=town, s=short) for form in data.PER_TOWN[key]]
        for sub in subs:
            organ.add(Node(sub, kind, sector, _sub_profile(sub)))


def _town(heading, row, rng, taken):
    name, _short, villages, communities, firms, group = row
    town = heading.add(Node(name, K.TOWN, "党政机关", "town", group))
    first = data.FIRST_VILLAGES.get(name, [])
    taken.update(first)
    stems = []
    for village in [n for n in first if n.endswith("村")] + [
        _unique(rng, taken, _village) for _ in range(villages - _count(first, "村"))
    ]:
        town.add(Node(village, K.VILLAGE, "农业农村", "village"))
        stems.append(village.removesuffix("村"))
    for community in [n for n in first if n.endswith("社区")] + [
        _unique(rng, taken, _community) for _ in range(communities - _count(first, "社区"))
    ]:
        town.add(Node(community, K.VILLAGE, "农业农村", "village"))
    co_op = _co_op_maker(stems)
    for _ in range(firms):
        if rng.random() < 0.35:
            town.add(Node(_unique(rng, taken, co_op), K.ENTERPRISE, "农业农村", "enterprise"))
        else:
            town.add(Node(_unique(rng, taken, _company), K.ENTERPRISE, "非公企业", "enterprise"))


def _category_enterprises(heading, rng, taken):
    for name in data.NAMED_ENTERPRISES:
        taken.add(name)
        sector = "非公企业" if "公司" in name else "社会组织"
        heading.add(Node(name, K.ENTERPRISE, sector, _enterprise_profile(name)))
    while len(heading.children) < data.CATEGORY_ENTERPRISES:
        if rng.random() < 0.15:
            name = _unique(rng, taken, _social)
            heading.add(Node(name, K.ENTERPRISE, "社会组织", "enterprise"))
        else:
            name = _unique(rng, taken, _company)
            heading.add(Node(name, K.ENTERPRISE, "非公企业", "enterprise"))


def _enterprise_profile(name):
    return "enterprise_committee" if name.endswith("党委") else "enterprise"


def _count(names, suffix):
    return sum(1 for n in names if n.endswith(suffix))


def _unique(rng, taken, make):
    while True:
        name = make(rng)
        if name not in taken:
            taken.add(name)
            return name


def _village(rng):
    r = rng.random()
    if r < 0.3:
        return f"{surname(rng)}家村"
    if r < 0.6:
        return f"{rng.choice(data.DIRECTIONS)}{surname(rng)}村"
    if r < 0.7:
        return f"{surname(rng)}{rng.choice(data.PLACE_ENDINGS)}村"
    first, second = rng.choice(data.PLACE_FIRST), rng.choice(data.PLACE_SECOND)
    return f"{first}{second}村" if first != second else f"{first}家村"


def _community(rng):
    if rng.random() < 0.5:
        return f"{rng.choice(data.DIRECTIONS)}{surname(rng)}社区"
    return f"{rng.choice(data.COMMUNITY_NAMES)}社区"


def _co_op_maker(stems):
    def co_op(rng):
        return data.CO_OP_FORM.format(v=rng.choice(stems), p=rng.choice(data.PRODUCE))

    return co_op


def _brand(rng):
    return "".join(rng.sample(data.BRAND, 2))


def _company(rng):
    return rng.choice(data.COMPANY_FORMS).format(b=_brand(rng), i=rng.choice(data.INDUSTRIES))


def _social(rng):
    return rng.choice(data.SOCIAL_FORMS).format(b=_brand(rng))


def _assign_groups(root):
    """Towns go with their villages to their own group (TOWNS); groups 8-11 share the
    leadership teams, departments and window units, 12-13 the enterprises under the
    category heading. A group always covers whole subtrees."""
    headings = {n.name: n for n in root.children}
    organs = [
        unit
        for title in (data.CAT_LEADERSHIP, data.CAT_DEPARTMENTS, data.CAT_WINDOWS)
        for unit in headings[title].children
    ]
    _share(organs, range(8, 12))
    _share(headings[data.CAT_ENTERPRISES].children, range(12, 14))
    for town in headings[data.CAT_TOWNS].children:
        _set_group(town, town.group)


def _share(units, numbers):
    """Cut ``units`` (in tree order) into len(numbers) runs of about equal subtree size."""
    sizes = [sum(1 for _ in u.walk()) for u in units]
    total, done = sum(sizes), 0
    for unit, size in zip(units, sizes, strict=True):
        slot = min(len(numbers) - 1, done * len(numbers) // total)
        _set_group(unit, numbers[slot])
        done += size


def _set_group(node, number):
    for n in node.walk():
        n.group = number
