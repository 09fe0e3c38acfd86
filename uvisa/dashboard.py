"""The legal dashboard's U-visa panel: signed certifications that expire within 60 days and are not yet
filed with a petition, each with its warning (60, 30 or 7 days), soonest first."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from power_campaign.accounts.models import Role

from .models import (
    CertificationRequest,
    ClientCase,
    Petition,
    client_identity_fields,
    earliest_signature_valid_on,
)

READS = ("uvisa",)  # the apps whose records this panel shows (power_campaign/dashboard.py)

WARNING_DAYS = (60, 30, 7)
SHOWN = 10  # the soonest; the counts say how many there are in all


def _expiring(user, today):
    """Signed certifications not yet filed with a petition that expire in 0 to 60 days."""
    return (
        CertificationRequest.objects.for_user(user)
        .filter(
            status=CertificationRequest.Status.SIGNED,
            signed_on__gte=earliest_signature_valid_on(today),
            signed_on__lt=_signed_before(today, WARNING_DAYS[0]),
        )
        .exclude(petitions__status__in=Petition.FILED_STATUSES)
    )


def _signed_before(today, days):
    """Certifications signed before this date expire within `days` days of `today` (if not already)."""
    return earliest_signature_valid_on(today + datetime.timedelta(days=days + 1))


def expiring(user, today, limit=SHOWN):
    """[(request, days left, warning)] for the `limit` soonest of them, soonest first."""
    signed = (
        _expiring(user, today)
        .select_related("agency", "case__organization")
        .defer(*client_identity_fields("case__"))
        .order_by("signed_on", "pk")
    )
    return [(r, r.days_left(today), r.warning_level(today)) for r in signed[:limit]]


def expiring_counts(user, today):
    """{60: how many expire within 60 days, 30: within 30, 7: within 7}, in one query."""
    counts = _expiring(user, today).aggregate(
        **{
            f"within_{days}": Count("pk", filter=Q(signed_on__lt=_signed_before(today, days)))
            for days in WARNING_DAYS
        }
    )
    return {days: counts[f"within_{days}"] for days in WARNING_DAYS}


def panels(request):
    user = request.user
    if not user.has_role(Role.LEGAL, Role.ADMIN):
        return []
    today = timezone.localdate()
    rows, counts = expiring(user, today), expiring_counts(user, today)
    context = {
        "expiring": rows,
        "within_7": counts[7],
        "within_30": counts[30],
        "within_60": counts[60],
        "more": counts[60] - len(rows),
        "open_cases": ClientCase.objects.for_user(user).exclude(status=ClientCase.Status.CLOSED).count(),
    }
    return [("uvisa/dashboard_panel.html", context)]
