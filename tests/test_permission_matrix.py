"""Every URL pattern has an access rule here, and each rule is checked against the running site.

A view added without an entry makes `test_every_url_pattern_has_an_access_rule` fail; a view whose
access check is missing or wrong makes one of the parametrized checks fail.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cases.models import AgencyFiling, Contact, Evidence, ImportBatch, Incident, Referral, Worksite
from power_campaign.documents.models import Document, Exhibit, Packet
from tests.factories import OrganizationFactory, jpeg, member

ANY_ROLE = frozenset({"organizer", "legal", "admin"})


@dataclass(frozen=True)
class Rule:
    methods: frozenset
    roles: frozenset = ANY_ROLE  # roles allowed; ignored when public
    public: bool = False
    kwargs: callable = field(default=lambda ctx: {})
    org_scoped: bool = False  # kwargs name an organization's object: another organization's is a 404
    ok: frozenset = frozenset({200, 302})  # statuses of a request that passed the access check


def own_org(ctx):
    return {"uuid": ctx["organization"].uuid}


def uuid_of(key):
    return lambda ctx: {"uuid": ctx["records"][ctx["organization"].pk][key].uuid}


LEGAL_ONLY = frozenset({"legal"})


GET = frozenset({"GET"})
POST = frozenset({"POST"})
GET_POST = frozenset({"GET", "POST"})

MATRIX = {
    "dashboard": Rule(GET),
    "accounts:login": Rule(GET_POST, public=True),
    "accounts:logout": Rule(POST, public=True),
    "accounts:set_language": Rule(POST, public=True),
    "accounts:password_reset": Rule(GET_POST, public=True),
    "accounts:password_reset_done": Rule(GET, public=True),
    "accounts:password_reset_confirm": Rule(
        GET_POST, public=True, kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password_reset_complete": Rule(GET, public=True),
    "accounts:two_factor_verify": Rule(GET_POST),
    "accounts:two_factor_setup": Rule(GET_POST),
    "accounts:backup_codes": Rule(POST, ok=frozenset({404})),  # 404 until the user has an authenticator
    "accounts:account": Rule(GET_POST),
    "accounts:password_change": Rule(GET_POST),
    "accounts:organization": Rule(GET, roles=frozenset({"admin"}), kwargs=own_org, org_scoped=True),
    "audit:event_list": Rule(GET, roles=frozenset({"admin"})),
    "admin_login": Rule(GET, public=True),
    "verify": Rule(GET_POST, public=True),
    "documents:packet_list": Rule(GET_POST),
    # The records below are legal-only: other roles of the same organization are refused (403).
    "documents:download": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("document"), org_scoped=True),
    "documents:packet": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:exhibit_add": Rule(
        POST, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True, ok=frozenset({400})
    ),
    "documents:packet_generate": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:packet_status": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:packet_archive": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:exhibit_download": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_remove": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_up": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_down": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    # Adding a stored record to a packet is for legal staff, whoever may open the record.
    "documents:document_packet": Rule(
        GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("document"), org_scoped=True
    ),
    "cases:evidence_packet": Rule(GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("evidence"), org_scoped=True),
    # Cases: every role of the organization works on its worksites; referrals are handled by legal.
    "cases:worksite_list": Rule(GET),
    "cases:worksite_create": Rule(GET_POST),
    "cases:worksite": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:worksite_edit": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:stage_add": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:contact_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:incident_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:filing_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:activity_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:chronology": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:chronology_pdf": Rule(POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "cases:contact_edit": Rule(GET_POST, kwargs=uuid_of("contact"), org_scoped=True),
    "cases:filing_edit": Rule(GET_POST, kwargs=uuid_of("filing"), org_scoped=True),
    "cases:incident": Rule(GET, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:incident_edit": Rule(GET_POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:evidence_add": Rule(POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:referral_create": Rule(GET_POST, kwargs=uuid_of("incident"), org_scoped=True),
    "cases:evidence": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:evidence_original": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:evidence_shown": Rule(GET, kwargs=uuid_of("evidence"), org_scoped=True),
    "cases:referral_list": Rule(GET, roles=LEGAL_ONLY),
    "cases:referral_status": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("referral"), org_scoped=True),
    "cases:import_upload": Rule(GET_POST),
    "cases:import_preview": Rule(GET_POST, kwargs=uuid_of("import_batch"), org_scoped=True),
    "cases:export_csv": Rule(GET),
}
# The Django admin checks is_staff itself; it is tested separately below.
ADMIN_NAMESPACE = "admin"


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner == ADMIN_NAMESPACE:
                continue
            yield from url_names(pattern, f"{inner}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


def test_every_url_pattern_has_an_access_rule():
    assert sorted(set(url_names())) == sorted(MATRIX)


def records_for(organization):
    """One of each record the URLs point at, created directly (no rendering): fast enough for ~150 tests."""
    owner = member("legal", organization)
    now = timezone.now()
    document = Document(
        organization=organization,
        kind="packet",
        title="t",
        subject=f"test:{organization.uuid}",
        version=1,
        language="en",
        access="legal",
        sha256="0" * 64,
        size=4,
        signed=False,
        created_by=owner,
        created_at=now,
    )
    document.file.save("d.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    packet = Packet(
        organization=organization,
        title="t",
        bates_prefix="AB",
        access="legal",
        language="en",
        created_by=owner,
        status="done",
        created_at=now,
        document=document,
        archive_sha256="0" * 64,
        page_count=1,
    )
    packet.archive.save("p.zip", ContentFile(b"PK"), save=False)
    packet.save()
    exhibit = Exhibit(
        packet=packet,
        position=1,
        description="d",
        original_name="a.pdf",
        file_type="application/pdf",
        sha256="0" * 64,
        size=4,
        page_count=1,
        uploaded_by=owner,
        uploaded_at=now,
    )
    exhibit.file.save("e", ContentFile(b"%PDF"), save=False)
    exhibit.save()
    worksite = Worksite.objects.create(
        organization=organization, employer_name="Acme", city="Chicago", state="IL", created_by=owner
    )
    contact = Contact.objects.create(worksite=worksite, name="Ana", committee_role="leader", created_by=owner)
    incident = Incident.objects.create(
        worksite=worksite, type="wage_theft", occurred_at=now, created_by=owner
    )
    filing = AgencyFiling.objects.create(
        worksite=worksite, agency="whd", filed_on=now.date(), created_by=owner
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
    referral = Referral.objects.create(incident=incident, reason="r", referred_by=owner)
    import_batch = ImportBatch.objects.create(
        organization=organization, kind="worksites", file_name="w.csv", row_count=0, created_by=owner
    )
    return {
        "packet": packet,
        "document": document,
        "exhibit": exhibit,
        "worksite": worksite,
        "contact": contact,
        "incident": incident,
        "filing": filing,
        "evidence": evidence,
        "referral": referral,
        "import_batch": import_batch,
    }


@pytest.fixture
def ctx(db):
    organization = OrganizationFactory(name="Local 12")
    other = OrganizationFactory(name="Centro Unido")
    records = {organization.pk: records_for(organization), other.pk: records_for(other)}
    return {"organization": organization, "other": other, "records": records}


def build_url(name, rule, ctx):
    return reverse(name, kwargs=rule.kwargs(ctx))


def send(client, method, url):
    return getattr(client, method.lower())(url)


PROTECTED = [(name, rule) for name, rule in MATRIX.items() if not rule.public]
ROLE_LIMITED = [(name, rule) for name, rule in PROTECTED if rule.roles != ANY_ROLE]


@pytest.mark.parametrize(("name", "rule"), PROTECTED, ids=[n for n, _ in PROTECTED])
def test_anonymous_is_sent_to_login(client, ctx, name, rule):
    url = build_url(name, rule, ctx)
    response = send(client, sorted(rule.methods)[0], url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(("name", "rule"), ROLE_LIMITED, ids=[n for n, _ in ROLE_LIMITED])
def test_wrong_role_is_forbidden(client, ctx, name, rule):
    for role in sorted(ANY_ROLE - rule.roles):
        client.force_login(member(role, ctx["organization"]))
        response = send(client, sorted(rule.methods)[0], build_url(name, rule, ctx))
        assert response.status_code == 403, role


@pytest.mark.parametrize(("name", "rule"), list(MATRIX.items()), ids=list(MATRIX))
def test_wrong_method_is_refused(client, ctx, name, rule):
    if not rule.public:
        client.force_login(member(sorted(rule.roles)[0], ctx["organization"]))
    response = client.delete(build_url(name, rule, ctx))
    assert response.status_code == 405


@pytest.mark.parametrize(("name", "rule"), list(MATRIX.items()), ids=list(MATRIX))
def test_allowed_role_gets_through(client, ctx, name, rule):
    if not rule.public:
        client.force_login(member(sorted(rule.roles)[0], ctx["organization"]))
    response = send(client, "GET" if "GET" in rule.methods else "POST", build_url(name, rule, ctx))
    assert response.status_code in rule.ok
    if response.status_code == 302 and not rule.public:
        assert not response["Location"].startswith(reverse("accounts:login"))


ORG_SCOPED = [(name, rule) for name, rule in MATRIX.items() if rule.org_scoped]


@pytest.mark.parametrize(("name", "rule"), ORG_SCOPED, ids=[n for n, _ in ORG_SCOPED])
def test_other_organizations_objects_are_not_found(client, ctx, name, rule):
    client.force_login(member(sorted(rule.roles)[0], ctx["organization"]))
    other_ctx = {**ctx, "organization": ctx["other"]}
    response = send(client, sorted(rule.methods)[0], build_url(name, rule, other_ctx))
    assert response.status_code == 404


def test_django_admin_requires_login_then_staff(client, ctx):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302), ("/login/?next=%2Fadmin%2F", 302)]
    client.force_login(member("admin", ctx["organization"]))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
