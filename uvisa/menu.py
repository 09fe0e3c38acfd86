"""The U-visa app's entry in the main menu (see power_campaign/menu.py): legal staff and administrators."""

from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is


def items(request):
    return [
        MenuItem(
            _("U visas"),
            page_url("uvisa:case_list"),
            app_is("uvisa"),
            roles=(Role.LEGAL, Role.ADMIN),
            order=300,
        )
    ]
