"""Access rules of the agreements URLs: every role of the organization drafts and reads agreements;
administrators review them."""

from agreements import services
from agreements.models import Agreement, AgreementTemplate, AgreementVersion
from cases.models import Worksite
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
    return {"worksite": worksite, "agreement": agreement}
