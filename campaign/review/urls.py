from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("items/<int:pk>/pass/", views.item_pass, name="item_pass"),
    path("items/<int:pk>/send-back/", views.item_send_back, name="item_send_back"),
    path("items/<int:pk>/check/", views.item_check, name="item_check"),
    path("items/<int:pk>/except/", views.item_except, name="item_except"),
    path("items/<int:pk>/diff/", views.item_diff, name="item_diff"),
]
