"""Lists a page at a time: every list of records uses `page_of`, and templates include `_pagination.html`
with the `page` and `query` it returns.

Counting every matching row on each page view is what made lists slow at coalition scale (200,000
incidents: 40 to 80 ms for the COUNT alone), so a list counts at most COUNT_CAP rows, or as many as the
requested page needs: up to that many it says exactly how many records match and how many pages there
are; beyond, "more than 1,000" and the page number alone. Previous and next work the same either way.

A page is read in two short queries rather than one long one: its records' keys first, on their own
table, then those rows with their joins and computed columns. In one query, whatever the page needs
beyond the keys is worked out for every row sorted or skipped before it: legal's queue, sorted by the
workflow's order of statuses (no index serves it), joined every referral to its incident and worksite
before cutting its 25; page 50 of the worksites counted the incidents of the 1,225 before it. A list whose
filters are costly (a filter on related records reads thousands of them) passes `rows`, which reads the
page's rows by their keys alone: the filters chose the keys, in the user's own scope, and are not worked
out again.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 25
COUNT_CAP = 1000
# No list has this many pages; a larger number asked for is taken as this one (the last page is shown),
# which keeps the rows it implies within what a database's LIMIT takes.
MAX_PAGE = 1_000_000


class CappedPaginator(Paginator):
    """A Paginator that counts at most `cap` + 1 rows of a queryset: `exact` says whether `count` is all of
    them (else there are more than `cap`)."""

    def __init__(self, object_list, per_page, cap, rows=None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.rows = rows

    def page(self, number):
        """The page's keys, then its rows (a list, or any other sequence, is cut as it is)."""
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        chosen = self.object_list.filter(pk__in=keys) if self.rows is None else self.rows(keys)
        rows = {row.pk: row for row in chosen}
        # A record deleted between the two queries is left out of the page.
        return self._get_page([rows[key] for key in keys if key in rows], number, self)

    @cached_property
    def count(self):
        """Every row if they are at most `cap`; else `cap` + 1 (so that the page after the cap exists)."""
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)
        # Only the rows' keys, in no order: the annotations and sorting the page needs cost nothing here.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def exact(self):
        return self.count <= self.cap

    @property
    def shown_count(self):
        """What the list says: the number of records, or the cap when there are more."""
        return self.count if self.exact else self.cap


def page_number(request):
    """The page number asked for: 1 if it is not a number, MAX_PAGE at most."""
    try:
        return min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


def page_of(request, records, per_page=PAGE_SIZE, rows=None):
    """The requested page of `records` (the last one if the number is past the end, the first if it is not
    a number) and the query string of the request's other parameters, for the pagination links.
    `records` is a queryset, or a sequence with `len()` and slices (a worksite's timeline). `rows(keys)`,
    if given, reads the page's records, with what the page shows, by their keys only (see above)."""
    number = page_number(request)
    paginator = CappedPaginator(records, per_page, cap=max(COUNT_CAP, number * per_page), rows=rows)
    page = paginator.get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
