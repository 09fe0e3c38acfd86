"""U-visa deadlines (power_campaign.deadlines): a signed certification expires six months after its
signature date (until a petition is filed with it); follow-ups with an agency are due when legal staff set
them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.accounts.models import Role
from power_campaign.deadlines import Deadline, first, soonest_of

from .models import (
    CertificationRequest,
    ClientCase,
    FollowUp,
    Petition,
    client_identity_fields,
    earliest_signature_valid_on,
)

READS = ("uvisa",)  # the apps whose records these deadlines come from (power_campaign/dashboard.py)

EXPIRY_RULE = "i918b-six-months"
EXPIRY_SOURCE = "8 C.F.R. § 214.14(c)(2)(i)"
FOLLOWUP_RULE = "uvisa-follow-up"


def _about(records, subject, path=""):
    """`records` narrowed to `subject` (a certification request or a case); `path` leads to the request."""
    if isinstance(subject, CertificationRequest):
        return records.filter(**{path or "pk": subject.pk})
    if isinstance(subject, ClientCase):
        return records.filter(**{f"{path}__case" if path else "case": subject})
    return records


def expiry_deadline(cert_request):
    return Deadline(
        due=cert_request.expires_on,
        label=_("File the I-918 before the certification expires"),
        rule=EXPIRY_RULE,
        source=EXPIRY_SOURCE,
        record=str(cert_request.agency),  # the case's code is `about`: lists across cases show both
        url=cert_request.get_absolute_url(),
        organization=cert_request.organization,
        about=cert_request.case.code,
    )


def followup_deadline(followup):
    return Deadline(
        due=followup.due_on,
        label=_("Follow up with the agency: %(note)s") % {"note": followup.note}
        if followup.note
        else _("Follow up with the agency"),
        rule=FOLLOWUP_RULE,
        source=_("Follow-up set by legal staff"),
        record=str(followup.request.agency),
        url=followup.request.get_absolute_url(),
        organization=followup.request.organization,
        about=followup.request.case.code,
    )


def deadlines(user, *, subject=None, now, soonest=None, since=None):  # `since`: left to collect()
    if subject is not None and not isinstance(subject, CertificationRequest | ClientCase):
        return []
    if not user.has_role(Role.LEGAL, Role.ADMIN):  # what for_user would find: nothing
        return []
    signed = _about(
        CertificationRequest.objects.for_user(user)
        .filter(status=CertificationRequest.Status.SIGNED)
        .select_related("agency", "case__organization")
        .defer(*client_identity_fields("case__")),
        subject,
    )
    # A follow-up done is no longer a deadline (the request's page lists it, with the day it was done); one
    # not yet done stays, past or not, until it is.
    followups = _about(
        FollowUp.objects.for_user(user)
        .filter(done_on__isnull=True)
        .select_related("request__agency", "request__case__organization")
        .defer(*client_identity_fields("request__case__")),
        subject,
        path="request",
    )
    if subject is None:
        # What calls for action: certifications still good and not yet filed with a petition.
        signed = signed.exclude(petitions__status__in=Petition.FILED_STATUSES).filter(
            signed_on__gte=earliest_signature_valid_on(timezone.localdate(now))
        )
    if soonest is None:
        return [*map(expiry_deadline, signed), *map(followup_deadline, followups)]
    signed, signed_total = first(signed.order_by("signed_on", "pk"), soonest)
    followups, followups_total = first(followups.order_by("due_on", "pk"), soonest)
    found = [*map(expiry_deadline, signed), *map(followup_deadline, followups)]
    return soonest_of(found, soonest, total=signed_total + followups_total)
