from django.urls import path

from . import views, views_reports

app_name = "study"

urlpatterns = [
    path("units/<int:pk>/", views.unit_study, name="unit"),
    path("units/<int:unit_pk>/activities/new/", views.activity_create, name="activity_create"),
    path("units/<int:unit_pk>/attendees/", views.attendee_options, name="attendee_options"),
    path("units/<int:unit_pk>/checks/new/", views.check_create, name="check_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path(
        "units/<int:unit_pk>/requirements/<int:requirement_pk>/report/",
        views_reports.report_start,
        name="report_start",
    ),
    path("reports/<int:pk>/edit/", views_reports.report_edit, name="report_edit"),
]
