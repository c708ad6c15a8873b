from django.urls import path

from . import views
from .urls_bulk import urlpatterns as bulk_urlpatterns
from .urls_feedback import urlpatterns as feedback_urlpatterns
from .urls_moderation import urlpatterns as moderation_urlpatterns
from .urls_similar import urlpatterns as similar_urlpatterns

app_name = "opinions"

urlpatterns = [
    path("box/", views.box, name="box"),
    path("lookup/", views.lookup, name="lookup"),
    path("", views.opinion_list, name="list"),
    path("new/", views.opinion_create, name="create"),
    path("<int:pk>/", views.opinion_detail, name="detail"),
    path("<int:pk>/route/", views.opinion_route, name="route"),
    path("<int:pk>/take-up/", views.opinion_take_up, name="take_up"),
    path("<int:pk>/answer/", views.opinion_answer, name="answer"),
    path("<int:pk>/publish/", views.opinion_publish, name="publish"),
    path("<int:pk>/close/", views.opinion_close, name="close"),
    path("<int:pk>/merge/", views.opinion_merge, name="merge"),
    path("<int:pk>/correct/", views.opinion_correct, name="correct"),
    *bulk_urlpatterns,
    *feedback_urlpatterns,
    *similar_urlpatterns,
    *moderation_urlpatterns,
]
