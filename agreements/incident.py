"""The agreements app's actions on an incident page (the hook of cases.views.incident_detail): the breach
reports made of the incident, and reporting it as a breach of each active agreement of its worksite in force
that day that has no report of it yet. Two queries, whatever the worksite holds."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Agreement, BreachReport
from .services import covers


def actions(request, incident):
    worksite = incident.worksite
    # The page's incident is in hand with its worksite: the access check is the user's role in its
    # organization. Its breach reports are of agreements of that worksite, in the same organization.
    if not Agreement.objects.user_may_see(request.user, worksite):
        return []
    reports = list(
        BreachReport.objects.filter(incident=incident).only("uuid", "status", "agreement_id").order_by("pk")
    )
    reported = {report.agreement_id for report in reports}
    active = Agreement.objects.filter(worksite=worksite, status=Agreement.Status.ACTIVE).only(
        "uuid", "effective_on", "expires_on"
    )
    found = [
        (
            _("Breach of the agreement: %(status)s") % {"status": report.get_status_display()},
            report.get_absolute_url(),
        )
        for report in reports
    ]
    found += [
        (
            _("Report as a breach of the agreement"),
            f"{reverse('agreements:breach_create', args=[agreement.uuid])}?incident={incident.uuid}",
        )
        for agreement in active.order_by("pk")
        if agreement.pk not in reported and covers(agreement, incident)
    ]
    return found
