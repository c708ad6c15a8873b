"""The leadership teams (班子) of one demo county, written in bulk: seats are reference
data, like units and accounts, not workflow.

Every organisation of a kind with a team (``TEAM_KINDS``) gets one: its head account
(``Unit.head``) in the head seat, then deputies and members with titles that fit the
kind, each a cadre account of the unit (``<secretary login>c1``, ``c2``…, the demo
password) with a visibly fictitious mobile. Deputies of a county leadership team oversee
county departments (分管), a town's deputies its villages, a department's deputies its
sub-units. The demo login ``cadre`` sits on 县教育局's team as a deputy.
"""

import random

from campaign.org.models import TEAM_KINDS, Role, TeamSeat, UnitKind, User

from .accounts import CADRE_UNIT, someone
from .names import mobile

BATCH = 1000
HEAD, DEPUTY, MEMBER = TeamSeat.Position.HEAD, TeamSeat.Position.DEPUTY, TeamSeat.Position.MEMBER

# Leadership teams: (head title, [(position, title)…]) by team.
LEADERSHIP_TEAMS = {
    "县委常委班子": (
        "县委书记",
        [
            (DEPUTY, "县委副书记、县长"),
            (DEPUTY, "县委副书记"),
            (MEMBER, "县委常委、常务副县长"),
            (MEMBER, "县委常委、纪委书记"),
            (MEMBER, "县委常委、组织部部长"),
            (MEMBER, "县委常委、宣传部部长"),
        ],
    ),
    "县政府党组": (
        "县长、党组书记",
        [
            (DEPUTY, "常务副县长"),
            (DEPUTY, "副县长"),
            (DEPUTY, "副县长"),
            (DEPUTY, "副县长"),
            (MEMBER, "党组成员"),
        ],
    ),
    "县人大常委会党组": (
        "主任、党组书记",
        [(DEPUTY, "副主任"), (DEPUTY, "副主任"), (DEPUTY, "副主任"), (MEMBER, "党组成员")],
    ),
    "县政协党组": (
        "主席、党组书记",
        [(DEPUTY, "副主席"), (DEPUTY, "副主席"), (DEPUTY, "副主席"), (MEMBER, "秘书长")],
    ),
}
LEADERSHIP_DEFAULT = ("党组书记", [(DEPUTY, "副职"), (DEPUTY, "副职"), (MEMBER, "党组成员")])


def _organ_titles(name):
    """Head, deputy and member titles of a county department or window unit by its name."""
    if name.endswith("局") or name.endswith("大队"):
        return "局长" if name.endswith("局") else "大队长", "副局长", ["纪检组长", "党组成员"]
    if name.endswith("法院"):
        return "院长", "副院长", ["纪检组长", "审判委员会委员"]
    if name.endswith("检察院"):
        return "检察长", "副检察长", ["纪检组长", "检察委员会委员"]
    if name.endswith("部"):
        return "部长", "副部长", ["党组成员"]
    return "主任", "副主任", ["纪检组长", "党组成员"]


def team_layout(node, rng):
    """(head title, [(position, title)…]) of ``node``'s team."""
    if node.kind == UnitKind.LEADERSHIP:
        return LEADERSHIP_TEAMS.get(node.name, LEADERSHIP_DEFAULT)
    if node.kind == UnitKind.TOWN:
        street = node.name.endswith("街道")
        head = "党工委书记" if street else "党委书记"
        deputies = ["办事处主任", "党工委副书记"] if street else ["镇长", "党委副书记"]
        deputies += ["办事处副主任" if street else "副镇长"] * rng.randint(1, 2)
        members = ["纪工委书记" if street else "纪委书记", "组织委员", "武装部长"]
        seats = [(DEPUTY, t) for t in deputies] + [(MEMBER, t) for t in members]
        return head, seats[: rng.randint(5, 6)]
    if node.profile in ("branch", "retirees", "committee"):
        members = ["组织委员", "宣传委员", "纪检委员"]
        count = 1 if node.profile == "retirees" else rng.randint(2, 3)
        seats = [(DEPUTY, "副书记")] + [(MEMBER, t) for t in members[:count]]
        head = "党委书记" if node.profile == "committee" else "支部书记"
        return head, seats
    head, deputy, members = _organ_titles(node.name)
    seats = [(DEPUTY, deputy)] * rng.randint(2, 4) + [(MEMBER, t) for t in [*members, "工会主席"]]
    return head, seats[: rng.randint(4, 6)]


def _oversee_pools(root):
    """Per team node, the units its deputies (and a county team's members) oversee."""
    departments = [
        n
        for category in root.children
        if category.kind == UnitKind.CATEGORY
        for n in category.children
        if n.kind in (UnitKind.DEPARTMENT, UnitKind.WINDOW)
    ]
    pools = {}
    for node in root.walk():
        if node.kind == UnitKind.LEADERSHIP:
            pools[node] = departments
        elif node.kind in TEAM_KINDS:
            kinds = (UnitKind.VILLAGE,) if node.kind == UnitKind.TOWN else TEAM_KINDS
            pools[node] = [c for c in node.children if c.kind in kinds]
    return pools


def _share(pool, seats, offset):
    """Split ``pool`` among ``seats`` in turn (each gets every len(seats)-th unit)."""
    if not pool or not seats:
        return [[] for _ in seats]
    if len(pool) < len(seats):  # one unit each for the first seats, none for the rest
        return [[pool[k]] if k < len(pool) else [] for k in range(len(seats))]
    shares = [[] for _ in seats]
    for k, unit in enumerate(pool[offset:] + pool[:offset]):
        shares[k % len(seats)].append(unit)
    return shares


def build(index, root, accounts, password):
    """Write the teams of the county ``root`` (units and accounts already written)."""
    rng = random.Random(30140 + index)
    heads = {node: user for user, node in accounts.heads}
    cadre_login = next(u for u in accounts.users if u.username == accounts.prefix + "cadre")
    pools = _oversee_pools(root)
    users, seats, oversees = [], [], []
    teams = [n for n in root.walk() if n.kind in TEAM_KINDS]
    for number, node in enumerate(teams):
        head_title, layout = team_layout(node, rng)
        login = accounts.prefix + accounts.secretary_logins[node]
        head = heads[node]
        team = [(head, HEAD, head_title)]
        for k, (position, title) in enumerate(layout, start=1):
            if node.name == CADRE_UNIT and k == 1 and accounts.index == 1:
                team.append((cadre_login, DEPUTY, title))
                continue
            cadre = User(
                username=f"{login}c{k}",
                full_name=someone(rng, women=0.25),
                role=Role.CADRE,
                unit_id=node.unit.pk,
                password=password,
                created_by_seed=True,
            )
            users.append(cadre)
            team.append((cadre, position, title))
        overseers = [
            k
            for k, (_cadre, position, _title) in enumerate(team)
            if k and (node.kind == UnitKind.LEADERSHIP or position == DEPUTY)
        ]
        shares = dict(zip(overseers, _share(pools[node], overseers, number), strict=True))
        for k, (cadre, position, title) in enumerate(team):
            seat = TeamSeat(
                unit_id=node.unit.pk, position=position, title=title, order=k + 1, phone=mobile(rng)
            )
            seats.append((seat, cadre, shares.get(k, [])))
    User.objects.bulk_create(users, batch_size=BATCH)
    rows = []
    for seat, cadre, _units in seats:
        seat.cadre_id = cadre.pk
        rows.append(seat)
    TeamSeat.objects.bulk_create(rows, batch_size=BATCH)
    through = TeamSeat.oversees.through
    for seat, _cadre, units in seats:
        oversees += [through(teamseat_id=seat.pk, unit_id=u.unit.pk) for u in units]
    through.objects.bulk_create(oversees, batch_size=BATCH)
    return len(rows)
