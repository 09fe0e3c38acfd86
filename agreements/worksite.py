"""The agreements app's actions on a worksite page (the hook of cases.views.worksite_detail): draft an
agreement, build the labor-dispute evidence packet, and report a breach of each active agreement covering
the worksite."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Agreement


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
    active = Agreement.objects.filter(worksite=worksite).active().order_by("pk")
    found += [
        (_("Report a breach of the agreement"), reverse("agreements:breach_create", args=[uuid]))
        for uuid in active.values_list("uuid", flat=True)
    ]
    return found
