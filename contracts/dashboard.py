"""The home page's contracts panel: proposals at the table, with how many clauses stand where."""

from django.db.models import Count, Q

from .models import ClauseStatus, Proposal

LATEST = 6


def panels(request):
    proposals = list(
        Proposal.objects.for_user(request.user)
        .filter(status=Proposal.Status.BARGAINING)
        .select_related("worksite")
        .annotate(
            countered=Count("clauses", filter=Q(clauses__status=ClauseStatus.COUNTERED)),
            tentative=Count("clauses", filter=Q(clauses__status=ClauseStatus.TENTATIVE)),
            open_clauses=Count("clauses", filter=~Q(clauses__status=ClauseStatus.WITHDRAWN)),
        )
        .order_by("-updated_at", "pk")[:LATEST]
    )
    if not proposals:
        return []
    return [("contracts/dashboard_panel.html", {"proposals": proposals})]
