from django.urls import path

from . import views

app_name = "phases"

urlpatterns = [
    path("campaign/", views.campaign_settings, name="campaign"),
    path("campaign/requirements/new/", views.requirement_form, name="requirement_create"),
    path("campaign/requirements/<int:pk>/edit/", views.requirement_form, name="requirement_edit"),
    path("progress/", views.progress, name="progress"),
    path("progress/<int:pk>/", views.progress, name="progress_node"),
    path("supervision/", views.supervision, name="supervision"),
    path(
        "supervision/units/<int:unit_pk>/activity/", views.activity_create, name="activity_create"
    ),
]
