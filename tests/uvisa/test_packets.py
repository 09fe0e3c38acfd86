"""The certification request packet for one agency: completeness check, contents (Bates numbers, the
manifest, the 8 U.S.C. 1367 marking on every page, a valid signature), evidence with its custody."""

import datetime
import io
import json
import zipfile

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from cases.evidence import add_evidence
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.models import Document, Packet
from power_campaign.documents.signing import signing_certificate
from tests.cases.factories import IncidentFactory
from tests.cases.support import messages_of
from tests.factories import jpeg, simple_pdf, upload
from tests.uvisa.factories import CertificationRequestFactory, activity
from uvisa import packets
from uvisa.models import Declaration, ScreenedActivity

pytestmark = pytest.mark.django_db

MARK = "Confidential: 8 U.S.C. 1367"


def complete(case, user, language="Spanish"):
    case.client_name = "Rosa María Pérez"
    case.other_names = "None"
    case.date_of_birth = datetime.date(1990, 5, 4)
    case.a_number = ""
    case.part1_answers = {"a_number": "N/A", "gender": "Unknown"}
    case.save()
    return Declaration.objects.create(
        case=case,
        language=language,
        text="Mi supervisor me amenazó con llamar a inmigración.",
        signed_on=datetime.date(2026, 11, 1),
        translation="My supervisor threatened to call immigration on me.",
        translator_name="Ana Torres",
        translator_languages="Spanish to English",
        competence="I am fluent in Spanish and English.",
        translated_on=datetime.date(2026, 11, 2),
        updated_by=user,
    )


@pytest.fixture
def cert_request(case, site, organizer):
    incident = IncidentFactory(worksite=site, type="threat", created_by=organizer, place="Loading dock")
    case.incidents.add(incident)
    case.evidence.add(
        add_evidence(
            incident=incident,
            upload=upload("letter.pdf", simple_pdf(2)),
            description="Letter",
            user=organizer,
        ),
        add_evidence(
            incident=incident, upload=upload("photo.jpg", jpeg()), description="Photo", user=organizer
        ),
    )
    cert_request = CertificationRequestFactory(case=case, agency_case_number="WHD-1234")
    cert_request.activities.set([activity("extortion")])
    return cert_request


def test_completeness_lists_every_blank_part1_field_and_the_missing_declaration(cert_request):
    problems = packets.completeness(cert_request)
    assert [(str(label), field) for label, _problem, _url, field in problems] == [
        ("full legal name", "client_name"),
        ("other names used", "other_names"),
        ("date of birth", "date_of_birth"),
        ("A-number", "a_number"),
        ("gender", "gender"),
        ("Declaration", ""),
    ]


def test_explicit_answers_count_as_complete_but_a_translation_is_needed(cert_request, legal):
    declaration = complete(cert_request.case, legal)
    declaration.translation = ""
    declaration.translator_name = ""
    declaration.save()
    assert [str(label) for label, *_rest in packets.completeness(cert_request)] == [
        "English translation",
        "translator's name",
    ]
    declaration.language = "English"
    declaration.save()
    assert packets.completeness(cert_request) == []


def test_export_is_refused_until_complete_and_nothing_is_made(client, cert_request, legal):
    client.force_login(legal)
    url = reverse("uvisa:request_packet", args=[cert_request.uuid])
    page = client.get(url)
    assert (
        b'href="/uvisa/%s/victim-information/#id_gender"' % str(cert_request.case.uuid).encode()
        in page.content
    )
    response = client.post(url)
    assert response.status_code == 302
    assert messages_of(response) == [
        "The packet cannot be exported until these are complete: full legal name, other names used, "
        "date of birth, A-number, gender, Declaration."
    ]
    assert (Packet.objects.count(), Document.objects.count()) == (0, 0)
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.fixture
def exported(client, cert_request, legal):
    complete(cert_request.case, legal)
    client.force_login(legal)
    response = client.post(reverse("uvisa:request_packet", args=[cert_request.uuid]))
    packet = Packet.objects.get()
    assert response.status_code == 302
    assert response.url == packet.get_absolute_url()
    return packet


def pdf_of(packet):
    return packet.document.file.read()


def test_exported_packet_holds_the_generated_parts_and_the_evidence_with_custody(exported, cert_request):
    packet = exported
    assert (packet.status, packet.error, packet.access, packet.language) == ("done", "", "legal", "en")
    assert packet.subject == f"uvisa.certificationrequest:{cert_request.uuid}"
    assert packet.bates_prefix == f"UV{cert_request.case.code}"
    exhibits = list(packet.exhibits.order_by("position"))
    code = cert_request.case.code
    # The cover letter comes first, before the cover and the index: not an exhibit.
    assert (packet.preface.kind, packet.preface.title) == (
        "uvisa_cover_letter",
        f"Request for U nonimmigrant status certification · {code}",
    )
    assert [e.description for e in exhibits] == [
        f"Victim information (Form I-918 Supplement B, Part 1) · {code}",
        f"Declaration, English translation and translator's certificate · {code}",
        f"Incident timeline · {code}",
        "Letter",
        "Photo",
    ]
    evidence = {e.original_name: e for e in cert_request.case.evidence.all()}
    letter = exhibits[3]
    assert letter.source == f"cases.evidence:{evidence['letter.pdf'].uuid}"
    assert letter.sha256 == letter.sha256_at_upload == evidence["letter.pdf"].sha256
    assert letter.uploaded_by.username == "organizer"
    assert [d.kind for d in Document.objects.exclude(kind="packet").order_by("kind")] == [
        "uvisa_cover_letter",
        "uvisa_declaration",
        "uvisa_timeline",
        "uvisa_victim_information",
    ]
    export = AuditEvent.objects.get(action="export", object_id=str(cert_request.uuid))
    assert export.summary == f"certification request packet {packet.uuid} exported (5 exhibits)"


def test_every_page_carries_its_bates_number_and_the_1367_marking(exported):
    reader = PdfReader(io.BytesIO(pdf_of(exported)))
    assert len(reader.pages) == exported.page_count
    prefix = exported.bates_prefix
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"{prefix}-{number:06d}" in text
        assert MARK in text


def test_the_packet_opens_with_the_cover_letter_then_the_cover_and_index(exported):
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(exported))).pages]
    prefix = exported.bates_prefix
    assert "Dear certifying official," in pages[0]
    assert f"{prefix}-000001" in pages[0]
    cover = " ".join(pages[1].split())
    assert f"Preceded by: {exported.preface.title} ({prefix}-000001 – {prefix}-000001)" in cover
    assert "Index of exhibits" in pages[2]
    assert "Dear certifying official," not in "\n".join(pages[1:])


def test_packet_pdf_has_the_letter_part1_declaration_and_index(exported, cert_request):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(exported))).pages)
    assert "Request for Form I-918 Supplement B, U Nonimmigrant Status Certification" in text
    assert "Agency case number: WHD-1234" in text
    assert "Rosa María Pérez" in text
    assert "05/04/1990" in text
    assert "Unknown" in text
    assert "Mi supervisor me amenazó con llamar a inmigración." in text
    assert "My supervisor threatened to call immigration on me." in text
    assert "I, Ana Torres, certify that I am competent to translate from Spanish to English" in text
    assert "Loading dock" in text


def test_cover_letter_names_the_activity_as_screened_and_who_to_contact(cert_request, legal):
    case = cert_request.case
    ScreenedActivity.objects.create(
        case=case,
        activity=activity("extortion"),
        similar_activity=True,
        charged_offense="Intimidation",
        statute_citation="720 ILCS 5/12-6",
    )
    ScreenedActivity.objects.create(case=case, activity=activity("witness_tampering"), attempt=True)
    cert_request.activities.add(activity("witness_tampering"))
    legal.first_name, legal.last_name, legal.email = "Daniel", "Kim", "dkim@example.org"

    def letter(evidence):
        context = {
            "case": case,
            "cert_request": cert_request,
            "agency": cert_request.agency,
            "activities": packets.activity_phrases(case, cert_request.activities.order_by("pk")),
            "organization": case.organization,
            "user": legal,
            "evidence": evidence,
        }
        return " ".join(render_to_string("pdf/uvisa_cover_letter.html", context).split())

    text = letter(evidence=["a photo"])
    agency = cert_request.agency.name
    assert (
        f"we ask your agency, {agency}, to complete and sign Form I-918 Supplement B, U Nonimmigrant Status "
        "Certification. Our client was the victim of qualifying criminal activity: Intimidation "
        "(720 ILCS 5/12-6), similar to extortion; attempted witness tampering,"
    ) in text
    assert "an incident timeline and the supporting evidence, each page" in text
    assert "Please contact Daniel Kim at dkim@example.org to arrange the return of the original" in text
    assert f"<p>Daniel Kim<br>{case.organization.name}</p>" in text
    assert "an incident timeline, each page" in letter(evidence=[])
    # The return address heads the letter: the organization's name, and its mailing address when it has one.
    assert f"<p><strong>{case.organization.name}</strong></p> <p>" in text
    case.organization.mailing_address = "1200 W. Harrison St\nChicago, IL 60607"
    assert (
        f"<p><strong>{case.organization.name}</strong><br>1200 W. Harrison St<br>Chicago, IL 60607</p>"
        in letter(evidence=[])
    )


def test_packet_signature_is_valid_for_pyhanko(exported):
    reader = PdfFileReader(io.BytesIO(pdf_of(exported)))
    signature = reader.embedded_signatures[0]
    context = ValidationContext(trust_roots=[signing_certificate()], allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


def test_archive_manifest_lists_every_exhibit_with_bates_ranges_and_hashes(exported):
    with exported.archive.open("rb") as handle:
        bundle = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = json.loads(bundle.read("manifest.json"))
    prefix = exported.bates_prefix
    assert manifest["packet"]["bates_first"] == f"{prefix}-000001"
    assert manifest["packet"]["pages"] == exported.page_count
    letter = exported.preface
    assert manifest["packet"]["preface"] == {
        "path": "preface.pdf",
        "title": letter.title,
        "document_id": str(letter.uuid),
        "sha256": letter.sha256,
        "pages": 1,
        "bates_first": f"{prefix}-000001",
        "bates_last": f"{prefix}-000001",
    }
    with letter.file.open("rb") as handle:
        assert bundle.read("preface.pdf") == handle.read()
    assert [row["exhibit"] for row in manifest["files"]] == ["A", "B", "C", "D", "E"]
    assert [row["original_name"] for row in manifest["files"]][3:] == ["letter.pdf", "photo.jpg"]
    for row in manifest["files"]:
        assert row["bates_first"].startswith(f"{prefix}-")
    assert manifest["files"][3]["source_label"].startswith("letter.pdf · ")
    assert f"packet-{prefix}.pdf" in bundle.namelist()
    assert "manifest.csv" in bundle.namelist()


def test_evidence_changed_on_disk_refuses_the_export_and_leaves_no_files(
    client, cert_request, legal, settings
):
    complete(cert_request.case, legal)
    letter = cert_request.case.evidence.get(original_name="letter.pdf")
    with open(letter.file.path, "wb") as handle:
        handle.write(simple_pdf(3))
    client.force_login(legal)
    response = client.post(reverse("uvisa:request_packet", args=[cert_request.uuid]))
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("letter.pdf: the stored file no longer matches the SHA-256 recorded")
    assert (Packet.objects.count(), Document.objects.count()) == (0, 0)
    media = settings.MEDIA_ROOT
    assert [p for p in (media / "documents").rglob("*") if p.is_file()] == []
    assert [p for p in (media / "exhibits").rglob("*") if p.is_file()] == []


def test_filing_checklist_counts_evidence_on_file_not_incidents_or_the_intake(case, site, organizer):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    incident = IncidentFactory(worksite=site, type="threat", created_by=organizer)
    case.incidents.add(incident)
    case.harm_types = ["economic"]
    case.save()

    def evidence_items():
        items = packets.filing_checklist(case, datetime.date(2026, 12, 5))
        return [(str(item), status, str(note)) for item, status, note in items[4:6]]

    assert evidence_items() == [
        (
            "Evidence of the qualifying criminal activity",
            "missing",
            "No evidence file is linked to the case (logged incidents are not evidence).",
        ),
        (
            "Evidence of substantial physical or mental abuse",
            "confirm",
            "Described at intake: attach the records that show it (medical, counseling, statements).",
        ),
    ]
    letter = upload("letter.pdf", simple_pdf(1))
    case.evidence.add(add_evidence(incident=incident, upload=letter, description="", user=organizer))
    assert evidence_items()[0] == ("Evidence of the qualifying criminal activity", "present", "")
