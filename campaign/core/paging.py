"""Paging for list pages: the page asked for, and the filters to keep in its links."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page=PAGE_SIZE):
    """(page, query): ``query`` is the request's query string without ``page``, for the
    pagination links (templates/includes/pagination.html)."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
