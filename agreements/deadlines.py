"""The agreements app's provider for the platform's deadline engine (power_campaign.deadlines): the end of
an active agreement's term, and the end of the employer's cure period for a breach raised with them.

Everything is read through the models' access path, so a user sees only the deadlines of agreements they may
see. It answers for the dashboard (no subject), an agreement, a breach report, a worksite and an incident.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Incident, Worksite
from power_campaign.deadlines import Deadline, first, soonest_of

from .dashboard import EXPIRING_DAYS
from .models import Agreement, AgreementComponent, BreachReport
from .worksite import agreements_of

READS = ("agreements", "cases:existing")  # agreements and breaches; the worksites and incidents they name


def expiry_deadline(agreement, texts=None):
    label, source, record = texts or _expiry_texts()
    return Deadline(
        due=agreement.expires_on,
        label=label,
        rule="agreement-expiry",
        source=source,
        record=record,
        url=agreement.get_absolute_url(),
        organization=agreement.worksite.organization,
        about=agreement.worksite.display_name,
    )


def _expiry_texts():
    """The expiry deadline's label, source and record, translated once for a whole list."""
    return (
        _("The neutrality agreement's term ends: renew it or negotiate a new one"),
        _("Agreement term"),
        _("Neutrality agreement"),
    )


def cure_deadline(breach, labels):
    section = labels.get(breach.component, breach.component)
    return Deadline(
        due=breach.cure_by,
        label=_("The employer's cure period for the breach ends"),
        rule="breach-cure-period",
        source=_("Agreement, section: %(section)s") % {"section": section} if section else _("Agreement"),
        record=str(breach.incident),
        url=breach.get_absolute_url(),
        organization=breach.agreement.worksite.organization,
        about=breach.agreement.worksite.display_name,
    )


def _labels():
    return {c.code: c.label for c in AgreementComponent.objects.all()}


def worksite_deadlines(user, worksite):
    """A worksite's (its page): every one of its agreements' terms and cure periods. The worksite is in hand
    with its organization, so the access check is the user's role there, and its agreements are read by its
    key alone, their breaches only where it has agreements (most worksites have none), once for the page's
    deadlines and actions (worksite.agreements_of)."""
    if not Agreement.objects.user_may_see(user, worksite):
        return []
    texts, labels, found = _expiry_texts(), None, []
    for agreement in agreements_of(worksite):
        if agreement.status == Agreement.Status.ACTIVE and agreement.expires_on is not None:
            found.append(expiry_deadline(agreement, texts))
        for breach in agreement.breaches.all():
            labels = labels if labels is not None else _labels()
            found.append(cure_deadline(breach, labels))
    return found


def deadlines(user, *, subject=None, now, soonest=None, since=None):  # `since`: left to collect()
    if isinstance(subject, Worksite):
        return worksite_deadlines(user, subject)
    # Only what a deadline shows: not the agreement's placeholder values nor the worksite's search vector.
    agreements = (
        Agreement.objects.for_user(user)
        .select_related("worksite__organization")
        .only(
            "uuid",
            "expires_on",
            "status",
            "worksite__employer_name",
            "worksite__dba",
            "worksite__organization",
        )
    )
    breaches = (
        BreachReport.objects.for_user(user)
        .filter(cure_by__isnull=False)
        .select_related("agreement__worksite__organization", "incident__worksite")
    )
    if subject is None:
        # What calls for action: terms ending soon, and every cure period of a breach still raised with the
        # employer (a passed one included: the breach is then for a grievance).
        expiring = agreements.expiring(timezone.localdate(now), EXPIRING_DAYS)
        raised = breaches.filter(status=BreachReport.Status.RAISED)
    elif isinstance(subject, Agreement):
        expiring = agreements.filter(pk=subject.pk)
        raised = breaches.filter(agreement_id=subject.pk)
    elif isinstance(subject, BreachReport):
        expiring = agreements.none()
        raised = breaches.filter(pk=subject.pk)
    elif isinstance(subject, Incident):
        expiring = agreements.none()
        raised = breaches.filter(incident_id=subject.pk)
    else:
        return []
    expiring = expiring.filter(status=Agreement.Status.ACTIVE, expires_on__isnull=False)
    if soonest is not None:
        expiring, expiring_total = first(expiring.order_by("expires_on", "pk"), soonest)
        raised, raised_total = first(raised.order_by("cure_by", "pk"), soonest)
    texts = _expiry_texts()
    found = [expiry_deadline(agreement, texts) for agreement in expiring]
    raised = list(raised)
    if raised:
        labels = _labels()
        found += [cure_deadline(breach, labels) for breach in raised]
    return found if soonest is None else soonest_of(found, soonest, total=expiring_total + raised_total)
