"""Access rules of the agreements URLs: every role of the organization drafts, comments on and reads
agreements, prints their text, downloads the executed PDF and its certificate, reports breaches and builds a
worksite's labor-dispute evidence packet; administrators review agreements, terminate them and move breaches
on."""

import datetime

from agreements import services
from agreements.documents import AGREEMENT_TEXT
from agreements.models import Agreement, AgreementTemplate, AgreementVersion, BreachReport
from cases.models import Incident, Worksite
from power_campaign.documents.api import Access, store_document
from tests.factories import simple_pdf
from tests.matrix import ADMIN_ONLY, GET, GET_POST, POST, SIGNED_IN, Rule, uuid_of

VALUES = {
    "employer": "Acme",
    "union": "Local 1",
    "sites": "the plant",
    "term_months": "12",
    "effective_date": "2027-01-01",
}

RULES = {
    "agreements:agreement_list": Rule(GET, roles=SIGNED_IN),
    "agreements:review_queue": Rule(GET, roles=ADMIN_ONLY),
    "agreements:agreement_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "agreements:agreement": Rule(GET, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:agreement_edit": Rule(GET_POST, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:agreement_submit": Rule(POST, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:agreement_approve": Rule(
        POST, roles=ADMIN_ONLY, kwargs=uuid_of("agreement"), org_scoped=True
    ),
    "agreements:agreement_request_changes": Rule(
        POST, roles=ADMIN_ONLY, kwargs=uuid_of("agreement"), org_scoped=True
    ),
    "agreements:agreement_pdf": Rule(POST, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:executed_pdf": Rule(GET, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:certificate_pdf": Rule(GET, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:labor_dispute_packet": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "agreements:agreement_comment": Rule(POST, kwargs=uuid_of("agreement"), org_scoped=True),
    "agreements:agreement_terminate": Rule(
        GET_POST, roles=ADMIN_ONLY, kwargs=uuid_of("active_agreement"), org_scoped=True
    ),
    "agreements:breach_create": Rule(GET_POST, kwargs=uuid_of("active_agreement"), org_scoped=True),
    "agreements:breach_list": Rule(GET, roles=SIGNED_IN),
    "agreements:breach": Rule(GET, kwargs=uuid_of("breach"), org_scoped=True),
    "agreements:breach_confirm": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("breach"), org_scoped=True),
    "agreements:breach_dismiss": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("breach"), org_scoped=True),
    "agreements:breach_status": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("breach"), org_scoped=True),
    "agreements:breach_cure_by": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("breach"), org_scoped=True),
}


def records(organization, owner):
    """One of each record the URLs point at, created directly: fast enough for every URL's test."""
    worksite = Worksite.objects.create(
        organization=organization, employer_name="Matrix Foods", city="Chicago", state="IL", created_by=owner
    )
    template = AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)
    agreement = Agreement.objects.create(
        worksite=worksite, template=template, values=VALUES, created_by=owner
    )
    AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        sections=services.fill(template.section_dicts(), VALUES),
        created_by=owner,
    )
    # Stand-ins for the e-signature flow's executed PDF and certificate (any declared kind will do here).
    for field in ("executed_document", "certificate_document"):
        document = store_document(
            organization=organization,
            kind=AGREEMENT_TEXT,
            title=f"Matrix {field}",
            pdf=simple_pdf(),
            signed=False,
            language="en",
            user=owner,
            subject=f"matrix:{field}:{agreement.uuid}",
            access=Access.ORGANIZATION,
        )
        setattr(agreement, field, document)
    agreement.save(update_fields=["executed_document", "certificate_document"])
    active = Agreement.objects.create(
        worksite=worksite,
        template=template,
        values=VALUES,
        created_by=owner,
        status=Agreement.Status.ACTIVE,
        effective_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2027, 12, 31),
    )
    AgreementVersion.objects.create(
        agreement=active,
        number=1,
        sections=services.fill(template.section_dicts(), VALUES),
        created_by=owner,
    )
    incident = Incident.objects.create(
        worksite=worksite,
        type="wage_theft",
        occurred_at=datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC),
        created_by=owner,
    )
    breach = BreachReport.objects.create(
        agreement=active, incident=incident, status=BreachReport.Status.POSSIBLE, flagged_automatically=True
    )
    return {"worksite": worksite, "agreement": agreement, "active_agreement": active, "breach": breach}
