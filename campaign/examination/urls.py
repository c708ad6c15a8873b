from django.urls import path

from . import views

app_name = "examination"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
]
