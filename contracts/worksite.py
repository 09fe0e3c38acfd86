"""The contracts app's action on a worksite page (the hook of cases.views.worksite_detail)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def actions(request, worksite):
    return [(_("Draft a contract proposal"), reverse("contracts:proposal_create", args=[worksite.uuid]))]
