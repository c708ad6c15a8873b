from django.urls import path

from .views import accounts, groups, imports, members, teams, units

app_name = "org"

urlpatterns = [
    path("units/", units.unit_list, name="unit_list"),
    path("units/tree/", units.unit_tree, name="unit_tree"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/children/", units.unit_children, name="unit_children"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/delete/", units.unit_delete, name="unit_delete"),
    path("units/<int:pk>/members/new/", members.member_create, name="member_create"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/delete/", members.member_delete, name="member_delete"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_form, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_form, name="group_edit"),
    path("groups/<int:pk>/assign/", groups.group_assign, name="group_assign"),
    path("accounts/", accounts.account_list, name="account_list"),
    path("accounts/new/", accounts.account_create, name="account_create"),
    path("accounts/<int:pk>/edit/", accounts.account_edit, name="account_edit"),
    path("accounts/<int:pk>/password/", accounts.account_password, name="account_password"),
    path("units/<int:pk>/team/", teams.team, name="team"),
    path("units/<int:pk>/team/add/", teams.seat_add, name="team_seat_add"),
    path("team/seats/<int:pk>/edit/", teams.seat_edit, name="team_seat_edit"),
    path("team/seats/<int:pk>/remove/", teams.seat_remove, name="team_seat_remove"),
    path("team/seats/<int:pk>/move/", teams.seat_move, name="team_seat_move"),
    path("team/import/", teams.team_import, name="team_import"),
    path("team/import/template.xlsx", teams.team_import_template, name="team_import_template"),
    path("import/", imports.import_upload, name="import"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
]
