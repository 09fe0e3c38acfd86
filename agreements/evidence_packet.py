"""The labor-dispute evidence packet of a worksite: for a worker facing immigration proceedings, or for a
request to a labor agency (a statement of interest).

One packet of the document engine (power_campaign.documents.api), in this order: the executed agreement
(when the worksite has one and it is chosen), a signed summary generated for the packet (the organizing
timeline, the incidents, breaches with their statuses and the agency filings chosen), then the chosen
evidence files with their custody. The packet is queued for generation at once.

Access: anyone with a role in the worksite's organization builds one, from the records they may see
(each model's `for_user`); a legal-only packet is for legal staff, who alone may open it.
"""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.chronology import chronology, method_note, summarize
from cases.models import AgencyFiling, Evidence, Incident, Worksite
from power_campaign import zones
from power_campaign.accounts.access import Role, require_role
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import (
    Access,
    Document,
    add_exhibit_from_record,
    create_document,
    create_packet,
    queue_packet,
    reference_of,
)

from .documents import LABOR_DISPUTE_SUMMARY
from .models import Agreement, AgreementComponent, BreachReport
from .services import AgreementError, verification_page

EXHIBIT_KINDS = (Evidence.Kind.PHOTO, Evidence.Kind.PDF)  # what a packet can print


class Purpose(models.TextChoices):
    IMMIGRATION = "immigration", gettext_lazy("Immigration proceedings of a worker")
    LABOR_AGENCY = "labor_agency", gettext_lazy("A request to a labor agency")


def executed_agreement(worksite):
    """The worksite's agreement with an executed PDF (the active one first, then the latest executed)."""
    executed = Agreement.objects.filter(worksite=worksite, executed_document__isnull=False)
    return (
        executed.select_related("executed_document")
        .order_by(
            models.Case(models.When(status=Agreement.Status.ACTIVE, then=0), default=1),
            models.F("executed_at").desc(nulls_last=True),
            "-created_at",
        )
        .first()
    )


def choices_for(user, worksite):
    """What `user` may put into the worksite's packet: querysets of incidents, breaches, filings, evidence."""
    return {
        "incidents": Incident.objects.for_user(user)
        .filter(worksite=worksite)
        .select_related("worksite")  # named by their local date
        .order_by("occurred_at", "pk"),
        "breaches": BreachReport.objects.for_user(user)
        .filter(agreement__worksite=worksite)
        .select_related("incident__worksite")
        .order_by("created_at", "pk"),
        "filings": AgencyFiling.objects.for_user(user).filter(worksite=worksite).order_by("filed_on", "pk"),
        "evidence": Evidence.objects.for_user(user)
        .filter(incident__worksite=worksite, kind__in=EXHIBIT_KINDS)
        .select_related("incident__worksite", "uploaded_by")
        .order_by("incident__occurred_at", "incident__pk", "uploaded_at", "pk"),
    }


def _check_visible(queryset, records):
    """PermissionDenied unless every record is among those `queryset` (the user's, this worksite's) lists."""
    wanted = {record.pk for record in records}
    if wanted and set(queryset.filter(pk__in=wanted).values_list("pk", flat=True)) != wanted:
        raise PermissionDenied


def _timeline(worksite, incidents, filings):
    """The retaliation chronology of the worksite limited to the chosen incidents and filings (its
    organizing steps and protected activity all stay)."""
    prefetched = Worksite.objects.prefetch_related(
        "stage_changes",
        "protected_activities",
        Prefetch("filings", queryset=AgencyFiling.objects.filter(pk__in=[f.pk for f in filings])),
        Prefetch("incidents", queryset=Incident.objects.filter(pk__in=[i.pk for i in incidents])),
    ).get(pk=worksite.pk)
    return chronology(prefetched)


def summary_context(*, worksite, purpose, agreement, incidents, breaches, filings, evidence):
    """What the summary prints (call it in the summary's language)."""
    rows = _timeline(worksite, incidents, filings)
    components = {c.code: c.label for c in AgreementComponent.objects.all()}
    return {
        "worksite": worksite,
        "purpose": purpose,
        "purpose_label": Purpose(purpose).label,
        "agreement": agreement,
        "rows": rows,
        "summary": summarize(rows),
        "method": method_note(worksite),
        "first_contact_on": worksite.first_contact_on,
        "incidents": [(i, zones.in_zone(i.occurred_at, worksite.zone)) for i in incidents],
        "breaches": [(b, components.get(b.component, b.component)) for b in breaches],
        "filings": filings,
        "evidence": evidence,
    }


@transaction.atomic
def create_labor_dispute_packet(
    *,
    worksite,
    purpose,
    incidents,
    breaches,
    filings,
    evidence,
    include_agreement,
    bates_prefix,
    access,
    language,
    user,
    request=None,
):
    """Build and queue the worksite's labor-dispute evidence packet; returns the packet.

    Every record must be one `user` may see at this worksite (else PermissionDenied); every evidence
    file must belong to one of the chosen incidents (else AgreementError, nothing saved). Raises
    SigningNotConfigured when no signing certificate is set up.
    """
    require_role(user, worksite.organization)
    choices = choices_for(user, worksite)
    incidents = sorted(incidents, key=lambda i: (i.occurred_at, i.pk))
    breaches = sorted(breaches, key=lambda b: (b.created_at, b.pk))
    filings = sorted(filings, key=lambda f: (f.filed_on, f.pk))
    evidence = sorted(evidence, key=lambda e: (e.incident.occurred_at, e.incident.pk, e.uploaded_at, e.pk))
    for key, records in (
        ("incidents", incidents),
        ("breaches", breaches),
        ("filings", filings),
        ("evidence", evidence),
    ):
        _check_visible(choices[key], records)
    if purpose not in Purpose.values:
        raise AgreementError(_("Choose what the packet is for."), code="purpose")
    if not (incidents or breaches or filings or evidence):
        raise AgreementError(
            _("Choose at least one incident, breach, agency filing or evidence file."), code="empty"
        )
    chosen_incidents = {i.pk for i in incidents}
    if any(e.incident_id not in chosen_incidents for e in evidence):
        raise AgreementError(
            _("Choose the incidents of the evidence files too: every file is shown with its incident."),
            code="evidence_incident",
        )
    if access == Access.LEGAL and user.role_in(worksite.organization) != Role.LEGAL:
        raise AgreementError(
            _("Only legal staff of this organization can create a legal-only packet."), code="access"
        )
    agreement = executed_agreement(worksite) if include_agreement else None
    if agreement is not None:
        executed = agreement.executed_document
        if not Document.objects.user_may_see(user, executed):
            raise PermissionDenied
        if executed.access == Access.LEGAL and access != Access.LEGAL:
            raise AgreementError(
                _(
                    "The executed agreement is for legal staff only: make the packet legal-only, "
                    "or leave the agreement out."
                ),
                code="access",
            )

    with translation.override(language):
        employer = worksite.employer_name
        if purpose == Purpose.IMMIGRATION:
            title = _("Labor-dispute evidence for immigration proceedings: %(employer)s")
        else:
            title = _("Labor-dispute evidence for a labor agency: %(employer)s")
        title = (title % {"employer": employer})[:200]
        summary_title = _("Labor-dispute summary: %(employer)s") % {"employer": employer}
        confidentiality = _("Confidential: names workers who may face retaliation")
        context = summary_context(
            worksite=worksite,
            purpose=purpose,
            agreement=agreement,
            incidents=incidents,
            breaches=breaches,
            filings=filings,
            evidence=evidence,
        )
    context["verify_url"] = verification_page(request)
    summary = create_document(
        organization=worksite.organization,
        kind=LABOR_DISPUTE_SUMMARY,
        title=summary_title[:300],
        template="pdf/labor_dispute_summary.html",
        context=context,
        language=language,
        user=user,
        subject=reference_of(worksite),
        access=access,
        confidentiality=confidentiality,
    )
    packet = create_packet(
        organization=worksite.organization,
        title=title,
        bates_prefix=bates_prefix,
        access=access,
        language=language,
        user=user,
        subject=reference_of(worksite),
        request=request,
    )
    records = ([agreement.executed_document] if agreement else []) + [summary] + list(evidence)
    for record in records:
        add_exhibit_from_record(packet=packet, record=record, user=user, request=request)
    AuditEvent.objects.record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        actor=user,
        obj=worksite,
        summary=(
            f"labor-dispute evidence packet {packet.uuid} for {purpose}: "
            f"{'executed agreement, ' if agreement else ''}{len(incidents)} incidents, "
            f"{len(breaches)} breaches, {len(filings)} agency filings, {len(evidence)} evidence files"
        ),
    )
    queue_packet(packet=packet, user=user, request=request)
    return packet
