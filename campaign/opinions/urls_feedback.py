"""URLs of answer deadlines and telling senders (in the ``opinions`` namespace)."""

from django.urls import path

from . import views_feedback

urlpatterns = [
    path("deadlines/", views_feedback.deadlines, name="deadlines"),
    path("notices/", views_feedback.notices, name="notices"),
    path("notices/<int:pk>/told/", views_feedback.notice_told, name="notice_told"),
    path("<int:pk>/reopen/", views_feedback.reopen, name="reopen"),
]
