"""The declaration, the victim information sheet, the filing checklist and the admin's packet export:
side effects, bad input, access (the rest of access is in the permission matrix and test_access.py)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from power_campaign.audit.models import AuditEvent
from power_campaign.documents.models import Document, Packet
from tests.cases.support import messages_of
from tests.factories import member
from tests.uvisa.factories import CertificationRequestFactory
from tests.uvisa.test_packets import complete
from uvisa.models import ClientCase, Declaration, FamilyMember, Petition

pytestmark = pytest.mark.django_db


def events(case, action):
    return list(
        AuditEvent.objects.filter(object_id=str(case.uuid), action=action)
        .order_by("sequence")
        .values_list("summary", flat=True)
    )


DECLARATION = {
    "language": "Spanish",
    "text": "Me amenazaron.",
    "signed_on": "2026-11-01",
    "translation": "They threatened me.",
    "translator_name": "Ana Torres",
    "translator_languages": "Spanish to English",
    "competence": "I am fluent in both.",
    "translated_on": "2026-11-02",
}


def test_declaration_is_drafted_in_the_clients_language_with_translation_and_certificate(client, case, legal):
    case.preferred_language = ClientCase.Language.SPANISH
    case.save()
    client.force_login(legal)
    url = reverse("uvisa:declaration", args=[case.uuid])
    page = client.get(url)
    assert page.context["form"].initial["language"] == "Spanish"
    response = client.post(url, DECLARATION)
    assert response.status_code == 302
    declaration = Declaration.objects.get(case=case)
    assert (declaration.text, declaration.translation, declaration.translator_name) == (
        "Me amenazaron.",
        "They threatened me.",
        "Ana Torres",
    )
    assert declaration.translated_on == datetime.date(2026, 11, 2)
    assert declaration.updated_by == legal
    assert declaration.missing() == []
    assert events(case, "create") == [
        "declaration saved: competence, language, signed_on, text, translated_on, translation, "
        "translator_languages, translator_name"
    ]
    assert messages_of(response) == ["Declaration saved."]


def test_declaration_without_its_text_is_refused_and_nothing_saved(client, case, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:declaration", args=[case.uuid]), {**DECLARATION, "text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"text": ["This field is required."]}
    assert not Declaration.objects.exists()


def test_declaration_text_is_encrypted_at_rest(case, legal):
    complete(case, legal)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text, translation FROM uvisa_declaration")
        stored = cursor.fetchone()
    assert "amenazó" not in stored[0] and "threatened" not in stored[1]


def test_victim_information_takes_values_or_explicit_answers(client, case, legal):
    client.force_login(legal)
    url = reverse("uvisa:victim_information", args=[case.uuid])
    assert [name for name, _label in client.get(url).context["missing"]] == [
        "client_name",
        "other_names",
        "date_of_birth",
        "a_number",
        "gender",
    ]
    response = client.post(
        url,
        {
            "client_name": "Rosa Pérez",
            "other_names_answer": "None",
            "date_of_birth_answer": "Unknown",
            "a_number_answer": "N/A",
            "gender": "Female",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.client_name, case.gender, case.date_of_birth) == ("Rosa Pérez", "Female", None)
    assert case.part1_answers == {"other_names": "None", "date_of_birth": "Unknown", "a_number": "N/A"}
    assert case.part1_missing() == []
    assert events(case, "update") == ["victim information sheet saved: client_name, gender, part1_answers"]


def test_victim_information_with_a_value_and_an_answer_is_refused(client, case, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:victim_information", args=[case.uuid]),
        {"a_number": "A123456789", "a_number_answer": "N/A"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "a_number_answer": ["Give a value or an explicit answer, not both."]
    }
    case.refresh_from_db()
    assert (case.a_number, case.part1_answers) == ("", {})


def test_filing_checklist_shows_each_item_present_or_missing(client, case, legal):
    complete(case, legal)
    CertificationRequestFactory(
        case=case,
        status="signed",
        sent_on=datetime.date(2026, 9, 1),
        signed_on=datetime.date(2026, 10, 1),
        decided_on=datetime.date(2026, 10, 1),
        original_in_hand=True,
    )
    Petition.objects.create(case=case, kind="principal", created_by=legal)
    FamilyMember.objects.create(case=case, name="Luis", relationship="child")
    client.force_login(legal)
    response = client.get(reverse("uvisa:filing_checklist", args=[case.uuid]))
    states = [(str(item), status) for item, status, _note in response.context["items"]]
    assert states[:8] == [
        ("Form I-918, Petition for U Nonimmigrant Status", "present"),
        ("Form I-918 Supplement B, signed within the six months before filing (the original)", "present"),
        ("Signed personal statement", "present"),
        ("Certified English translation of the statement", "present"),
        ("Evidence of the qualifying criminal activity", "missing"),
        ("Evidence of substantial physical or mental abuse", "missing"),
        ("Evidence of helpfulness to the authorities", "present"),
        ("Form I-918 Supplement A for each qualifying family member", "missing"),
    ]
    assert states[8][0] == "Form I-192, if the client is inadmissible"
    assert states[8][1] == "confirm"


def test_filing_checklist_pdf_is_generated_signed_and_marked(client, case, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:filing_checklist", args=[case.uuid]))
    assert response.status_code == 302
    document = Document.objects.get(kind="uvisa_filing_checklist")
    assert (document.subject, document.access, document.signed, document.version) == (
        f"uvisa.clientcase:{case.uuid}",
        "legal",
        True,
        1,
    )
    pages = PdfReader(io.BytesIO(document.file.read())).pages
    text = "\n".join(page.extract_text() for page in pages)
    assert all("Confidential: 8 U.S.C. 1367" in page.extract_text() for page in pages)
    assert "Signed personal statement" in text and "Missing" in text
    assert events(case, "export") == ["filing checklist v1 generated: 7 missing"]
    assert messages_of(response) == ["Checklist generated (version 1)."]


def test_request_packet_page_is_refused_to_an_administrator(client, case, organization):
    cert_request = CertificationRequestFactory(case=case)
    client.force_login(member("admin", organization))
    assert client.get(reverse("uvisa:request_packet", args=[cert_request.uuid])).status_code == 403
    assert client.post(reverse("uvisa:request_packet", args=[cert_request.uuid])).status_code == 403
    assert not Packet.objects.exists()


# The Django admin: export from selected requests


def admin_post(client, cert_requests):
    return client.post(
        reverse("admin:uvisa_certificationrequest_changelist"),
        {"action": "export_packet", "_selected_action": [str(r.pk) for r in cert_requests]},
        follow=True,
    )


def test_admin_action_exports_a_complete_request_and_refuses_an_incomplete_one(client, organization, legal):
    legal.is_staff = True
    legal.save()
    ready = ClientCase.objects.create(organization=organization, created_by=legal)
    complete(ready, legal)
    not_ready = ClientCase.objects.create(organization=organization, created_by=legal)
    first = CertificationRequestFactory(case=ready)
    second = CertificationRequestFactory(case=not_ready)
    client.force_login(legal)
    response = admin_post(client, [first, second])
    packet = Packet.objects.get()
    assert packet.subject == f"uvisa.certificationrequest:{first.uuid}"
    assert packet.status == "done"
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 2
    assert shown[0].startswith(f"{first.agency} · {ready.code}: the packet is being generated.")
    assert shown[1].startswith(
        f"{second.agency} · {not_ready.code}: The packet cannot be exported until these are complete"
    )
    assert AuditEvent.objects.filter(action="export", object_id=str(first.uuid)).count() == 1
    assert not AuditEvent.objects.filter(action="export", object_id=str(second.uuid)).exists()


def test_admin_action_is_refused_to_an_organization_administrator(client, organization, legal):
    staff = member("admin", organization, username="orgadmin", is_staff=True)
    case = ClientCase.objects.create(organization=organization, created_by=legal)
    complete(case, legal)
    cert_request = CertificationRequestFactory(case=case)
    client.force_login(staff)
    response = admin_post(client, [cert_request])
    assert [str(m) for m in response.context["messages"]] == [
        f"{cert_request.agency} · {case.code}: only legal staff can export a packet."
    ]
    assert not Packet.objects.exists()


def test_admin_lists_only_the_organizations_requests_the_user_may_see(
    client, organization, other_organization, legal
):
    legal.is_staff = True
    legal.save()
    mine = CertificationRequestFactory(
        case=ClientCase.objects.create(organization=organization, created_by=legal)
    )
    other_legal = member("legal", other_organization, username="legal2")
    CertificationRequestFactory(
        case=ClientCase.objects.create(organization=other_organization, created_by=other_legal)
    )
    client.force_login(legal)
    response = client.get(reverse("admin:uvisa_certificationrequest_changelist"))
    assert list(response.context["cl"].queryset) == [mine]
    organizer = member("organizer", organization, username="org2", is_staff=True)
    client.force_login(organizer)
    assert client.get(reverse("admin:uvisa_certificationrequest_changelist")).status_code == 403


def test_request_packet_page_is_audited_and_lists_this_requests_packets_only(client, case, legal):
    complete(case, legal)
    first = CertificationRequestFactory(case=case)
    second = CertificationRequestFactory(case=case)
    client.force_login(legal)
    client.post(reverse("uvisa:request_packet", args=[first.uuid]))
    response = client.get(reverse("uvisa:request_packet", args=[second.uuid]))
    assert list(response.context["packets"]) == []
    assert response.context["problems"] == []
    response = client.get(reverse("uvisa:request_packet", args=[first.uuid]))
    assert [p.subject for p in response.context["packets"]] == [f"uvisa.certificationrequest:{first.uuid}"]
    assert events(case, "view_sensitive") == ["request_packet", "request_packet"]
