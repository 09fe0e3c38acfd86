"""Counsel's inventory of what the system holds about one person, across apps (the `inventory` hook of
cases and uvisa): records, files and audit events; CSV and JSON exports; audited; administrators only."""

import csv
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, AgreementTemplate, BreachReport
from cases.models import Contact, Evidence
from power_campaign import inventory
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import reference_of, store_document
from tests.cases.factories import ContactFactory, IncidentFactory, WorksiteFactory
from tests.uvisa.factories import CertificationRequestFactory, ClientCaseFactory
from uvisa.models import Declaration, FamilyMember


def evidence_for(incident, user, name):
    evidence = Evidence(
        incident=incident,
        kind="pdf",
        content_type="application/pdf",
        original_name=name,
        sha256="0" * 64,
        size=4,
        uploaded_by=user,
        uploaded_at=incident.occurred_at,
    )
    evidence.file.save(name, ContentFile(b"%PDF"), save=False)
    evidence.save()
    return evidence


@pytest.fixture
def world(organization, other_organization, legal, site):
    """Ana is a U-visa client and, in the worksite records, a witness of an incident with evidence; an
    unrelated contact and another organization's Ana are not about her."""
    ana = ContactFactory(worksite=site, name="Ana  Reyes", created_by=legal)
    witnessed = IncidentFactory(worksite=site, created_by=legal)
    witnessed.witnesses.add(ana)
    photo = evidence_for(witnessed, legal, "statement.pdf")
    other_incident = IncidentFactory(worksite=site, created_by=legal)
    ContactFactory(worksite=site, name="Luis Ortega", created_by=legal)
    case = ClientCaseFactory(
        organization=organization,
        worksite=site,
        created_by=legal,
        client_name="Ana Reyes",
        other_names="Anita",
    )
    case.incidents.add(other_incident)
    request = CertificationRequestFactory(case=case)
    FamilyMember.objects.create(case=case, name="Rosa Reyes", relationship="child")
    Declaration.objects.create(case=case, language="Spanish", text="Lo que pasó", updated_by=legal)
    other_case = ClientCaseFactory(organization=organization, created_by=legal, client_name="Someone Else")
    FamilyMember.objects.create(case=other_case, name="anita", relationship="parent")
    document = store_document(
        organization=organization,
        kind="notice",
        title="Declaration",
        pdf=b"%PDF-1.4 declaration",
        signed=False,
        language="en",
        user=legal,
        subject=reference_of(case),
        access="legal",
    )
    elsewhere = WorksiteFactory(organization=other_organization)
    ContactFactory(worksite=elsewhere, name="Ana Reyes")
    ClientCaseFactory(organization=other_organization, client_name="Ana Reyes")
    return {
        "contact": ana,
        "witnessed": witnessed,
        "photo": photo,
        "other_incident": other_incident,
        "case": case,
        "request": request,
        "document": document,
        "other_case": other_case,
    }


def test_inventory_of_a_client_gathers_records_of_every_app(world, organization):
    case = world["case"]
    person = inventory.Person(organization, ("Ana Reyes", "Anita"), (reference_of(case),))
    found = inventory.inventory(person)
    kinds = [(item.app, item.kind, item.reference) for item in found.records]
    family = case.family.get()
    relative_elsewhere = world["other_case"].family.get()
    assert kinds == [
        ("cases", "contact", reference_of(world["contact"])),
        ("cases", "incident", reference_of(world["witnessed"])),
        ("cases", "evidence file", reference_of(world["photo"])),
        ("uvisa", "U-visa case", reference_of(case)),
        ("uvisa", "certification request", reference_of(world["request"])),
        ("uvisa", "family member", reference_of(family)),
        ("uvisa", "declaration", reference_of(case.declaration)),
        ("cases", "incident", reference_of(world["other_incident"])),  # linked to the case
        ("uvisa", "document", reference_of(world["document"])),
        ("uvisa", "family member", reference_of(relative_elsewhere)),
    ]
    assert [name for _item, name in found.files] == [world["photo"].file.name, world["document"].file.name]


def test_inventory_through_the_page_links_the_cases_incidents_and_exports_csv_and_json(client, world, admin):
    case = world["case"]
    client.force_login(admin)
    url = reverse("uvisa:inventory")
    response = client.get(url, {"case": str(case.uuid), "contact": ""})
    assert response.status_code == 200
    references = [item.reference for item in response.context["found"].records]
    assert reference_of(world["other_incident"]) in references  # linked to the case, not by name
    assert "Luis Ortega" not in [item.label.split(" · ")[0] for item in response.context["found"].records]
    viewed = AuditEvent.objects.for_object(case).get(summary="inventory of a person viewed")
    assert (viewed.action, viewed.actor) == ("view_sensitive", admin)
    events = response.context["found"].events
    assert [(e.action, e.object_type) for e in events] == [("create", "documents.document")]

    response = client.get(url, {"case": str(case.uuid), "contact": "", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "app", "kind", "reference", "label", "when"]
    assert [
        "file",
        "cases",
        "evidence file",
        reference_of(world["photo"]),
        world["photo"].file.name,
        "",
    ] in rows
    assert {row[0] for row in rows[1:]} == {"record", "file", "audit_event"}
    assert [row[2:5] for row in rows if row[0] == "audit_event"] == [
        [
            "create",
            reference_of(world["document"]),
            f"notice v1 generated; sha256 {world['document'].sha256}",
        ],
        ["view_sensitive", reference_of(case), "inventory of a person viewed"],
    ]

    response = client.get(url, {"case": str(case.uuid), "contact": "", "format": "json"})
    data = json.loads(response.content)
    assert data[0]["section"] == "record"
    assert response["Content-Type"] == "application/json"
    exports = AuditEvent.objects.for_object(case).filter(action="export").values_list("summary", flat=True)
    assert list(exports.order_by("sequence")) == [
        "inventory of a person exported as CSV",
        "inventory of a person exported as JSON",
    ]


def test_inventory_of_a_contact_finds_their_u_visa_case_by_name(client, world, admin):
    client.force_login(admin)
    response = client.get(reverse("uvisa:inventory"), {"case": "", "contact": str(world["contact"].uuid)})
    references = [item.reference for item in response.context["found"].records]
    assert reference_of(world["case"]) in references
    assert reference_of(world["witnessed"]) in references
    event = AuditEvent.objects.for_object(world["contact"]).get(action="view_sensitive")
    assert event.summary == "inventory of a person viewed"


def test_inventory_needs_exactly_one_person(client, world, admin):
    client.force_login(admin)
    both = {"case": str(world["case"].uuid), "contact": str(world["contact"].uuid)}
    for data in (both, {"case": "", "contact": ""}):
        response = client.get(reverse("uvisa:inventory"), data)
        assert response.context["form"].errors == {
            "__all__": ["Choose either a U-visa client or a contact, not both."]
        }
        assert "found" not in response.context
    assert not AuditEvent.objects.filter(summary__startswith="inventory").exists()


def test_inventory_refuses_legal_staff_and_another_organizations_person(client, world, legal, other_admin):
    client.force_login(legal)
    assert client.get(reverse("uvisa:inventory")).status_code == 403
    client.force_login(other_admin)
    response = client.get(reverse("uvisa:inventory"), {"case": str(world["case"].uuid), "contact": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "case": [f"Select a valid choice. {world['case'].uuid} is not one of the available choices."]
    }


def test_inventory_follows_incidents_into_agreements_breach_reports(world, organization, site, legal):
    template = AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)
    agreement = Agreement.objects.create(worksite=site, template=template, values={}, created_by=legal)
    witnessed = BreachReport.objects.create(agreement=agreement, incident=world["witnessed"])
    linked = BreachReport.objects.create(agreement=agreement, incident=world["other_incident"])
    by_contact = inventory.inventory(
        inventory.Person(organization, ("Ana Reyes",), (reference_of(world["contact"]),))
    )
    references = [item.reference for item in by_contact.records]
    # the contact's witnessed incident (found by cases), then the case found by name and its linked incident
    # (found by uvisa), each leading agreements to its breach report
    assert reference_of(witnessed) in references
    assert reference_of(linked) in references
    assert [i.app for i in by_contact.records if i.reference == reference_of(linked)] == ["agreements"]


def matches(response):
    return list(response.context["matches"])


def test_inventory_finds_the_person_by_case_code_or_contact_name_and_names_no_client(client, world, admin):
    case, ana = world["case"], world["contact"]
    for contact in Contact.objects.all():
        contact.update_search_vector()  # what the services do on save (PostgreSQL)
    client.force_login(admin)
    url = reverse("uvisa:inventory")

    # A case by its code, in any case: named by its code and worksite, never by its client.
    response = client.get(url, {"find": case.code.lower()})
    assert response.status_code == 200
    assert matches(response) == [(f"{case.code} · Acme Poultry", f"case={case.uuid}")]
    assert "Ana Reyes" not in response.content.decode()
    # A contact by words of their name: this organization's only.
    response = client.get(url, {"find": "reyes"})
    assert matches(response) == [("Ana  Reyes · Acme Poultry", f"contact={ana.uuid}")]
    assert f'<a href="?contact={ana.uuid}">Ana  Reyes · Acme Poultry</a>' in response.content.decode()
    # A client's name finds no case: the case list names no client either.
    response = client.get(url, {"find": "Someone Else"})
    assert matches(response) == []
    assert "No U-visa case or contact matches." in response.content.decode()
    assert "form" in response.context and "found" not in response.context
    assert not AuditEvent.objects.filter(summary__startswith="inventory").exists()


def test_inventory_search_of_another_organization_finds_nothing(client, world, other_admin):
    for contact in Contact.objects.all():
        contact.update_search_vector()
    client.force_login(other_admin)
    response = client.get(reverse("uvisa:inventory"), {"find": world["case"].code})
    assert matches(response) == []
    response = client.get(reverse("uvisa:inventory"), {"find": "Luis Ortega"})
    assert matches(response) == []


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"find": ""}, {"find": ["This field is required."]}),
        ({"find": "x" * 201}, {"find": ["Ensure this value has at most 200 characters (it has 201)."]}),
    ],
)
def test_inventory_search_refuses_an_empty_or_overlong_text(client, world, admin, data, errors):
    client.force_login(admin)
    response = client.get(reverse("uvisa:inventory"), data)
    assert response.status_code == 200
    assert response.context["find_form"].errors == errors
    assert "matches" not in response.context


def test_inventory_refuses_a_chosen_person_that_is_not_a_record(client, world, admin):
    client.force_login(admin)
    response = client.get(reverse("uvisa:inventory"), {"case": "not-a-uuid", "contact": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"case": ["“not-a-uuid” is not a valid UUID."]}
    assert "“not-a-uuid” is not a valid UUID." in response.content.decode()
    assert "found" not in response.context
    assert not AuditEvent.objects.filter(summary__startswith="inventory").exists()


def test_inventory_page_reads_no_list_of_people(client, world, admin):
    """The page without a search reads no case or contact: a big local has thousands."""
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("uvisa:inventory"))
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "uvisa_clientcase" not in tables
    assert "cases_contact" not in tables
