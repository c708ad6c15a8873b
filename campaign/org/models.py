"""The organisation of a county: units in a tree, members, supervision groups, accounts.

The unit tree is stored as a materialised path (``Unit.path``): each level adds a
fixed-width segment of digits, so a subtree is one indexed prefix query and the
ancestors of a unit are read off its path, with no recursive walk per request even
with the 100,000 units of a province.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PATH_STEP = 4  # digits per level: up to 9,999 children under one unit
PATH_MAX_CHILDREN = 10**PATH_STEP - 1


def path_segment(n):
    return str(n).zfill(PATH_STEP)


class UnitKind(models.TextChoices):
    COUNTY = "county", _("County")
    CATEGORY = "category", _("Category")
    LEADERSHIP = "leadership", _("County leadership team")
    DEPARTMENT = "department", _("County department or unit")
    WINDOW = "window", _("Law-enforcement, regulatory or service-window unit")
    TOWN = "town", _("Town or sub-district")
    VILLAGE = "village", _("Village or community")
    ENTERPRISE = "enterprise", _("Non-public enterprise or social organisation")

    @classmethod
    def organisations(cls):
        """The kinds that are party organisations (not the county or a category heading)."""
        return [k for k in cls if k not in (cls.COUNTY, cls.CATEGORY)]


# The kinds of organisation that have a leadership team (班子).
TEAM_KINDS = frozenset({UnitKind.LEADERSHIP, UnitKind.DEPARTMENT, UnitKind.WINDOW, UnitKind.TOWN})


class Wave(models.IntegerChoices):
    FIRST = 1, _("Wave 1: county organs and departments")
    SECOND = 2, _("Wave 2: towns and sub-districts")
    THIRD = 3, _("Wave 3: villages, communities and others")


# The wave each kind of unit starts in (统一部署、梯次展开、压茬进行).
DEFAULT_WAVE = {
    UnitKind.COUNTY: Wave.FIRST,
    UnitKind.CATEGORY: Wave.FIRST,
    UnitKind.LEADERSHIP: Wave.FIRST,
    UnitKind.DEPARTMENT: Wave.FIRST,
    UnitKind.WINDOW: Wave.FIRST,
    UnitKind.TOWN: Wave.SECOND,
    UnitKind.VILLAGE: Wave.THIRD,
    UnitKind.ENTERPRISE: Wave.THIRD,
}


class Sector(models.Model):
    """A sector or system (行业系统), for guidance by sector."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class SupervisionGroup(models.Model):
    """One of the county's supervision groups (督导组)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    leader_name = models.CharField(_("group leader"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:group_detail", args=[self.pk])


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit, include_self=True):
        """The unit and everything below it: one indexed prefix match on ``path``."""
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def organisations(self):
        return self.filter(kind__in=UnitKind.organisations())


class Unit(models.Model):
    """A party organisation, or a heading (county, category) that groups them."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path, PATH_STEP digits per level; on PostgreSQL a CharField with
    # db_index also gets a varchar_pattern_ops index, which serves the prefix match.
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    wave = models.PositiveSmallIntegerField(_("wave"), choices=Wave.choices, default=Wave.FIRST)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    group = models.ForeignKey(
        SupervisionGroup,
        verbose_name=_("supervision group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    secretary = models.ForeignKey(
        "Member",
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    head = models.ForeignKey(
        "User",
        verbose_name=_("unit head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
        help_text=_(
            "The unit's principal leader (一把手), who reviews first what the unit submits."
        ),
    )
    created_by_seed = models.BooleanField(default=False, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            # The unit list filters by kind, wave and group and sorts by path.
            models.Index(fields=["kind", "path"], name="org_unit_kind_path"),
            models.Index(fields=["group", "path"], name="org_unit_group_path"),
            models.Index(fields=["wave", "path"], name="org_unit_wave_path"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("overview:unit", args=[self.pk])

    @property
    def is_organisation(self):
        return self.kind in UnitKind.organisations()

    @property
    def has_team(self):
        """Whether the unit has a leadership team (班子): see ``TEAM_KINDS``."""
        return self.kind in TEAM_KINDS

    def ancestor_paths(self):
        """The paths of every ancestor, root first (read off the path, no query)."""
        return [self.path[:i] for i in range(PATH_STEP, len(self.path), PATH_STEP)]


class Member(models.Model):
    """A party member (党员), with the flags that change how they study."""

    class Gender(models.TextChoices):
        MALE = "m", _("male")
        FEMALE = "f", _("female")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField(_("full name"), max_length=40)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_retired = models.BooleanField(_("retired"), default=False)
    is_frail = models.BooleanField(_("elderly or frail"), default=False)
    is_migrant = models.BooleanField(_("migrant member"), default=False)
    is_frontline = models.BooleanField(_("front-line enterprise worker"), default=False)
    created_by_seed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["unit_id", "id"]
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        indexes = [models.Index(fields=["unit", "name"], name="org_member_unit_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:member_edit", args=[self.pk])

    def study_flags(self):
        """The labels of the flags this member carries, for lists."""
        labels = []
        for field in ("is_retired", "is_frail", "is_migrant", "is_frontline"):
            if getattr(self, field):
                labels.append(self._meta.get_field(field).verbose_name)
        return labels


class Role(models.TextChoices):
    OFFICE = "office", _("Campaign office")
    SECRETARY = "secretary", _("Unit secretary")
    CADRE = "cadre", _("Party cadre")
    SUPERVISOR = "supervisor", _("Supervision group member")
    LEADER = "leader", _("County leader")
    INSPECTOR = "inspector", _("Higher supervision")


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # The first account made on a fresh installation runs the campaign office.
        extra_fields.setdefault("role", Role.OFFICE)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """An account. What it may see follows from its role (see ``campaign.org.access``)."""

    full_name = models.CharField(_("full name"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SECRETARY)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        help_text=_("For unit secretaries and cadres: the unit they belong to."),
    )
    group = models.ForeignKey(
        SupervisionGroup,
        verbose_name=_("supervision group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        help_text=_("For supervision group members."),
    )
    contact_units = models.ManyToManyField(
        Unit,
        verbose_name=_("contact units"),
        blank=True,
        related_name="contact_leaders",
        help_text=_("For county leaders: the units they are linked to (联系点)."),
    )
    created_by_seed = models.BooleanField(default=False, editable=False)

    objects = PortalUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        return self.full_name or self.username

    @property
    def is_office(self):
        return self.role == Role.OFFICE or self.is_superuser


class TeamSeat(models.Model):
    """A seat on a unit's leadership team (班子成员): a cadre, their position and title, and
    the units they oversee (分管). Changed only through ``campaign.org.teams``, which keeps
    the head seat and ``Unit.head`` the same person."""

    class Position(models.TextChoices):
        HEAD = "head", _("Principal leader")
        DEPUTY = "deputy", _("Deputy")
        MEMBER = "member", _("Team member")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="seats"
    )
    cadre = models.ForeignKey(
        User, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="seats"
    )
    position = models.CharField(
        _("team position"), max_length=10, choices=Position.choices, default=Position.MEMBER
    )
    title = models.CharField(
        _("job title"), max_length=40, help_text=_("E.g. 局长, 副局长, 党委委员.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    phone = models.CharField(_("mobile"), max_length=30, blank=True)
    oversees = models.ManyToManyField(
        Unit, verbose_name=_("oversees"), blank=True, related_name="overseen_by"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["unit_id", "order", "id"]
        verbose_name = _("team seat")
        verbose_name_plural = _("team seats")
        constraints = [
            models.UniqueConstraint(fields=["unit", "cadre"], name="org_teamseat_unit_cadre"),
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(position="head"), name="org_teamseat_one_head"
            ),
        ]
        indexes = [
            # The team page lists a unit's seats in order.
            models.Index(fields=["unit", "order"], name="org_teamseat_unit_order"),
        ]

    def __str__(self):
        return f"{self.unit} · {self.title} {self.cadre}"

    def get_absolute_url(self):
        return reverse("org:team", args=[self.unit_id])


class SeedMarker(models.Model):
    """Written by ``seed_demo``: the database holds a demo county the command made."""

    counties = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo data marker")
        verbose_name_plural = _("demo data markers")

    def __str__(self):
        return f"demo × {self.counties}"
