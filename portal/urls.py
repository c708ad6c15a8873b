from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from . import views
from .forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("campaign.overview.urls")),
    path("org/", include("campaign.org.urls")),
    path("phases/", include("campaign.phases.urls")),
    path("review/", include("campaign.review.urls")),
    path("study/", include("campaign.study.urls")),
    path("opinions/", include("campaign.opinions.urls")),
    path("documents/", include("campaign.documents.urls")),
    path("acceptance/", include("campaign.acceptance.urls")),
    path("", include("campaign.talks.urls")),
    path("examination/", include("campaign.examination.urls")),
    path("admin/", admin.site.urls),
]
