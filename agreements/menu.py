"""The agreements app's entries in the main menu (see power_campaign/menu.py). For administrators, the
Agreements entry counts the possible breaches waiting for their review."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from power_campaign.accounts.models import Role
from power_campaign.menu import MenuItem, app_is, view_is

from .models import BreachReport


def agreements_label(user):
    """ "Agreements", or "Agreements (2 possible breaches)" for an administrator with breaches to review."""
    if not user.has_role(Role.ADMIN):
        return _("Agreements")
    count = BreachReport.objects.for_user(user, roles=[Role.ADMIN]).to_review().count()
    if not count:
        return _("Agreements")
    return ngettext(
        "Agreements (%(count)s possible breach)", "Agreements (%(count)s possible breaches)", count
    ) % {"count": count}


def items(request):
    return [
        MenuItem(
            agreements_label(request.user),
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
