"""The agreements app's actions on a worksite page (the hook of cases.views.worksite_detail): draft an
agreement, build the labor-dispute evidence packet, and report a breach of each active agreement covering
the worksite."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Agreement, BreachReport


def agreements_of(worksite):
    """The worksite's agreements as its page shows them (status, term end, the breaches with a cure period),
    read once per worksite object: its page's deadlines and actions both use them. The caller has checked
    the user's role in the worksite's organization."""
    if "_agreements_shown" not in worksite.__dict__:
        breaches = BreachReport.objects.filter(cure_by__isnull=False).select_related("incident").order_by()
        agreements = list(
            Agreement.objects.filter(worksite=worksite)
            .only("uuid", "expires_on", "status", "worksite_id")
            .prefetch_related(Prefetch("breaches", queryset=breaches))
            .order_by("pk")
        )
        for agreement in agreements:
            agreement.worksite = worksite
            for breach in agreement.breaches.all():  # an incident of this worksite (named in its day there)
                breach.incident.worksite = worksite
        worksite.__dict__["_agreements_shown"] = agreements
    return worksite.__dict__["_agreements_shown"]


def actions(request, worksite):
    found = [
        (_("Draft a neutrality agreement"), reverse("agreements:agreement_create", args=[worksite.uuid])),
        (
            _("Labor-dispute evidence packet"),
            reverse("agreements:labor_dispute_packet", args=[worksite.uuid]),
        ),
    ]
    # The page's worksite is in hand: the access check is the user's role in its organization.
    if not Agreement.objects.user_may_see(request.user, worksite):
        return found
    found += [
        (_("Report a breach of the agreement"), reverse("agreements:breach_create", args=[agreement.uuid]))
        for agreement in agreements_of(worksite)
        if agreement.status == Agreement.Status.ACTIVE
    ]
    return found
