from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/revise/", views.item_revise, name="item_revise"),
    path("items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("items/<int:pk>/pass/", views.item_pass, name="item_pass"),
    path("items/<int:pk>/send-back/", views.item_send_back, name="item_send_back"),
    path("items/<int:pk>/check/", views.item_check, name="item_check"),
    path("items/<int:pk>/diff/", views.item_diff, name="item_diff"),
    path(
        "units/<int:unit_pk>/requirements/<int:requirement_pk>/new/",
        views.item_create,
        name="item_create",
    ),
    path(
        "units/<int:unit_pk>/phases/<int:phase_pk>/acceptance/",
        views.acceptance_create,
        name="acceptance_create",
    ),
]
