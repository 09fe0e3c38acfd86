"""The labor-dispute evidence packet of a worksite: what goes in, in which order, with which custody; who
may build it; bad choices save nothing."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from agreements.documents import AGREEMENT_TEXT, LABOR_DISPUTE_SUMMARY
from agreements.evidence_packet import create_labor_dispute_packet
from agreements.models import Agreement, BreachReport
from cases.evidence import add_evidence
from cases.models import IncidentType, Stage
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Access, Document, Packet, store_document
from tests.cases.factories import (
    AgencyFilingFactory,
    IncidentFactory,
    ProtectedActivityFactory,
    StageChangeFactory,
    WorksiteFactory,
)
from tests.cases.support import local, messages_of
from tests.factories import OrganizationFactory, jpeg, member, simple_pdf, upload


def pdf_text(file):
    with file.open("rb") as handle:
        data = handle.read()
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def url(worksite):
    return reverse("agreements:labor_dispute_packet", args=[worksite.uuid])


@pytest.fixture
def records(site, agreement, organizer, legal):
    """A worksite with an organizing history, two incidents with evidence, a breach and two filings."""
    StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=datetime.date(2026, 2, 2))
    ProtectedActivityFactory(worksite=site, date=datetime.date(2026, 2, 20), description="Petition delivered")
    threat = IncidentFactory(
        worksite=site,
        type=IncidentType.IMMIGRATION_THREAT,
        occurred_at=local(2026, 3, 2, 9, 0),
        description="Supervisor threatened to call ICE on the committee",
    )
    wages = IncidentFactory(
        worksite=site,
        type=IncidentType.WAGE_THEFT,
        occurred_at=local(2026, 3, 9, 14, 0),
        description="Overtime unpaid for two weeks",
    )
    left_out = IncidentFactory(
        worksite=site, occurred_at=local(2026, 3, 12, 8, 0), description="Left out incident"
    )
    photo = add_evidence(
        incident=threat, upload=upload("notice.jpg", jpeg()), description="Notice", user=legal
    )
    stub = add_evidence(
        incident=wages, upload=upload("paystub.pdf", simple_pdf(2)), description="", user=organizer
    )
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.ACTIVE)
    agreement.refresh_from_db()
    breach = BreachReport.objects.create(
        agreement=agreement,
        incident=threat,
        component="no_voluntary_cooperation",
        status=BreachReport.Status.RAISED,
        description="Threat made after the agreement was signed",
        reported_by=organizer,
    )
    filing = AgencyFilingFactory(
        worksite=site, case_number="WHD-2026-77", filed_on=datetime.date(2026, 3, 10)
    )
    other_filing = AgencyFilingFactory(
        worksite=site, case_number="NLRB-13-CA-1", filed_on=datetime.date(2026, 3, 11)
    )
    return {
        "threat": threat,
        "wages": wages,
        "left_out": left_out,
        "photo": photo,
        "stub": stub,
        "breach": breach,
        "filing": filing,
        "other_filing": other_filing,
    }


def execute(agreement, user, access=Access.ORGANIZATION):
    """A stand-in for the e-signature flow's executed PDF, set on the agreement."""
    document = store_document(
        organization=agreement.organization,
        kind=AGREEMENT_TEXT,
        title="Executed agreement",
        pdf=simple_pdf(2),
        signed=False,
        language="en",
        user=user,
        subject=f"test:executed:{agreement.uuid}",
        access=access,
    )
    agreement.executed_document = document
    agreement.executed_at = local(2026, 1, 15, 12, 0)
    agreement.save(update_fields=["executed_document", "executed_at"])
    return document


def form_data(records, **changes):
    data = {
        "purpose": "immigration",
        "include_agreement": "on",
        "incidents": [str(records["threat"].uuid), str(records["wages"].uuid)],
        "breaches": [str(records["breach"].uuid)],
        "filings": [str(records["filing"].uuid)],
        "evidence": [str(records["stub"].uuid), str(records["photo"].uuid)],
        "bates_prefix": "acme",
        "access": "organization",
        "language": "en",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_packet_page_offers_the_worksites_records(client, site, records, organizer, agreement):
    execute(agreement, organizer)
    other_site = WorksiteFactory(organization=site.organization, created_by=organizer)
    IncidentFactory(worksite=other_site, description="Elsewhere")
    client.force_login(organizer)

    response = client.get(url(site))

    form = response.context["form"]
    assert response.status_code == 200
    assert [str(i.uuid) for i in form.fields["incidents"].queryset] == [
        str(records["threat"].uuid),
        str(records["wages"].uuid),
        str(records["left_out"].uuid),
    ]
    assert list(form.fields["evidence"].queryset) == [records["photo"], records["stub"]]
    assert list(form.fields["breaches"].queryset) == [records["breach"]]
    assert list(form.fields["filings"].queryset) == [records["filing"], records["other_filing"]]
    assert "include_agreement" in form.fields
    assert response.context["agreement"] == agreement


def test_worksite_page_links_the_packet_page(client, site, organizer):
    client.force_login(organizer)
    page = client.get(site.get_absolute_url()).content.decode()
    assert f'<a class="button" href="{url(site)}">Labor-dispute evidence packet</a>' in page


def test_packet_holds_agreement_summary_and_evidence_in_order_with_custody(
    client, site, records, organizer, legal, agreement
):
    executed = execute(agreement, legal)
    client.force_login(organizer)

    response = client.post(url(site), form_data(records))

    packet = Packet.objects.get()
    summary = Document.objects.get(kind=LABOR_DISPUTE_SUMMARY)
    assert (response.status_code, response["Location"]) == (302, packet.get_absolute_url())
    assert messages_of(response) == [
        "The packet is being generated: this page shows when its files are ready."
    ]
    assert (packet.title, packet.bates_prefix, packet.access, packet.subject, packet.created_by) == (
        "Labor-dispute evidence for immigration proceedings: Acme Poultry",
        "ACME",
        "organization",
        f"cases.worksite:{site.uuid}",
        organizer,
    )
    assert (packet.status, packet.error) == ("done", "")
    exhibits = list(packet.exhibits.order_by("position"))
    assert [(e.position, e.source) for e in exhibits] == [
        (1, f"documents.document:{executed.uuid}"),
        (2, f"documents.document:{summary.uuid}"),
        (3, f"cases.evidence:{records['photo'].uuid}"),
        (4, f"cases.evidence:{records['stub'].uuid}"),
    ]
    # Custody: the original author and the SHA-256 recorded when each file was stored.
    assert [(e.uploaded_by, e.sha256_at_upload, e.includes_location) for e in exhibits] == [
        (legal, executed.sha256, False),
        (organizer, summary.sha256, False),
        (legal, records["photo"].shown_sha256, False),
        (organizer, records["stub"].sha256, False),
    ]
    assert exhibits[2].custody_url == f"http://testserver{records['photo'].get_absolute_url()}"
    assert (summary.subject, summary.access, summary.signed, summary.version) == (
        f"cases.worksite:{site.uuid}",
        "organization",
        True,
        1,
    )
    with packet.archive.open("rb") as handle:
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(handle.read())).read("manifest.json"))
    assert [(f["exhibit"], f["original_name"], f["sha256"]) for f in manifest["files"]] == [
        ("A", executed.download_name(), executed.sha256),
        ("B", summary.download_name(), summary.sha256),
        ("C", "notice.jpg", records["photo"].shown_sha256),
        ("D", "paystub.pdf", records["stub"].sha256),
    ]


def test_summary_lists_timeline_incidents_breaches_filings_and_evidence(
    client, site, records, organizer, agreement
):
    execute(agreement, organizer)
    client.force_login(organizer)

    client.post(url(site), form_data(records))

    text = pdf_text(Document.objects.get(kind=LABOR_DISPUTE_SUMMARY).file)
    assert "Labor-dispute summary" in text
    assert "Prepared for: Immigration proceedings of a worker." in text
    assert "An ICE neutrality agreement covers this worksite (status: Active)." in text
    assert "Executed on January 15, 2026." in text
    assert "Organizing step: Committee formed" in text
    assert "Petition delivered" in text
    assert "Threat to call immigration" in text
    assert "Supervisor threatened to call ICE on the committee" in text
    assert "Overtime unpaid for two weeks" in text
    assert "Left out incident" not in text
    assert "Raised with the employer" in text
    assert "Threat made after the agreement was signed" in text
    assert "WHD-2026-77" in text
    assert "NLRB-13-CA-1" not in text
    assert "notice.jpg" in text
    assert "paystub.pdf" in text
    assert text.index("notice.jpg") < text.index("paystub.pdf")


def test_packet_build_is_audited(client, site, records, organizer):
    client.force_login(organizer)

    client.post(url(site), form_data(records, include_agreement=None))

    packet = Packet.objects.get()
    event = AuditEvent.objects.for_object(site).get(action="export")
    assert (event.actor, event.summary) == (
        organizer,
        f"labor-dispute evidence packet {packet.uuid} for immigration: 2 incidents, 1 breaches, "
        "1 agency filings, 2 evidence files",
    )
    exports = AuditEvent.objects.filter(action="export", object_type="cases.evidence").order_by("sequence")
    assert [e.object_id for e in exports] == [str(records["photo"].uuid), str(records["stub"].uuid)]
    assert AuditEvent.objects.for_object(packet).filter(summary="packet generation requested").count() == 1


def test_packet_without_executed_agreement_starts_with_the_summary(client, site, records, organizer):
    client.force_login(organizer)

    response = client.get(url(site))
    client.post(url(site), form_data(records, purpose="labor_agency", include_agreement=None, evidence=[]))

    packet = Packet.objects.get()
    summary = Document.objects.get(kind=LABOR_DISPUTE_SUMMARY)
    assert "include_agreement" not in response.context["form"].fields
    assert packet.title == "Labor-dispute evidence for a labor agency: Acme Poultry"
    assert [e.source for e in packet.exhibits.order_by("position")] == [f"documents.document:{summary.uuid}"]
    text = pdf_text(summary.file)
    assert "No executed neutrality agreement is part of this packet." in text
    assert "Prepared for: A request to a labor agency." in text


def test_packet_leaves_the_agreement_out_when_asked(client, site, records, organizer, agreement):
    execute(agreement, organizer)
    client.force_login(organizer)

    client.post(url(site), form_data(records, include_agreement=None))

    summary = Document.objects.get(kind=LABOR_DISPUTE_SUMMARY)
    first = Packet.objects.get().exhibits.order_by("position").first()
    assert first.source == f"documents.document:{summary.uuid}"


def test_packet_in_spanish(client, site, records, organizer):
    client.force_login(organizer)

    client.post(url(site), form_data(records, language="es", evidence=[]))

    packet = Packet.objects.get()
    text = pdf_text(Document.objects.get(kind=LABOR_DISPUTE_SUMMARY).file)
    assert packet.title == "Pruebas del conflicto laboral para un procedimiento migratorio: Acme Poultry"
    assert "Resumen del conflicto laboral" in text


# Access


def test_packet_page_sends_anonymous_to_login(client, site):
    response = client.get(url(site))
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={url(site)}")


def test_packet_page_other_organization_is_not_found(client, site, records):
    client.force_login(member("legal", OrganizationFactory(name="Centro Unido")))
    assert client.get(url(site)).status_code == 404
    assert client.post(url(site), form_data(records)).status_code == 404
    assert Packet.objects.count() == 0


def test_packet_page_refuses_other_methods(client, site, organizer):
    client.force_login(organizer)
    assert client.put(url(site)).status_code == 405
    assert client.delete(url(site)).status_code == 405


def test_packet_page_user_without_role_is_not_found(client, site):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nobody"))
    assert client.get(url(site)).status_code == 404


def test_every_role_of_the_organization_may_build_one(client, site, records, organizer, legal, admin):
    for user in (organizer, legal, admin):
        client.force_login(user)
        response = client.post(url(site), form_data(records, evidence=[]))
        assert response.status_code == 302
    assert Packet.objects.count() == 3


# Bad input


def assert_nothing_saved():
    assert Packet.objects.count() == 0
    assert Document.objects.filter(kind=LABOR_DISPUTE_SUMMARY).count() == 0


def test_evidence_of_another_organization_is_not_offered(client, site, records, organizer):
    other = OrganizationFactory(name="Centro Unido")
    theirs = member("organizer", other)
    their_incident = IncidentFactory(worksite=WorksiteFactory(organization=other, created_by=theirs))
    their_file = add_evidence(
        incident=their_incident, upload=upload("x.pdf", simple_pdf()), description="", user=theirs
    )
    client.force_login(organizer)

    response = client.post(
        url(site),
        form_data(records, evidence=[str(their_file.uuid)], incidents=[str(their_incident.uuid)]),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["evidence"] == [
        f"Select a valid choice. {their_file.uuid} is not one of the available choices."
    ]
    assert errors["incidents"] == [
        f"Select a valid choice. {their_incident.uuid} is not one of the available choices."
    ]
    assert_nothing_saved()


def test_evidence_of_another_worksite_is_not_offered(client, site, records, organizer):
    elsewhere = IncidentFactory(
        worksite=WorksiteFactory(organization=site.organization, created_by=organizer)
    )
    file = add_evidence(
        incident=elsewhere, upload=upload("y.pdf", simple_pdf()), description="", user=organizer
    )
    client.force_login(organizer)

    response = client.post(url(site), form_data(records, evidence=[str(file.uuid)]))

    assert response.context["form"].errors["evidence"] == [
        f"Select a valid choice. {file.uuid} is not one of the available choices."
    ]
    assert_nothing_saved()


def test_service_refuses_records_the_user_may_not_see(site, records, other_admin):
    with pytest.raises(PermissionDenied):
        create_labor_dispute_packet(
            worksite=site,
            purpose="immigration",
            incidents=[records["threat"]],
            breaches=[],
            filings=[],
            evidence=[records["photo"]],
            include_agreement=False,
            bates_prefix="ACME",
            access="organization",
            language="en",
            user=other_admin,
        )
    assert_nothing_saved()


def test_service_refuses_evidence_of_another_worksite(site, records, organizer):
    elsewhere = IncidentFactory(
        worksite=WorksiteFactory(organization=site.organization, created_by=organizer)
    )
    file = add_evidence(
        incident=elsewhere, upload=upload("y.pdf", simple_pdf()), description="", user=organizer
    )
    with pytest.raises(PermissionDenied):
        create_labor_dispute_packet(
            worksite=site,
            purpose="immigration",
            incidents=[elsewhere],
            breaches=[],
            filings=[],
            evidence=[file],
            include_agreement=False,
            bates_prefix="ACME",
            access="organization",
            language="en",
            user=organizer,
        )
    assert_nothing_saved()


def test_evidence_without_its_incident_is_refused(client, site, records, organizer):
    client.force_login(organizer)

    response = client.post(url(site), form_data(records, incidents=[str(records["threat"].uuid)]))

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        "Choose the incidents of the evidence files too: every file is shown with its incident."
    ]
    assert_nothing_saved()


def test_nothing_chosen_is_refused(client, site, records, organizer):
    client.force_login(organizer)

    response = client.post(url(site), form_data(records, incidents=[], breaches=[], filings=[], evidence=[]))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Choose at least one incident, breach, agency filing or evidence file."
    ]
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"purpose": "court"},
            "purpose",
            "Select a valid choice. court is not one of the available choices.",
        ),
        ({"purpose": None}, "purpose", "This field is required."),
        (
            {"bates_prefix": "a-b"},
            "bates_prefix",
            "Use 2 to 12 capital letters or digits, for example POWER or WHD2026.",
        ),
        (
            {"access": "legal"},
            "access",
            "Only legal staff of this organization can create a legal-only packet.",
        ),
    ],
)
def test_bad_choices_show_the_error_and_save_nothing(
    client, site, records, organizer, changes, field, message
):
    client.force_login(organizer)

    response = client.post(url(site), form_data(records, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert_nothing_saved()


def test_legal_only_executed_agreement_needs_a_legal_only_packet(client, site, records, legal, agreement):
    execute(agreement, legal, access=Access.LEGAL)
    client.force_login(legal)

    refused = client.post(url(site), form_data(records, evidence=[]))
    assert refused.context["form"].non_field_errors() == [
        "The executed agreement is for legal staff only: make the packet legal-only, "
        "or leave the agreement out."
    ]
    assert_nothing_saved()

    accepted = client.post(url(site), form_data(records, evidence=[], access="legal"))

    packet = Packet.objects.get()
    assert (accepted.status_code, packet.access, packet.status) == (302, "legal", "done")
    assert Document.objects.get(kind=LABOR_DISPUTE_SUMMARY).access == "legal"
    assert packet.exhibits.first().source == f"documents.document:{agreement.executed_document.uuid}"


def test_without_signing_certificate_says_so_and_saves_nothing(client, site, records, organizer, settings):
    settings.SIGNING_PKCS12_PATH = ""
    client.force_login(organizer)

    response = client.post(url(site), form_data(records))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Documents cannot be signed yet: ask the administrator to configure the signing certificate."
    ]
    assert_nothing_saved()


def test_legal_only_executed_agreement_is_not_offered_to_other_roles(
    client, site, records, organizer, legal, agreement
):
    execute(agreement, legal, access=Access.LEGAL)
    client.force_login(organizer)

    page = client.get(url(site))
    response = client.post(url(site), form_data(records, evidence=[]))

    assert "include_agreement" not in page.context["form"].fields
    assert page.context["agreement_hidden"] is True
    assert "ask them to build a packet that includes it." in page.content.decode()
    summary = Document.objects.get(kind=LABOR_DISPUTE_SUMMARY)
    assert response.status_code == 302
    assert [e.source for e in Packet.objects.get().exhibits.all()] == [f"documents.document:{summary.uuid}"]
