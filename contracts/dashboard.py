"""The home page's contracts panel: proposals at the table, with how many clauses stand where."""

from django.db.models import Count, Q

from .models import ClauseStatus, Proposal

READS = ("contracts", "cases:existing")  # proposals, and the worksites they name (freshness.existing)

LATEST = 6


def panels(request):
    # The latest first (an index scan that stops at LATEST), then the clause counts of those alone.
    latest = list(
        Proposal.objects.for_user(request.user)
        .filter(status=Proposal.Status.BARGAINING)
        .order_by("-updated_at", "-pk")
        .values_list("pk", flat=True)[:LATEST]
    )
    if not latest:
        return []
    proposals = (
        Proposal.objects.filter(pk__in=latest)
        .select_related("worksite")
        .defer("worksite__search_vector", "worksite__notes")
        .annotate(
            countered=Count("clauses", filter=Q(clauses__status=ClauseStatus.COUNTERED)),
            tentative=Count("clauses", filter=Q(clauses__status=ClauseStatus.TENTATIVE)),
            open_clauses=Count("clauses", filter=~Q(clauses__status=ClauseStatus.WITHDRAWN)),
        )
        .order_by("-updated_at", "-pk")
    )
    return [("contracts/dashboard_panel.html", {"proposals": proposals})]
