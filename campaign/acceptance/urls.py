from django.urls import path

from . import views

app_name = "acceptance"

urlpatterns = [
    path("units/<int:unit_pk>/phases/<int:phase_pk>/", views.start, name="start"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
