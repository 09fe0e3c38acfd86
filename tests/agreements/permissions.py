"""Access rules of the agreements URLs: every role of the organization drafts, comments on and reads
agreements, prints their text, downloads executed ones and their certificates, reports breaches and builds a
worksite's labor-dispute evidence packet; administrators review agreements, send them for signature,
terminate them and move breaches on; signers reach their public signing pages by the token in their link
(no account)."""

import datetime
from datetime import timedelta

from django.utils import timezone

from agreements import services, signing
from agreements.models import Agreement, AgreementTemplate, AgreementVersion, BreachReport, SignatureRequest
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

def token_of(key):
    return lambda ctx: {"token": ctx["records"][ctx["organization"].pk][key]}


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
    "agreements:send_for_signature": Rule(
        GET_POST, roles=ADMIN_ONLY, kwargs=uuid_of("agreement"), org_scoped=True
    ),
    "agreements:signature_revoke": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("signature"), org_scoped=True),
    "agreements:signature_resend": Rule(POST, roles=ADMIN_ONLY, kwargs=uuid_of("signature"), org_scoped=True),
    "agreements:executed_pdf": Rule(GET, kwargs=uuid_of("executed"), org_scoped=True),
    "agreements:certificate_pdf": Rule(GET, kwargs=uuid_of("executed"), org_scoped=True),
    # Public: the token in the signer's link is the only key.
    "agreements:sign": Rule(GET_POST, public=True, kwargs=token_of("sign_token"), ok=frozenset({200})),
    "agreements:sign_done": Rule(GET, public=True, kwargs=token_of("signed_token"), ok=frozenset({200})),
    "agreements:signer_executed_pdf": Rule(
        GET, public=True, kwargs=token_of("signed_token"), ok=frozenset({200})
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
    return {
        "worksite": worksite,
        "agreement": agreement,
        "active_agreement": active,
        "breach": breach,
        **signing_records(worksite, template, owner),
    }


def _approved(worksite, template, owner, status):
    agreement = Agreement.objects.create(
        worksite=worksite, template=template, values=VALUES, created_by=owner, status=status
    )
    agreement.approved_version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        sections=services.fill(template.section_dicts(), VALUES),
        created_by=owner,
    )
    agreement.save()
    return agreement


def _request(agreement, owner, token, **fields):
    now = timezone.now()
    return SignatureRequest.objects.create(
        agreement=agreement,
        version=agreement.approved_version,
        party="union",
        signer_name="Rosa",
        signer_title="President",
        signer_email="rosa@example.org",
        token_hash=signing.hash_token(token),
        expires_at=now + timedelta(days=14),
        sent_at=now,
        created_by=owner,
        **fields,
    )


def signing_records(worksite, template, owner):
    """An agreement out for signature with a waiting request, and an executed one with a signed request."""
    organization = worksite.organization
    sign_token, signed_token = f"waiting{organization.pk:036d}", f"signed_{organization.pk:036d}"
    waiting = _request(_approved(worksite, template, owner, "out_for_signature"), owner, sign_token)
    executed = _approved(worksite, template, owner, "active")
    documents = {
        kind: store_document(
            organization=organization,
            kind=kind,
            title=kind,
            pdf=simple_pdf(),
            signed=False,
            language="en",
            user=owner,
            subject=f"agreements.agreement:{executed.uuid}",
            access=Access.ORGANIZATION,
        )
        for kind in ("executed_agreement", "signature_certificate")
    }
    executed.executed_document = documents["executed_agreement"]
    executed.certificate_document = documents["signature_certificate"]
    executed.executed_at = timezone.now()
    executed.save()
    _request(
        executed,
        owner,
        signed_token,
        signed_at=timezone.now(),
        signature_kind="typed",
        version_sha256=executed.approved_version.sha256,
    )
    return {
        "signature": waiting,
        "executed": executed,
        "sign_token": sign_token,
        "signed_token": signed_token,
    }
