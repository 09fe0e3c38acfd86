"""The legal dashboard's U-visa panel: signed certifications that expire within 60 days and are not yet
filed with a petition, each with its warning (60, 30 or 7 days), soonest first."""

from django.utils import timezone

from power_campaign.accounts.models import Role
from power_campaign.deadlines import add_months

from .models import CERTIFICATION_MONTHS, CertificationRequest, ClientCase, Petition, client_identity_fields

WARNING_DAYS = (60, 30, 7)


def expiring(user, today):
    """[(request, days left, warning)] for signed certifications expiring in 0 to 60 days."""
    earliest = add_months(today, -CERTIFICATION_MONTHS - 1)
    signed = (
        CertificationRequest.objects.for_user(user)
        .filter(status=CertificationRequest.Status.SIGNED, signed_on__gte=earliest)
        .exclude(petitions__status__in=Petition.FILED_STATUSES)
        .select_related("agency", "case__organization")
        .defer(*client_identity_fields("case__"))
    )
    found = [(r, r.days_left(today), r.warning_level(today)) for r in signed]
    found = [row for row in found if row[2] in WARNING_DAYS]
    return sorted(found, key=lambda row: (row[1], row[0].pk))


def panels(request):
    user = request.user
    if not user.has_role(Role.LEGAL, Role.ADMIN):
        return []
    today = timezone.localdate()
    context = {
        "expiring": expiring(user, today),
        "open_cases": ClientCase.objects.for_user(user).exclude(status=ClientCase.Status.CLOSED).count(),
    }
    return [("uvisa/dashboard_panel.html", context)]
