"""The agreements app's entries in the main menu (see power_campaign/menu.py). For administrators, the
Agreements entry counts the possible breaches waiting for their review."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from power_campaign.accounts.models import Role
from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is, view_is

from .models import BreachReport


def breaches_to_review(user):
    """How many possible breaches wait for `user`'s review: administrators' only."""
    if not user.has_role(Role.ADMIN):
        return 0
    return BreachReport.objects.for_user(user, roles=[Role.ADMIN]).to_review().count()


def agreements_label(count):
    """ "Agreements", or "Agreements (2 possible breaches)" with breaches to review."""
    if not count:
        return _("Agreements")
    return ngettext(
        "Agreements (%(count)s possible breach)", "Agreements (%(count)s possible breaches)", count
    ) % {"count": count}


def items(request):
    count = breaches_to_review(request.user)
    return [
        MenuItem(
            agreements_label(count),
            page_url("agreements:agreement_list"),
            app_is("agreements", except_views=("agreements:review_queue",)),
            order=200,
            attention=count,
        ),
        MenuItem(
            _("Agreement reviews"),
            page_url("agreements:review_queue"),
            view_is("agreements:review_queue"),
            roles=(Role.ADMIN,),
            order=210,
        ),
    ]
