"""Access rules of the agreements URLs: every role of the organization drafts, comments on and reads
agreements, and reports breaches; administrators review agreements, terminate them and move breaches on."""

import datetime

from agreements import services
from agreements.models import Agreement, AgreementTemplate, AgreementVersion, BreachReport
from cases.models import Incident, Worksite
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
