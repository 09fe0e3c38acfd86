"""The home page's agreements panel, for administrators: agreements by status, those whose term ends within
EXPIRING_DAYS days, the reviews waiting, and the possible breaches flagged from incidents to review."""

from django.utils import timezone

from power_campaign.accounts.models import Role

from .models import Agreement, BreachReport

# The apps whose records these panels show: agreements, and the worksites and incidents they name (a new
# incident or worksite changes nothing shown here: power_campaign/freshness.py, `existing`).
READS = ("agreements", "cases:existing")

EXPIRING_DAYS = 60
SHOWN = 10  # rows of each list; the counts cover them all


def admin_panel(user, today):
    agreements = Agreement.objects.for_user(user, roles=[Role.ADMIN])
    queue = agreements.review_queue()
    oldest = queue.values_list("status_changed_at", flat=True).first()
    possible = BreachReport.objects.for_user(user, roles=[Role.ADMIN]).to_review()
    expiring = (
        agreements.expiring(today, EXPIRING_DAYS)
        .select_related("worksite")
        .defer("values", "worksite__search_vector", "worksite__notes")
    )
    counts = agreements.status_counts()
    # The review queue is the agreements in review: counted with the others.
    in_review = next(count for value, _label, count in counts if value == Agreement.Status.IN_REVIEW)
    return {
        "counts": counts,
        "expiring": list(expiring[:SHOWN]),
        "expiring_days": EXPIRING_DAYS,
        "reviews_waiting": in_review,
        "oldest_review": oldest,
        "possible_count": possible.count(),
        "possible": list(possible.select_related("agreement__worksite", "incident__worksite")[:SHOWN]),
    }


def panels(request):
    user = request.user
    if not user.has_role(Role.ADMIN):
        return []
    return [("agreements/dashboard/panel.html", admin_panel(user, timezone.localdate()))]
