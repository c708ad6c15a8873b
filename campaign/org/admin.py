"""Django admin, for looking things up. The office reads here; changes are made in the
portal, through the service functions that write history. Superusers may change all."""

from django.contrib import admin

from campaign.history.models import HistoryEntry

from .models import Member, Sector, SupervisionGroup, Unit, User


class OfficeReadsAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_office

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_office

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(OfficeReadsAdmin):
    list_display = ["name", "kind", "wave", "group", "path"]
    list_filter = ["kind", "wave", "group"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "secretary"]
    list_select_related = ["group"]


@admin.register(Member)
class MemberAdmin(OfficeReadsAdmin):
    list_display = [
        "name",
        "unit",
        "position",
        "is_retired",
        "is_frail",
        "is_migrant",
        "is_frontline",
    ]
    list_filter = ["is_retired", "is_frail", "is_migrant", "is_frontline"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(SupervisionGroup)
class SupervisionGroupAdmin(OfficeReadsAdmin):
    list_display = ["number", "name", "leader_name"]


@admin.register(Sector)
class SectorAdmin(OfficeReadsAdmin):
    list_display = ["name"]


@admin.register(User)
class UserAdmin(OfficeReadsAdmin):
    list_display = ["username", "full_name", "role", "unit", "group", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["contact_units"]
    exclude = ["password"]
    list_select_related = ["unit", "group"]


@admin.register(HistoryEntry)
class HistoryEntryAdmin(OfficeReadsAdmin):
    list_display = ["created_at", "actor", "code", "object_repr"]
    list_filter = ["code"]
    search_fields = ["object_repr", "code"]
    list_select_related = ["actor"]
