"""The cases app's entries in the main menu (see power_campaign/menu.py)."""

from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is, view_is

# The incidents across worksites, and "Log an incident" (the worksite first); an incident's own page is a
# worksite's.
INCIDENT_LISTS = ("cases:incident_list", "cases:incident_log")


def items(request):
    return [
        MenuItem(
            _("Worksites"),
            page_url("cases:worksite_list"),
            app_is("cases", except_views=(*INCIDENT_LISTS, "cases:referral_list", "cases:referral")),
            order=100,
        ),
        MenuItem(_("Incidents"), page_url("cases:incident_list"), view_is(*INCIDENT_LISTS), order=105),
        MenuItem(
            _("Referrals"),
            page_url("cases:referral_list"),
            view_is("cases:referral_list", "cases:referral"),
            roles=(Role.LEGAL,),
            order=110,
        ),
    ]
