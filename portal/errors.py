"""The portal's own error pages, with DEBUG on too.

With DEBUG off Django renders templates/404.html and 403.html itself. With DEBUG on it shows
its technical pages instead, in English, which a county office running a laptop copy of the
portal should not meet: this middleware renders the portal's pages for a missing page and for
a refused one whatever DEBUG says. ``PORTAL_TECHNICAL_ERROR_PAGES = True`` (environment
``DJANGO_TECHNICAL_ERROR_PAGES=1``) gives the developer Django's pages back.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, get_resolver
from django.views import defaults


def _wanted():
    return settings.DEBUG and not getattr(settings, "PORTAL_TECHNICAL_ERROR_PAGES", False)


class PortalErrorPagesMiddleware:
    """Place it after the authentication middleware: the pages show the user's menu."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _wanted() and not self._resolves(request):
            return defaults.page_not_found(request, Http404())
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _wanted():
            return None
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return defaults.permission_denied(request, exception)
        return None

    @staticmethod
    def _resolves(request):
        resolver = get_resolver(getattr(request, "urlconf", None))
        try:
            resolver.resolve(request.path_info)
        except Resolver404:
            # CommonMiddleware (earlier in the chain) has already redirected a path that
            # resolves with a slash appended; what is left is a page that does not exist.
            return False
        return True
