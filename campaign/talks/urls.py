from django.urls import path

from . import views

app_name = "talks"

urlpatterns = [
    path("units/<int:pk>/talks/", views.unit_talks, name="unit"),
    path("units/<int:pk>/talks/new/", views.talk_create, name="create"),
    path("talks/<int:pk>/edit/", views.talk_edit, name="edit"),
    path("talks/<int:pk>/delete/", views.talk_delete, name="delete"),
]
