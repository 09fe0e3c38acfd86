"""The U-visa app's action on a referral to legal (the hook of cases.views.referral_detail)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import ClientCase


def actions(request, referral):
    case = ClientCase.objects.for_user(request.user).filter(referral=referral).first()
    if case is not None:
        return [(_("Open the U-visa case"), case.get_absolute_url())]
    if ClientCase.objects.filter(referral=referral).exists():
        return []  # opened, and assigned to other staff
    return [(_("Open a U-visa case"), reverse("uvisa:case_open", args=[referral.uuid]))]
