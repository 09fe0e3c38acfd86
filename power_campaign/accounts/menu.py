from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from power_campaign.menu import MenuItem, view_is


def items(request):
    return [MenuItem(_("My account"), reverse("accounts:account"), view_is("accounts:account"), order=1000)]
