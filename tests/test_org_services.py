"""The organisation's service functions: each change is atomic and writes history."""

import pytest

from campaign.history.models import HistoryEntry
from campaign.history.services import history_for
from campaign.org import services
from campaign.org.models import PATH_STEP, Member, Role, SupervisionGroup, Unit, UnitKind, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(persona_user):
    return persona_user("office")


def test_create_unit_puts_it_last_under_its_parent(office, shengtuo):
    before = list(shengtuo.children.values_list("path", flat=True))
    unit = services.create_unit(
        actor=office, name="测试新村", kind=UnitKind.VILLAGE, parent=shengtuo, wave=3
    )
    assert unit.path.startswith(shengtuo.path)
    assert len(unit.path) == len(shengtuo.path) + PATH_STEP
    assert unit.path > max(before)
    assert unit.depth == shengtuo.depth + 1
    entry = history_for(unit).get()
    assert entry.code == "org.unit.created" and entry.actor == office


def test_moving_a_unit_moves_its_whole_subtree(office, shengtuo, haojia):
    village = shengtuo.children.order_by("path").first()
    sub = services.create_unit(
        actor=office, name="村下属支部", kind=UnitKind.VILLAGE, parent=village, wave=3
    )
    services.update_unit(actor=office, unit=village, parent=haojia)
    village.refresh_from_db()
    sub.refresh_from_db()
    assert village.parent_id == haojia.pk
    assert village.path.startswith(haojia.path)
    assert sub.path.startswith(village.path) and sub.depth == village.depth + 1
    assert Unit.objects.subtree(haojia).filter(pk=sub.pk).exists()
    assert not Unit.objects.subtree(shengtuo).filter(pk=sub.pk).exists()
    assert history_for(village).filter(code="org.unit.updated").exists()


def test_a_unit_cannot_move_under_its_own_subunit(office, shengtuo):
    village = shengtuo.children.first()
    path = shengtuo.path
    with pytest.raises(services.OrgError):
        services.update_unit(actor=office, unit=shengtuo, parent=village)
    shengtuo.refresh_from_db()
    assert shengtuo.path == path


def test_secretary_must_be_a_member_of_the_unit(office, shengtuo, haojia):
    stranger = haojia.members.first()
    with pytest.raises(services.OrgError):
        services.update_unit(actor=office, unit=shengtuo, secretary=stranger)


def test_unit_with_subunits_or_members_cannot_be_deleted(office, shengtuo):
    count = Unit.objects.count()
    with pytest.raises(services.OrgError):
        services.delete_unit(actor=office, unit=shengtuo)
    village = shengtuo.children.first()
    with pytest.raises(services.OrgError):
        services.delete_unit(actor=office, unit=village)
    assert Unit.objects.count() == count


def test_empty_unit_is_deleted_with_a_history_row(office, shengtuo):
    unit = services.create_unit(
        actor=office, name="空单位", kind=UnitKind.VILLAGE, parent=shengtuo, wave=3
    )
    services.delete_unit(actor=office, unit=unit)
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert HistoryEntry.objects.filter(code="org.unit.deleted", object_id=str(unit.pk)).exists()


def test_assign_group_with_subunits_moves_the_whole_town(office, shengtuo):
    group = SupervisionGroup.objects.exclude(pk=shengtuo.group_id).get(number=2)
    size = Unit.objects.subtree(shengtuo).organisations().count()
    count = services.assign_group(
        actor=office, group=group, units=[shengtuo], include_subunits=True
    )
    assert count == size
    assert not Unit.objects.subtree(shengtuo).organisations().exclude(group=group).exists()
    assert history_for(group).filter(code="org.group.units_assigned").exists()


def test_assign_group_without_units_is_refused(office):
    with pytest.raises(services.OrgError):
        services.assign_group(actor=office, group=SupervisionGroup.objects.first(), units=[])


def test_member_changes_are_recorded_field_by_field(office, shengtuo):
    member = services.save_member(actor=office, unit=shengtuo, name="张测试", is_migrant=False)
    services.save_member(actor=office, member=member, is_migrant=True, position="委员")
    entry = history_for(member).filter(code="org.member.updated").get()
    assert entry.changes == {"is_migrant": [False, True], "position": ["", "委员"]}


def test_deleting_the_secretary_member_clears_the_units_secretary(office, shengtuo):
    secretary = shengtuo.secretary
    services.delete_member(actor=office, member=secretary)
    shengtuo.refresh_from_db()
    assert shengtuo.secretary is None
    assert not Member.objects.filter(pk=secretary.pk).exists()


def test_account_fields_that_do_not_fit_the_role_are_cleared(office, shengtuo):
    account = services.save_account(
        actor=office,
        username="newleader",
        full_name="新领导",
        role=Role.LEADER,
        unit=shengtuo,
        group=None,
        email="",
        is_active=True,
        contact_units=[shengtuo],
        password="Kenli-2014-pass",
    )
    assert account.unit is None
    assert list(account.contact_units.all()) == [shengtuo]
    assert account.check_password("Kenli-2014-pass")
    assert history_for(account).filter(code="org.account.created").exists()


@pytest.mark.parametrize(
    ("role", "extra"),
    [(Role.SECRETARY, {}), (Role.SUPERVISOR, {}), (Role.LEADER, {})],
)
def test_account_without_its_scope_is_refused(office, role, extra):
    before = User.objects.count()
    with pytest.raises(services.OrgError):
        services.save_account(
            actor=office,
            username="x-" + role,
            full_name="某某",
            role=role,
            unit=None,
            group=None,
            email="",
            is_active=True,
            **extra,
        )
    assert User.objects.count() == before
