"""Access rules of the U-visa URLs: legal staff and administrators of the owning organization (opening a
case from a referral: legal staff, as the referral queue). Assignment narrows a case further
(tests/uvisa/test_access.py)."""

import datetime

from cases.models import Incident, Referral, Worksite
from tests.matrix import ADMIN_ONLY, COALITION_ADMIN, GET, GET_POST, LEGAL_ONLY, POST, Rule, uuid_of
from uvisa.models import (
    CertificationRequest,
    CertifyingAgency,
    ClientCase,
    FamilyMember,
    FollowUp,
    Petition,
    QualifyingActivity,
    ScreenedActivity,
)

LEGAL_AND_ADMIN = frozenset({"legal", "admin"})


def case_rule(methods, key="case", **kwargs):
    return Rule(methods, roles=LEGAL_AND_ADMIN, kwargs=uuid_of(key), org_scoped=True, **kwargs)


def intake_step(ctx):
    return {**uuid_of("case")(ctx), "step": "harm"}


RULES = {
    "uvisa:case_list": Rule(GET, roles=LEGAL_AND_ADMIN),
    "uvisa:case_open": Rule(GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("referral"), org_scoped=True),
    "uvisa:case": case_rule(GET),
    "uvisa:case_assign": case_rule(GET_POST),
    "uvisa:intake": Rule(GET_POST, roles=LEGAL_AND_ADMIN, kwargs=intake_step, org_scoped=True),
    "uvisa:screening": case_rule(GET_POST),
    "uvisa:activity_add": case_rule(POST),
    "uvisa:request_create": case_rule(GET_POST),
    "uvisa:petition_create": case_rule(GET_POST),
    "uvisa:petition": case_rule(GET_POST, key="petition"),
    "uvisa:family_remove": case_rule(POST),
    "uvisa:activity_remove": case_rule(POST),
    "uvisa:request": case_rule(GET, key="certification_request"),
    "uvisa:request_send": case_rule(GET_POST, key="certification_request"),
    "uvisa:request_outcome": case_rule(GET_POST, key="certification_request"),
    "uvisa:request_original": case_rule(POST, key="certification_request"),
    "uvisa:followup_add": case_rule(POST, key="certification_request"),
    "uvisa:followup_done": case_rule(POST, key="followup"),
    "uvisa:declaration": case_rule(GET_POST),
    "uvisa:victim_information": case_rule(GET_POST),
    "uvisa:filing_checklist": Rule(GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("case"), org_scoped=True),
    "uvisa:request_packet": Rule(
        GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("certification_request"), org_scoped=True
    ),
    "uvisa:case_close": case_rule(POST),
    # Legal holds and counsel's inventory: the organization's administrators only
    "uvisa:case_hold": Rule(GET_POST, roles=ADMIN_ONLY, kwargs=uuid_of("case"), org_scoped=True),
    "uvisa:inventory": Rule(GET, roles=ADMIN_ONLY),
    "uvisa:agency_report": Rule(GET, roles=LEGAL_AND_ADMIN),
    # Across organizations: coalition staff only; every role in an organization is refused
    "uvisa:eligibility_report": Rule(GET, roles=frozenset({COALITION_ADMIN})),
}


def records(organization, owner):
    """One of each record the URLs point at (the case open to all legal staff: not assigned)."""
    worksite = Worksite.objects.create(
        organization=organization, employer_name="Matrix Farms", city="Chicago", state="IL", created_by=owner
    )
    incident = Incident.objects.create(
        worksite=worksite,
        type="assault",
        occurred_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
        created_by=owner,
    )
    referral = Referral.objects.create(incident=incident, reason="Assault at work", referred_by=owner)
    case = ClientCase.objects.create(organization=organization, worksite=worksite, created_by=owner)
    cert_request = CertificationRequest.objects.create(
        case=case, agency=CertifyingAgency.objects.get(code="dol_whd"), created_by=owner
    )
    return {
        "referral": referral,
        "case": case,
        "family_member": FamilyMember.objects.create(case=case, name="Rosa", relationship="child"),
        "screened_activity": ScreenedActivity.objects.create(
            case=case, activity=QualifyingActivity.objects.get(code="extortion")
        ),
        "certification_request": cert_request,
        "petition": Petition.objects.create(case=case, kind="principal", created_by=owner),
        "followup": FollowUp.objects.create(
            request=cert_request, due_on=datetime.date(2026, 4, 1), created_by=owner
        ),
    }
