from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("org/units/<int:pk>/", views.unit_detail, name="unit"),
    path("phases/campaign/", views.campaign_settings, name="campaign"),
    path("phases/campaign/requirements/new/", views.requirement_form, name="requirement_create"),
    path(
        "phases/campaign/requirements/<int:pk>/edit/",
        views.requirement_form,
        name="requirement_edit",
    ),
    path("phases/progress/", views.progress, name="progress"),
    path("phases/progress/<int:pk>/", views.progress, name="progress_node"),
    path("phases/supervision/", views.supervision, name="supervision"),
    path("review/queue/", views.queue, name="queue"),
]
