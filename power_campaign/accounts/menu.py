from django.utils.translation import gettext_lazy as _

from power_campaign.links import page_url
from power_campaign.menu import MenuItem, view_is

from .access import Role


def items(request):
    found = [MenuItem(_("My account"), page_url("accounts:account"), view_is("accounts:account"), order=1000)]
    if getattr(request.user, "coalition_role", "") == Role.ADMIN:
        current = view_is("accounts:organization_list", "accounts:organization_new")
        url = page_url("accounts:organization_list")
        found.append(MenuItem(_("Organizations"), url, current, order=990))
    return found
