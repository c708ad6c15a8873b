from django.urls import path

from . import views

app_name = "phases"

urlpatterns = [
    path(
        "supervision/units/<int:unit_pk>/activity/", views.activity_create, name="activity_create"
    ),
]
