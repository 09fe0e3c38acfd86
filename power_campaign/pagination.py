"""Lists a page at a time: every list of records uses `page_of`, and templates include `_pagination.html`
with the `page` and `query` it returns."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def page_of(request, records, per_page=PAGE_SIZE):
    """The requested page of `records` (the last one if the number is past the end, the first if it is not
    a number) and the query string of the request's other parameters, for the pagination links."""
    page = Paginator(records, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
