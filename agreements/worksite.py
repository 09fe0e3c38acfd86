"""The agreements app's actions on a worksite page (the hook of cases.views.worksite_detail)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def actions(request, worksite):
    return [
        (_("Draft a neutrality agreement"), reverse("agreements:agreement_create", args=[worksite.uuid])),
        (
            _("Labor-dispute evidence packet"),
            reverse("agreements:labor_dispute_packet", args=[worksite.uuid]),
        ),
    ]
