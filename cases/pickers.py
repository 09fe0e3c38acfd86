"""Choosing a worksite to start something for (draft an agreement, start a proposal...): every worksite the
user may see while they fit on one page, else only those a search finds. A coalition sees thousands, and
each worksite's own page offers the same actions."""

from power_campaign.pagination import PAGE_SIZE

from .models import Worksite


def worksite_picker(request):
    """The context for `cases/_worksite_search.html` and the app's own list of links: `worksites` (at most
    PAGE_SIZE), `more_worksites` (more match than are listed) and `q` (the search, from `?q=`)."""
    q = request.GET.get("q", "").strip()
    worksites = Worksite.objects.for_user(request.user).defer("search_vector", "notes")
    if q:
        worksites = worksites.matching(q)
    worksites = list(worksites.order_by("employer_name", "pk")[: PAGE_SIZE + 1])
    return {"worksites": worksites[:PAGE_SIZE], "more_worksites": len(worksites) > PAGE_SIZE, "q": q}
