"""The contracts app's entries in the main menu (see power_campaign/menu.py)."""

from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is, view_is

LIBRARY_VIEWS = ("contracts:library", "contracts:clause")


def items(request):
    return [
        MenuItem(
            _("Contracts"),
            page_url("contracts:proposal_list"),
            app_is("contracts", except_views=LIBRARY_VIEWS),
            order=400,
        ),
        MenuItem(
            _("Clause library"),
            page_url("contracts:library"),
            view_is(*LIBRARY_VIEWS),
            roles=tuple(Role.values),  # reference data for members of an organization
            order=410,
        ),
    ]
