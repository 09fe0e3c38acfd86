"""Access rules of the cases URLs: every role of the organization works on its worksites; referrals
are handled by legal staff."""

from django.core.files.base import ContentFile
from django.utils import timezone

from cases.models import (
    AgencyFiling,
    Contact,
    Evidence,
    ImportBatch,
    Incident,
    Referral,
    StageChange,
    Worksite,
)
from tests.factories import jpeg
from tests.matrix import GET, GET_POST, LEGAL_ONLY, POST, SIGNED_IN, Rule, uuid_of


def stage_entry(ctx):
    """The worksite's uuid and the pk of its stage history entry."""
    change = ctx["records"][ctx["organization"].pk]["stage_change"]
    return {"uuid": change.worksite.uuid, "pk": change.pk}


RULES = {
    "cases:worksite_list": Rule(GET, roles=SIGNED_IN),
    "cases:worksite_create": Rule(GET_POST),
    "cases:worksite": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:worksite_edit": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:stage_add": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    # A stage history entry is reached through its worksite: any role that edits the worksite corrects it.
    "cases:stage_edit": Rule(GET_POST, kwargs=stage_entry, org_scoped=True),
    "cases:stage_remove": Rule(GET_POST, kwargs=stage_entry, org_scoped=True),
    "cases:contact_list": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:contact_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:incident_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:filing_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:activity_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:chronology": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:chronology_pdf": Rule(POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:contact_edit": Rule(GET_POST, kwargs=uuid_of("contact"), org_scoped=True),
    "cases:filing_edit": Rule(GET_POST, kwargs=uuid_of("filing"), org_scoped=True),
    "cases:incident_list": Rule(GET, roles=SIGNED_IN),
    "cases:incident_log": Rule(GET, roles=SIGNED_IN),
    "cases:incident": Rule(GET, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:incident_edit": Rule(GET_POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:evidence_add": Rule(POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:referral_create": Rule(GET_POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:evidence": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:evidence_original": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:evidence_shown": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:evidence_packet": Rule(GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:referral_list": Rule(GET, roles=LEGAL_ONLY),
    "cases:referral": Rule(GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("referral"), org_scoped=True),
    "cases:referral_status": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("referral"), org_scoped=True),
    "cases:import_upload": Rule(GET_POST),
    "cases:import_preview": Rule(GET_POST, kwargs=uuid_of("import_batch"), org_scoped=True),
    "cases:import_template": Rule(GET, kwargs=lambda ctx: {"kind": "worksites"}),
    "cases:export_csv": Rule(GET, roles=SIGNED_IN),
}


def records(organization, owner):
    """One of each record the URLs point at, created directly: fast enough for every URL's test."""
    now = timezone.now()
    worksite = Worksite.objects.create(
        organization=organization, employer_name="Acme", city="Chicago", state="IL", created_by=owner
    )
    incident = Incident.objects.create(
        worksite=worksite, type="wage_theft", occurred_at=now, created_by=owner
    )
    evidence = Evidence(
        incident=incident,
        kind="photo",
        content_type="image/jpeg",
        original_name="p.jpg",
        sha256="0" * 64,
        size=4,
        uploaded_by=owner,
        uploaded_at=now,
    )
    evidence.file.save("o", ContentFile(jpeg()), save=False)
    evidence.shown_file.save("s", ContentFile(jpeg()), save=False)
    evidence.save()
    stage_change = StageChange.objects.create(
        worksite=worksite, stage="first_contact", date=now.date(), recorded_by=owner
    )
    return {
        "worksite": worksite,
        "stage_change": stage_change,
        "contact": Contact.objects.create(
            worksite=worksite, name="Ana", committee_role="leader", created_by=owner
        ),
        "incident": incident,
        "filing": AgencyFiling.objects.create(
            worksite=worksite, agency="whd", filed_on=now.date(), created_by=owner
        ),
        "evidence": evidence,
        "referral": Referral.objects.create(incident=incident, reason="r", referred_by=owner),
        "import_batch": ImportBatch.objects.create(
            organization=organization, kind="worksites", file_name="w.csv", row_count=0, created_by=owner
        ),
    }
