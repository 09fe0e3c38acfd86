from django.utils.translation import gettext_lazy as _

from power_campaign.links import page_url
from power_campaign.menu import MenuItem, app_is


def items(request):
    return [MenuItem(_("Packets"), page_url("documents:packet_list"), app_is("documents"), order=900)]
