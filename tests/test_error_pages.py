"""The portal's own 404, 403 and 500 pages, in Chinese, with a way home; with DEBUG on
too for 404 and 403 (portal/errors.py), unless PORTAL_TECHNICAL_ERROR_PAGES says otherwise."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from portal.errors import PortalErrorPagesMiddleware

pytestmark = pytest.mark.django_db


def _is_portal_404(response):
    body = response.content.decode()
    return response.status_code == 404 and 'id="error-404"' in body and 'href="/"' in body


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_page_shows_the_portals_404_page_in_chinese(client_for, debug):
    with override_settings(DEBUG=debug):
        response = client_for("secretary").get("/no-such-page/")
    assert _is_portal_404(response)
    assert "页面不存在" in response.content.decode()
    assert "Page not found" not in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_a_unit_outside_the_scope_shows_the_portals_404_page(client_for, haojia, debug):
    with override_settings(DEBUG=debug):
        response = client_for("secretary").get(reverse("overview:unit", args=[haojia.pk]))
    assert _is_portal_404(response)
    assert "退出登录" in response.content.decode()  # the page keeps the user's menu


@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_write_shows_the_portals_403_page(client_for, debug):
    # Higher supervision reads the office's pages but may not change anything.
    with override_settings(DEBUG=debug):
        response = client_for("inspector").get(reverse("org:account_create"))
    body = response.content.decode()
    assert response.status_code == 403
    assert 'id="error-403"' in body and "返回首页" in body


def test_the_anonymous_404_page_offers_the_login(client_for):
    with override_settings(DEBUG=True):
        response = client_for("anonymous").get("/no-such-page/")
    assert _is_portal_404(response)
    assert 'href="/login/"' in response.content.decode()


def test_a_missing_page_under_a_slashless_url_is_still_redirected_first(client_for):
    with override_settings(DEBUG=True):
        response = client_for("office").get("/org/units")
    assert response.status_code == 301
    assert response["Location"] == "/org/units/"


def test_the_technical_pages_come_back_when_the_setting_says_so(client_for):
    with override_settings(DEBUG=True, PORTAL_TECHNICAL_ERROR_PAGES=True):
        response = client_for("office").get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="error-404"' not in response.content.decode()


@pytest.mark.parametrize("exception", [Http404(), PermissionDenied()])
def test_the_middleware_leaves_errors_to_django_when_debug_is_off(exception):
    middleware = PortalErrorPagesMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    with override_settings(DEBUG=False):
        assert middleware.process_exception(request, exception) is None


def test_the_500_page_is_the_portals_and_needs_no_request_context():
    from django.template import loader

    with translation.override("zh-hans"):
        html = loader.get_template("500.html").render()
    assert 'id="error-500"' in html and 'href="/"' in html
    assert 'lang="zh-hans"' in html
    assert "style=" not in html  # the CSP allows no inline style


def test_every_page_carries_the_content_security_policy(client_for):
    response = client_for("office").get("/")
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_favicon_is_linked_and_served(client_for):
    response = client_for("anonymous").get(reverse("login"))
    assert 'rel="icon"' in response.content.decode()
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
