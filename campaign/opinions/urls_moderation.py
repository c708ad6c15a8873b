"""URLs of the moderation of box submissions (in the ``opinions`` namespace)."""

from django.urls import path

from . import views_moderation

urlpatterns = [
    path("moderation/", views_moderation.queue, name="moderation"),
    path("<int:pk>/moderation/check/", views_moderation.check, name="moderation_check"),
    path("<int:pk>/moderation/hide/", views_moderation.hide, name="moderation_hide"),
    path("<int:pk>/moderation/restore/", views_moderation.restore, name="moderation_restore"),
    path("<int:pk>/moderation/mask/", views_moderation.mask, name="moderation_mask"),
    path("<int:pk>/reveal/", views_moderation.reveal, name="reveal"),
]
