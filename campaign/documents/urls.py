from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("units/<int:unit_pk>/requirements/<int:requirement_pk>/new/", views.start, name="start"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
