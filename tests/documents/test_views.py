import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from power_campaign.documents import services
from power_campaign.documents.models import Document, Exhibit, Packet
from power_campaign.documents.signing import sign_pdf
from tests.factories import jpeg, member, packet_with_exhibits, simple_pdf, upload

pytestmark = pytest.mark.django_db


def signed_document(organization, user, access="organization"):
    return services.store_document(
        organization=organization,
        kind="notice",
        title="Notice",
        pdf=sign_pdf(simple_pdf(), reason="t"),
        signed=True,
        language="en",
        user=user,
        access=access,
    )


# Downloads


@pytest.mark.parametrize(
    ("kind", "language", "name"),
    [
        ("chronology", "es", "cronologia-de-represalias"),
        ("chronology", "en", "retaliation-chronology"),
        ("packet", "es", "paquete-de-anexos"),
    ],
)
def test_a_documents_file_name_says_what_it_is_in_its_language(organizer, organization, kind, language, name):
    document = services.store_document(
        organization=organization,
        kind=kind,
        title="t",
        pdf=simple_pdf(),
        signed=False,
        language=language,
        user=organizer,
        access="legal",
    )

    assert document.download_name() == f"{name}-{str(document.uuid)[:8]}-v1.pdf"


def test_document_download_is_an_audited_attachment(client, organizer, organization):
    document = signed_document(organization, organizer)
    client.force_login(organizer)
    response = client.get(reverse("documents:download", args=[document.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{document.download_name()}"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256
    event = AuditEvent.objects.get(action="download")
    assert (event.actor, event.object_id, event.summary) == (
        organizer,
        str(document.uuid),
        document.download_name(),
    )


def test_legal_only_document_is_forbidden_to_organizer_and_admin(
    client, legal, organizer, admin, organization
):
    document = signed_document(organization, legal, access="legal")
    for user in (organizer, admin):
        client.force_login(user)
        assert client.get(reverse("documents:download", args=[document.uuid])).status_code == 403
    assert AuditEvent.objects.filter(action="download").count() == 0
    assert AuditEvent.objects.filter(action="permission_denied").count() == 2


def test_other_organizations_document_is_not_found(client, other_admin, organization, legal):
    document = signed_document(organization, legal)
    client.force_login(other_admin)
    assert client.get(reverse("documents:download", args=[document.uuid])).status_code == 404


def test_anonymous_download_goes_to_login(client, organization, legal):
    document = signed_document(organization, legal)
    url = reverse("documents:download", args=[document.uuid])
    assert client.get(url)["Location"] == f"/login/?next={url}"


def test_exhibit_original_downloads_with_its_name(client, legal, organization):
    data = jpeg()
    packet = packet_with_exhibits(legal, organization, [("site photo.jpg", data)])
    client.force_login(legal)
    exhibit = packet.exhibits.get()
    response = client.get(reverse("documents:exhibit_download", args=[exhibit.uuid]))
    assert response["Content-Disposition"] == 'attachment; filename="site photo.jpg"'
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == data
    assert AuditEvent.objects.filter(action="download", object_type="documents.exhibit").count() == 1


# Packets


def test_packet_list_shows_only_what_the_user_may_open(client, legal, organizer, organization, other_admin):
    packet_with_exhibits(legal, organization, [], prefix="LEGAL", access="legal")
    shared = packet_with_exhibits(legal, organization, [], prefix="ALL", access="organization")
    packet_with_exhibits(
        other_admin, other_admin.memberships.get().organization, [], prefix="OTHER", access="organization"
    )
    client.force_login(organizer)
    assert list(client.get(reverse("documents:packet_list")).context["packets"]) == [shared]
    client.force_login(legal)
    assert [p.bates_prefix for p in client.get(reverse("documents:packet_list")).context["packets"]] == [
        "ALL",
        "LEGAL",
    ]


def test_packet_form_starts_with_the_users_one_organization_and_language(client, organization):
    organizer = member("organizer", organization, language="es")
    client.force_login(organizer)

    form = client.get(reverse("documents:packet_list")).context["form"]

    assert (form["organization"].value(), form["language"].value()) == (organization.pk, "es")


def test_packet_list_query_count_is_constant(client, legal, organization):
    client.force_login(legal)
    packet_with_exhibits(legal, organization, [])
    client.get(reverse("documents:packet_list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("documents:packet_list"))
    for n in range(5):
        packet_with_exhibits(legal, organization, [], prefix=f"P{n}X")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("documents:packet_list"))
    assert len(response.context["packets"]) == 6
    assert len(many) == len(one)


def test_creating_a_packet_records_it_and_opens_it(client, legal, organization):
    client.force_login(legal)
    response = client.post(
        reverse("documents:packet_list"),
        {
            "organization": organization.pk,
            "title": "ULP evidence",
            "bates_prefix": "nlrb7",
            "access": "legal",
            "language": "es",
        },
    )
    packet = Packet.objects.get()
    assert response["Location"] == packet.get_absolute_url()
    assert (packet.title, packet.bates_prefix, packet.access, packet.language, packet.created_by) == (
        "ULP evidence",
        "NLRB7",
        "legal",
        "es",
        legal,
    )
    assert AuditEvent.objects.get(action="create").object_id == str(packet.uuid)


def test_bad_packet_form_shows_errors_and_saves_nothing(client, organizer, organization, other_organization):
    client.force_login(organizer)
    response = client.post(
        reverse("documents:packet_list"),
        {
            "organization": other_organization.pk,
            "title": "",
            "bates_prefix": "A-1",
            "access": "legal",
            "language": "en",
        },
    )
    errors = response.context["form"].errors
    assert errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert errors["title"] == ["This field is required."]
    assert errors["bates_prefix"] == ["Use 2 to 12 capital letters or digits, for example POWER or WHD2026."]
    assert Packet.objects.count() == 0


def test_only_legal_staff_create_legal_only_packets(client, organizer, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("documents:packet_list"),
        {
            "organization": organization.pk,
            "title": "T",
            "bates_prefix": "AB",
            "access": "legal",
            "language": "en",
        },
    )
    assert response.context["form"].errors == {
        "access": ["Only legal staff of this organization can create a legal-only packet."]
    }
    assert Packet.objects.count() == 0


def test_uploading_an_exhibit_adds_it(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [])
    client.force_login(legal)
    response = client.post(
        reverse("documents:exhibit_add", args=[packet.uuid]),
        {"file": upload("stub.pdf", simple_pdf(2)), "description": "Pay stub"},
    )
    assert response["Location"] == packet.get_absolute_url()
    exhibit = Exhibit.objects.get()
    assert (exhibit.original_name, exhibit.description, exhibit.page_count, exhibit.uploaded_by) == (
        "stub.pdf",
        "Pay stub",
        2,
        legal,
    )


def test_bad_upload_shows_the_files_name_and_keeps_the_others(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("kept.pdf", simple_pdf())])
    client.force_login(legal)
    response = client.post(
        reverse("documents:exhibit_add", args=[packet.uuid]),
        {"file": upload("fake.pdf", b"just text"), "description": "x"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["fake.pdf: the name ends in .pdf but the file is not a PDF."]
    }
    assert list(Exhibit.objects.values_list("original_name", flat=True)) == ["kept.pdf"]


def test_upload_over_the_size_limit_is_refused(client, legal, organization, settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 1
    packet = packet_with_exhibits(legal, organization, [])
    client.force_login(legal)
    big = upload("big.jpg", jpeg() + b"\0" * (1024 * 1024))
    response = client.post(
        reverse("documents:exhibit_add", args=[packet.uuid]), {"file": big, "description": "x"}
    )
    assert response.context["form"].errors == {"file": ["big.jpg is larger than 1 MB."]}
    assert Exhibit.objects.count() == 0


def test_generate_runs_the_task_and_the_status_panel_offers_downloads(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    client.force_login(legal)
    response = client.post(reverse("documents:packet_generate", args=[packet.uuid]))
    assert response["Location"] == packet.get_absolute_url()
    status = client.get(reverse("documents:packet_status", args=[packet.uuid]))
    text = status.content.decode()
    assert "Status: Ready" in text
    assert "hx-get" not in text  # polling stops once the packet is ready
    assert reverse("documents:packet_archive", args=[packet.uuid]) in text
    archive = client.get(reverse("documents:packet_archive", args=[packet.uuid]))
    assert archive["Content-Disposition"] == f'attachment; filename="packet-TEST-{str(packet.uuid)[:8]}.zip"'
    assert (
        hashlib.sha256(b"".join(archive.streaming_content)).hexdigest() == Packet.objects.get().archive_sha256
    )


def test_status_panel_polls_while_the_packet_is_being_generated(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    Packet.objects.filter(pk=packet.pk).update(status="running", progress=40)
    client.force_login(legal)
    text = client.get(reverse("documents:packet_status", args=[packet.uuid])).content.decode()
    assert f'hx-get="{reverse("documents:packet_status", args=[packet.uuid])}" hx-trigger="every 1s"' in text
    assert '<progress id="packet-progress" max="100" value="40">40%</progress>' in text


def test_generate_without_exhibits_says_so_and_changes_nothing(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [])
    client.force_login(legal)
    response = client.post(reverse("documents:packet_generate", args=[packet.uuid]), follow=True)
    assert "Add at least one exhibit first." in response.content.decode()
    assert Packet.objects.get().status == "draft"


def test_archive_of_an_unfinished_packet_is_not_found(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    client.force_login(legal)
    assert client.get(reverse("documents:packet_archive", args=[packet.uuid])).status_code == 404


# Public verification


def verify(client, **data):
    return client.post(reverse("verify"), data)


def test_verifying_an_intact_signed_document_shows_only_kind_id_date_version(client, organization, legal):
    document = signed_document(organization, legal)
    response = verify(client, file=upload("mine.pdf", document.file.read()))
    text = response.content.decode()
    assert (
        "Valid signature of this organization. The document has not been modified since it was signed."
        in text
    )
    assert str(document.uuid) in text
    assert "Notice" in text
    assert organization.name not in text
    event = AuditEvent.objects.get(action="verify")
    assert event.summary == f"verification: valid; sha256 {document.sha256}; matches a record"
    assert event.actor is None


def test_verifying_a_modified_document_warns(client, organization, legal):
    data = bytearray(signed_document(organization, legal).file.read())
    position = data.index(b"/MediaBox")
    data[position + 1] = ord("m")
    text = verify(client, file=upload("changed.pdf", bytes(data))).content.decode()
    assert "This document was modified after it was signed. Do not rely on it." in text
    assert "No document with exactly this content is on record." in text


def test_verifying_an_unsigned_or_unreadable_file(client):
    assert (
        "This document carries no digital signature."
        in verify(client, file=upload("a.pdf", simple_pdf())).content.decode()
    )
    assert (
        "This file is not a readable PDF."
        in verify(client, file=upload("b.pdf", b"%PDF-1.4 nonsense")).content.decode()
    )
    assert AuditEvent.objects.filter(action="verify").count() == 2


def test_lookup_by_sha256_finds_the_record(client, organization, legal):
    document = signed_document(organization, legal)
    response = client.get(reverse("verify"), {"sha256": document.sha256.upper()})
    text = response.content.decode()
    assert str(document.uuid) in text
    assert "Version" in text


def test_verify_form_needs_exactly_one_input(client):
    response = verify(client, sha256="xyz")
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "sha256": ["A SHA-256 is 64 characters, digits 0-9 and letters a-f."]
    }
    response = verify(client)
    assert response.context["form"].errors == {
        "__all__": ["Upload a PDF or enter a SHA-256 (one of the two)."]
    }
    assert AuditEvent.objects.filter(action="verify").count() == 0


def test_verify_refuses_files_over_the_limit(client, settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 1
    response = verify(client, file=upload("big.pdf", simple_pdf() + b"\0" * (1024 * 1024)))
    assert response.context["form"].errors == {"file": ["big.pdf is larger than 1 MB."]}


def test_wrong_role_cannot_open_legal_packet(client, organizer, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())], access="legal")
    client.force_login(member("admin", organization))
    assert client.get(packet.get_absolute_url()).status_code == 403
    assert Document.objects.count() == 0


def test_verify_without_a_signing_certificate_still_looks_up_the_record(
    client, organization, legal, settings
):
    document = signed_document(organization, legal)
    settings.DEBUG = False
    settings.SIGNING_PKCS12_PATH = ""
    text = verify(client, file=upload("mine.pdf", document.file.read())).content.decode()
    assert "Signatures cannot be checked on this server yet" in text
    assert str(document.uuid) in text


def test_a_packet_stuck_in_the_queue_can_be_tried_again(client, legal, organization, settings):
    import datetime

    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    client.force_login(legal)
    client.post(reverse("documents:packet_generate", args=[packet.uuid]))
    assert (
        "Try again" not in client.get(reverse("documents:packet_status", args=[packet.uuid])).content.decode()
    )
    Packet.objects.filter(pk=packet.pk).update(queued_at=timezone.now() - datetime.timedelta(minutes=16))
    assert (
        "the background worker may have stopped"
        in client.get(reverse("documents:packet_status", args=[packet.uuid])).content.decode()
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.post(reverse("documents:packet_generate", args=[packet.uuid]))
    assert Packet.objects.get().status == "done"
