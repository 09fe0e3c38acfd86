from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Role
from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is


def items(request):
    return [
        MenuItem(
            _("Audit log"), page_url("audit:event_list"), app_is("audit"), roles=(Role.ADMIN,), order=910
        )
    ]
