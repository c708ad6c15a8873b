"""The accounts of one demo county: the named demo logins, one secretary and one head
(一把手) per party organisation, two or three members per supervision group and twenty
county leaders."""

import random

from campaign.org.models import Role, User

from .names import person


def someone(rng, women=0.2):
    return person(rng, male=rng.random() >= women)


DEMO_SECRETARY_UNITS = {"secretary": "胜坨镇", "secretary2": "郝家镇"}
DEMO_HEAD_UNIT = "胜坨镇"  # its head logs in as `head` in the demo county
CADRE_UNIT = "县教育局"
LEADER_CONTACTS = ["胜坨镇", "县教育局"]
LEADERS = 20
TOWN_NAMES = ["垦利街道", "兴隆街道", "胜坨镇", "郝家镇", "永安镇", "黄河口镇", "董集乡"]
LEADER_DEPARTMENTS = [
    "县发展和改革局",
    "县财政局",
    "县民政局",
    "县农业局",
    "县水务局",
    "县卫生局",
    "县住房和城乡建设局",
    "县交通运输局",
    "县人力资源和社会保障局",
    "县商务局",
    "县环境保护局",
    "县文化广电新闻出版局",
    "县司法局",
]


class Accounts:
    """Collects unsaved User rows, the (user, unit node) pairs of contact units and the
    (head account, unit node) pairs of unit heads."""

    def __init__(self, index, root, groups, password, rng, leaders=None):
        self.prefix = "" if index == 1 else f"c{index:03d}-"
        self.index, self.groups, self.password, self.rng = index, groups, password, rng
        self.nodes = {n.name: n for n in root.walk()}
        self.root = root
        self.leader_count = leaders or LEADERS
        self.users, self.contacts, self.heads = [], [], []
        self.secretary_logins = {}  # unit node -> its secretary's username, unprefixed

    def add(self, username, role, full_name, unit=None, group=None, **extra):
        user = User(
            username=self.prefix + username,
            full_name=full_name,
            role=role,
            unit_id=unit.unit.pk if unit else None,
            group_id=group.pk if group else None,
            password=self.password,
            created_by_seed=True,
            **extra,
        )
        self.users.append(user)
        return user

    def build(self):
        self.office()
        self.secretaries()
        self.supervisors()
        self.leaders()
        self.unit_heads()
        return self.users, self.contacts

    def office(self):
        rng = self.rng
        office_name = "王建华" if self.index == 1 else someone(rng)
        self.add("office", Role.OFFICE, office_name, is_staff=True)
        self.add("office2", Role.OFFICE, someone(rng, women=0.6))
        self.add("inspector", Role.INSPECTOR, someone(rng))
        cadre_unit = self.nodes[CADRE_UNIT]
        self.add("cadre", Role.CADRE, cadre_unit.deputy_name, unit=cadre_unit)

    def secretaries(self):
        for username, name in DEMO_SECRETARY_UNITS.items():
            node = self.nodes[name]
            self.add(username, Role.SECRETARY, node.secretary_name, unit=node)
            self.secretary_logins[node] = username
        taken = set(DEMO_SECRETARY_UNITS.values())
        orgs = [n for n in self.root.walk() if n.is_organisation and n.name not in taken]
        for number, node in enumerate(orgs, start=1):
            self.add(f"kl{number:04d}", Role.SECRETARY, node.secretary_name, unit=node)
            self.secretary_logins[node] = f"kl{number:04d}"

    def unit_heads(self):
        """A head account (role cadre) per organisation, named after its secretary's login
        (kl0001 → kl0001h); the demo county's 胜坨镇 has `head`. Their names come from a
        generator of their own, so every account made before keeps its name."""
        rng = random.Random(20140 + self.index)
        for node in self.root.walk():
            if not node.is_organisation:
                continue
            username = self.secretary_logins[node] + "h"
            if self.index == 1 and node.name == DEMO_HEAD_UNIT:
                username = "head"
            user = self.add(username, Role.CADRE, someone(rng, women=0.15), unit=node)
            self.heads.append((user, node))

    def supervisors(self):
        """Groups 1, 4, 7, 10 and 13 have three accounts, the others two; the first is
        the group leader. Groups 1 and 2 start with the demo logins supervisor1/2."""
        for number, group in sorted(self.groups.items()):
            for seat in range(1, 4 if number % 3 == 1 else 3):
                username = f"dd{number:02d}-{seat}"
                if seat == 1 and number <= 2:
                    username = f"supervisor{number}"
                full_name = group.leader_name if seat == 1 else someone(self.rng)
                self.add(username, Role.SUPERVISOR, full_name, group=group)

    def leaders(self):
        """`leader` and leader02..leader20: each has a town as contact unit (联系点),
        two of every three also a county department."""
        first = self.add("leader", Role.LEADER, someone(self.rng))
        self.contacts += [(first, self.nodes[name]) for name in LEADER_CONTACTS]
        towns = [name for name in TOWN_NAMES if name in self.nodes]
        departments = [name for name in LEADER_DEPARTMENTS if name in self.nodes]
        for k in range(2, self.leader_count + 1):
            user = self.add(f"leader{k:02d}", Role.LEADER, someone(self.rng))
            names = [towns[k % len(towns)]]
            if k % 3:
                names.append(departments[k % len(departments)])
            self.contacts += [(user, self.nodes[name]) for name in names]
