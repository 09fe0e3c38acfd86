"""U-visa deadlines (power_campaign.deadlines): a signed certification expires six months after its
signature date (until a petition is filed with it); follow-ups with an agency are due when legal staff set
them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.deadlines import Deadline, add_months

from .models import (
    CERTIFICATION_MONTHS,
    CertificationRequest,
    ClientCase,
    FollowUp,
    Petition,
    client_identity_fields,
)

EXPIRY_RULE = "i918b-six-months"
EXPIRY_SOURCE = "8 C.F.R. § 214.14(c)(2)(i)"
FOLLOWUP_RULE = "uvisa-follow-up"


def _requests(user, subject):
    requests = (
        CertificationRequest.objects.for_user(user)
        .select_related("agency", "case__organization")
        .defer(*client_identity_fields("case__"))
    )
    if isinstance(subject, CertificationRequest):
        return requests.filter(pk=subject.pk)
    if isinstance(subject, ClientCase):
        return requests.filter(case=subject)
    return requests


def deadlines(user, *, subject=None, now):
    if subject is not None and not isinstance(subject, CertificationRequest | ClientCase):
        return []
    requests = _requests(user, subject)
    signed = requests.filter(status=CertificationRequest.Status.SIGNED)
    if subject is None:  # filed with a petition, or expired long ago: nothing left to act on
        earliest = add_months(timezone.localdate(now), -CERTIFICATION_MONTHS - 1)
        signed = signed.exclude(petitions__status__in=Petition.FILED_STATUSES).filter(signed_on__gte=earliest)
    found = [
        Deadline(
            due=cert_request.expires_on,
            label=_("File the I-918 before the certification expires"),
            rule=EXPIRY_RULE,
            source=EXPIRY_SOURCE,
            record=str(cert_request),
            url=cert_request.get_absolute_url(),
            organization=cert_request.organization,
            about=cert_request.case.code,
        )
        for cert_request in signed
    ]
    if subject is None:
        found = [deadline for deadline in found if not deadline.passed_at(now)]
    followups = (
        FollowUp.objects.for_user(user)
        .filter(request__in=requests)
        .select_related("request__agency", "request__case__organization")
        .defer(*client_identity_fields("request__case__"))
    )
    if subject is None:
        followups = followups.filter(done_on__isnull=True)  # past ones stay until done
    found += [
        Deadline(
            due=followup.due_on,
            label=_("Follow up with the agency: %(note)s") % {"note": followup.note}
            if followup.note
            else _("Follow up with the agency"),
            rule=FOLLOWUP_RULE,
            source=_("Follow-up set by legal staff"),
            record=str(followup.request),
            url=followup.request.get_absolute_url(),
            organization=followup.request.organization,
            about=followup.request.case.code,
        )
        for followup in followups
    ]
    return found
