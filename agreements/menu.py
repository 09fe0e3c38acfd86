"""The agreements app's entries in the main menu (see power_campaign/menu.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.menu import MenuItem, app_is, view_is


def items(request):
    return [
        MenuItem(
            _("Agreements"),
            reverse("agreements:agreement_list"),
            app_is("agreements", except_views=("agreements:review_queue",)),
            order=200,
        ),
        MenuItem(
            _("Agreement reviews"),
            reverse("agreements:review_queue"),
            view_is("agreements:review_queue"),
            roles=(Role.ADMIN,),
            order=210,
        ),
    ]
