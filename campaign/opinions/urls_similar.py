"""URL of likely duplicates of a text being written (in the ``opinions`` namespace)."""

from django.urls import path

from . import views_similar

urlpatterns = [
    path("similar/", views_similar.similar, name="similar"),
]
