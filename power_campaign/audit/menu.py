from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.menu import MenuItem, app_is


def items(request):
    return [
        MenuItem(
            _("Audit log"), reverse("audit:event_list"), app_is("audit"), roles=(Role.ADMIN,), order=910
        )
    ]
