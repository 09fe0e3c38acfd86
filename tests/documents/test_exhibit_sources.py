"""Stored records as packet exhibits: evidence and generated documents go in with their custody."""

import csv
import hashlib
import io
import json
import threading
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.db import connection, connections
from PIL import Image
from pypdf import PdfReader

from cases.evidence import add_evidence
from power_campaign.audit.models import AuditEvent
from power_campaign.documents import api
from power_campaign.documents.models import Document, Exhibit, Packet
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import OrganizationFactory, jpeg, member, png, simple_pdf, upload

pytestmark = pytest.mark.django_db
GPS = 0x8825


def gps_photo():
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (41.0, 52.0, 0.0), 3: "W", 4: (87.0, 37.0, 0.0)}
    return jpeg(exif=exif.tobytes())


def gps_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(GPS))


@pytest.fixture
def incident(organization, organizer):
    worksite = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    return IncidentFactory(worksite=worksite, created_by=organizer)


def evidence_of(incident, user, name, data, description=""):
    return add_evidence(incident=incident, upload=upload(name, data), description=description, user=user)


def draft_packet(organization, user, access="legal", title="Retaliation at Acme", prefix="ACME"):
    return api.create_packet(
        organization=organization, title=title, bates_prefix=prefix, access=access, language="en", user=user
    )


def chronology_document(organization, user, access="organization"):
    return api.store_document(
        organization=organization,
        kind="chronology",
        title="Retaliation chronology: Acme Poultry",
        pdf=simple_pdf(2),
        signed=False,
        language="en",
        user=user,
        subject="cases.worksite:00000000-0000-0000-0000-000000000001",
        access=access,
    )


def read(field):
    with field.open("rb") as handle:
        return handle.read()


# Evidence


def test_evidence_upload_records_the_sha256_of_the_copy_without_location(incident, organizer):
    evidence = evidence_of(incident, organizer, "clock.jpg", gps_photo())
    shown = read(evidence.shown_file)
    assert evidence.shown_sha256 == hashlib.sha256(shown).hexdigest()
    assert gps_of(shown) == {}
    assert evidence_of(incident, organizer, "statement.pdf", simple_pdf()).shown_sha256 == ""


def test_photo_evidence_goes_in_as_the_copy_without_location_with_its_custody(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "clock.jpg", gps_photo(), description="The time clock")
    packet = draft_packet(incident.worksite.organization, legal)

    exhibit = api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)

    data = read(exhibit.file)
    assert data == read(evidence.shown_file)
    assert gps_of(data) == {}
    assert (
        exhibit.sha256,
        exhibit.sha256_at_upload,
        exhibit.uploaded_by,
        exhibit.uploaded_at,
        exhibit.source,
        exhibit.custody_url,
        exhibit.includes_location,
        exhibit.description,
        exhibit.original_name,
        exhibit.file_type,
    ) == (
        hashlib.sha256(data).hexdigest(),
        evidence.shown_sha256,
        organizer,
        evidence.uploaded_at,
        f"cases.evidence:{evidence.uuid}",
        evidence.get_absolute_url(),
        False,
        "The time clock",
        "clock.jpg",
        "image/jpeg",
    )
    assert exhibit.source_label == f"clock.jpg · {incident} · Acme Poultry"


def test_adding_a_record_is_recorded_on_the_exhibit_and_on_the_records_custody_trail(
    incident, organizer, legal
):
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    packet = draft_packet(incident.worksite.organization, legal)

    exhibit = api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)

    events = (
        AuditEvent.objects.filter(actor=legal).exclude(object_type="documents.packet").order_by("sequence")
    )
    assert list(events.values_list("action", "object_type", "object_id", "summary")) == [
        (
            "create",
            "documents.exhibit",
            str(exhibit.uuid),
            f"exhibit added to packet {packet.uuid} from cases.evidence:{evidence.uuid} (copy); "
            f"sha256 {evidence.sha256}",
        ),
        (
            "export",
            "cases.evidence",
            str(evidence.uuid),
            f"copied into packet {packet.uuid} as an exhibit (copy); sha256 {evidence.sha256}",
        ),
    ]


def test_original_photo_with_location_goes_in_only_when_chosen(incident, organizer, legal):
    photo = gps_photo()
    evidence = evidence_of(incident, organizer, "clock.jpg", photo)
    packet = draft_packet(incident.worksite.organization, legal)

    exhibit = api.add_exhibit_from_record(packet=packet, record=evidence, user=legal, with_location=True)

    assert read(exhibit.file) == photo
    assert (exhibit.sha256, exhibit.sha256_at_upload, exhibit.includes_location) == (
        evidence.sha256,
        evidence.sha256,
        True,
    )
    assert gps_of(read(exhibit.file))[1] == "N"


def test_evidence_whose_stored_file_changed_is_refused_and_nothing_is_added(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    with default_storage.open(evidence.file.name, "wb") as handle:  # the file changed behind the desk's back
        handle.write(simple_pdf(3))
    packet = draft_packet(incident.worksite.organization, legal)

    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)

    actual = hashlib.sha256(simple_pdf(3)).hexdigest()
    assert str(error.value) == (
        f"stub.pdf: the stored file no longer matches the SHA-256 recorded when it was uploaded "
        f"({evidence.sha256}; the file now gives {actual}). It was not added."
    )
    assert Exhibit.objects.count() == 0
    assert not default_storage.exists("exhibits")


def test_audio_evidence_cannot_be_an_exhibit(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "call.mp3", b"ID3" + b"\0" * 64)
    packet = draft_packet(incident.worksite.organization, legal)
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    assert str(error.value) == "call.mp3: only PDF, JPEG and PNG files can be exhibits."
    assert Exhibit.objects.count() == 0


def test_a_record_goes_into_a_packet_once(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    packet = draft_packet(incident.worksite.organization, legal)
    api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    assert str(error.value) == "stub.pdf is already an exhibit of this packet."
    assert Exhibit.objects.count() == 1


def test_another_organizations_record_is_refused(incident, organizer):
    other = OrganizationFactory(name="Centro Unido")
    other_legal = member("legal", other)
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    packet = draft_packet(other, other_legal)
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=other_legal)
    assert str(error.value) == "Only records of the packet's own organization can be its exhibits."


def test_generated_document_goes_in_with_its_author_and_verification_link(organization, organizer, legal):
    document = chronology_document(organization, organizer)
    packet = draft_packet(organization, legal)

    exhibit = api.add_exhibit_from_record(packet=packet, record=document, user=legal)

    assert (
        exhibit.sha256_at_upload,
        exhibit.uploaded_by,
        exhibit.uploaded_at,
        exhibit.source,
        exhibit.source_label,
        exhibit.custody_url,
        exhibit.original_name,
        exhibit.page_count,
    ) == (
        document.sha256,
        organizer,
        document.created_at,
        f"documents.document:{document.uuid}",
        "Retaliation chronology: Acme Poultry (v1)",
        f"/verify/?sha256={document.sha256}",
        document.download_name(),
        2,
    )


def test_legal_only_record_goes_only_into_a_legal_only_packet(organization, legal):
    document = chronology_document(organization, legal, access="legal")
    packet = draft_packet(organization, legal, access="organization")
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=document, user=legal)
    assert (
        str(error.value)
        == f"{document.download_name()} is for legal staff only: add it to a legal-only packet."
    )


def test_generated_packet_cannot_take_records(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    packet = draft_packet(incident.worksite.organization, legal)
    Packet.objects.filter(pk=packet.pk).update(status="running")
    packet.refresh_from_db()
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    assert str(error.value) == "This packet is already generated: start a new packet to change its exhibits."


# The generated packet


@pytest.fixture
def built(incident, organizer, legal):
    """A legal-only packet: photo evidence (copy), PDF evidence, a chronology, then generated."""
    organization = incident.worksite.organization
    photo = evidence_of(incident, organizer, "clock.jpg", gps_photo(), description="The time clock")
    stub = evidence_of(incident, organizer, "stub.pdf", simple_pdf(2), description="Pay stub")
    document = chronology_document(organization, organizer)
    packet = draft_packet(organization, legal)
    for record in (photo, stub, document):
        api.add_exhibit_from_record(packet=packet, record=record, user=legal)
    api.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    return packet, photo, stub, document


def zip_of(packet):
    with zipfile.ZipFile(io.BytesIO(read(packet.archive))) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def test_manifest_names_each_exhibits_source_hashes_and_original_uploader(built, organizer):
    packet, photo, stub, document = built
    contents = zip_of(packet)
    manifest = json.loads(contents["manifest.json"])
    rows = [
        (
            entry["exhibit"],
            entry["source"],
            entry["sha256_at_upload"],
            entry["sha256"],
            entry["uploaded_by"],
            entry["uploaded_by_name"],
            entry["includes_location"],
        )
        for entry in manifest["files"]
    ]
    assert rows == [
        (
            "A",
            f"cases.evidence:{photo.uuid}",
            photo.shown_sha256,
            photo.shown_sha256,
            "organizer",
            "Ana Torres",
            False,
        ),
        ("B", f"cases.evidence:{stub.uuid}", stub.sha256, stub.sha256, "organizer", "Ana Torres", False),
        (
            "C",
            f"documents.document:{document.uuid}",
            document.sha256,
            document.sha256,
            "organizer",
            "Ana Torres",
            False,
        ),
    ]
    for entry in manifest["files"]:
        assert hashlib.sha256(contents[entry["path"]]).hexdigest() == entry["sha256"]
    assert manifest["files"][0]["uploaded_at"] == photo.uploaded_at.isoformat()
    assert manifest["files"][0]["custody_url"] == photo.get_absolute_url()
    table = list(csv.DictReader(io.StringIO(contents["manifest.csv"].decode())))
    assert [(row["source"], row["sha256_at_upload"], row["uploaded_by"]) for row in table] == [
        (entry["source"], entry["sha256_at_upload"], entry["uploaded_by"]) for entry in manifest["files"]
    ]


def test_photo_in_the_archive_and_the_pdf_has_no_location(built):
    packet, photo, _stub, _document = built
    contents = zip_of(packet)
    assert contents["exhibits/A-clock.jpg"] == read(photo.shown_file)
    assert gps_of(contents["exhibits/A-clock.jpg"]) == {}
    assert b"GPS" not in read(packet.document.file)


def test_index_page_carries_each_exhibits_source_hashes_and_uploader(built):
    packet, photo, stub, _document = built
    index = PdfReader(io.BytesIO(read(packet.document.file))).pages[1].extract_text()
    compact = "".join(index.split())  # long hashes wrap: compare without spaces and line breaks
    assert (
        f"Sourcerecord:stub.pdf·{stub.incident}·AcmePoultry(cases.evidence:{stub.uuid})".replace(" ", "")
        in compact
    )
    assert ("UploadedbyAnaTorres," in compact, "(organizer)" in compact) == (True, False)  # the name only
    assert (
        f"SHA-256recordedatupload:{photo.shown_sha256}SHA-256ofthefileinthispacket:{photo.shown_sha256}"
        in (compact)
    )
    assert f"SHA-256recordedatupload:{stub.sha256}SHA-256ofthefileinthispacket:{stub.sha256}" in compact


def test_legal_only_packet_is_marked_confidential_on_every_page(built):
    packet, _photo, _stub, _document = built
    pages = PdfReader(io.BytesIO(read(packet.document.file))).pages
    assert len(pages) == packet.page_count == 2 + 3 + 1 + 2 + 2
    for number, page in enumerate(pages, start=1):
        assert "Confidential: legal staff only" in page.extract_text(), f"page {number}"


def test_organization_packet_carries_no_confidentiality_marking(organization, legal):
    packet = draft_packet(organization, legal, access="organization")
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal)
    api.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    for page in PdfReader(io.BytesIO(read(packet.document.file))).pages:
        assert "Confidential" not in page.extract_text()


def test_spanish_packet_marking_is_in_spanish(organization, legal):
    packet = api.create_packet(
        organization=organization,
        title="Anexos",
        bates_prefix="ES",
        access="legal",
        language="es",
        user=legal,
    )
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal)
    api.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    last = PdfReader(io.BytesIO(read(packet.document.file))).pages[-1].extract_text()
    assert "Confidencial: solo el equipo legal" in last


def test_exhibit_whose_stored_copy_changed_fails_the_build(organization, legal):
    packet = draft_packet(organization, legal)
    exhibit = api.add_exhibit(
        packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal
    )
    with default_storage.open(exhibit.file.name, "wb") as handle:
        handle.write(simple_pdf(2))
    api.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    assert (packet.status, packet.error) == (
        "failed",
        "a.pdf: the stored copy changed after it was added (its SHA-256 differs). Nothing was built.",
    )
    assert Document.objects.count() == 0


# Draft packets: remove and reorder


def test_exhibits_move_up_and_down_and_keep_letters_in_order(organization, legal):
    packet = draft_packet(organization, legal)
    first, second, third = (
        api.add_exhibit(packet=packet, upload=upload(f"{n}.pdf", simple_pdf()), description=n, user=legal)
        for n in ("one", "two", "three")
    )
    assert api.move_exhibit(exhibit=third, user=legal, up=True) is True
    assert api.move_exhibit(exhibit=first, user=legal, up=True) is False
    assert list(packet.exhibits.values_list("description", flat=True)) == ["one", "three", "two"]
    assert api.move_exhibit(exhibit=first, user=legal, up=False) is True
    assert list(packet.exhibits.values_list("description", flat=True)) == ["three", "one", "two"]
    event = AuditEvent.objects.filter(action="update").order_by("sequence").first()
    assert (event.object_id, event.summary) == (str(third.uuid), f"exhibit moved up in packet {packet.uuid}")
    assert second.position == 2


def test_removing_an_exhibit_deletes_its_copy_and_is_recorded(
    organization, legal, django_capture_on_commit_callbacks
):
    packet = draft_packet(organization, legal)
    kept = api.add_exhibit(
        packet=packet, upload=upload("kept.pdf", simple_pdf()), description="K", user=legal
    )
    gone = api.add_exhibit(
        packet=packet, upload=upload("gone.pdf", simple_pdf(2)), description="G", user=legal
    )
    name = gone.file.name

    with django_capture_on_commit_callbacks(execute=True):
        api.remove_exhibit(exhibit=gone, user=legal)

    assert list(packet.exhibits.all()) == [kept]
    assert not default_storage.exists(name)
    event = AuditEvent.objects.get(action="delete")
    assert (event.object_id, event.summary) == (
        str(gone.uuid),
        f"exhibit removed from packet {packet.uuid}; sha256 {gone.sha256}",
    )


def test_exhibits_of_a_generated_packet_cannot_be_removed_or_moved(built, legal):
    packet = built[0]
    exhibit = packet.exhibits.first()
    for change in (
        lambda: api.remove_exhibit(exhibit=exhibit, user=legal),
        lambda: api.move_exhibit(exhibit=exhibit, user=legal, up=False),
    ):
        with pytest.raises(api.ExhibitError):
            change()
    assert packet.exhibits.count() == 3


# Building once


def test_queueing_twice_queues_once(organization, legal, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    packet = draft_packet(organization, legal)
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal)
    stale = Packet.objects.get(
        pk=packet.pk
    )  # a second request that read the draft before the first queued it
    api.queue_packet(packet=packet, user=legal)
    with pytest.raises(api.ExhibitError) as error:
        api.queue_packet(packet=stale, user=legal)
    assert str(error.value) == "This packet is already being generated or is ready."
    assert AuditEvent.objects.filter(summary="packet generation requested").count() == 1


def test_building_twice_builds_once(organization, legal, settings):
    from power_campaign.documents.services import build_packet

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not built yet
    packet = draft_packet(organization, legal)
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal)
    api.queue_packet(packet=packet, user=legal)

    assert [build_packet(packet_uuid=packet.uuid), build_packet(packet_uuid=packet.uuid)] == [True, False]

    packet.refresh_from_db()
    assert packet.status == "done"
    assert Document.objects.filter(kind="packet").count() == 1
    assert AuditEvent.objects.filter(action="export", object_type="documents.packet").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency needs PostgreSQL")
def test_two_workers_at_once_build_the_packet_once(settings):
    from power_campaign.documents.services import build_packet

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    organization = OrganizationFactory(name="Local 12")
    legal = member("legal", organization, username="legal")
    packet = draft_packet(organization, legal)
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf()), description="A", user=legal)
    api.queue_packet(packet=packet, user=legal)
    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait()
            results.append(build_packet(packet_uuid=packet.uuid))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(results) == [False, True]
    assert Packet.objects.get(pk=packet.pk).status == "done"
    assert Document.objects.filter(kind="packet").count() == 1
    assert AuditEvent.objects.filter(action="export").count() == 1


# Migration: the copies uploaded before shown_sha256 existed


def test_migration_hashes_the_copies_already_stored(incident, organizer):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cases.migrations.0007_evidence_shown_sha256")
    evidence = evidence_of(incident, organizer, "clock.jpg", jpeg())
    pdf = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    type(evidence).objects.filter(pk__in=[evidence.pk, pdf.pk]).update(shown_sha256="")

    migration.hash_shown_copies(apps, None)

    evidence.refresh_from_db()
    pdf.refresh_from_db()
    assert (evidence.shown_sha256, pdf.shown_sha256) == (
        hashlib.sha256(read(evidence.shown_file)).hexdigest(),
        "",
    )


def test_uploaded_photo_with_location_is_marked_so(organization, legal):
    packet = draft_packet(organization, legal)
    exhibit = api.add_exhibit(
        packet=packet, upload=upload("site.jpg", gps_photo()), description="S", user=legal
    )
    plain = api.add_exhibit(packet=packet, upload=upload("plain.jpg", jpeg()), description="P", user=legal)
    assert (exhibit.includes_location, plain.includes_location, exhibit.sha256_at_upload) == (
        True,
        False,
        exhibit.sha256,
    )


def test_evidence_whose_stored_file_is_gone_is_refused(incident, organizer, legal):
    evidence = evidence_of(incident, organizer, "stub.pdf", simple_pdf())
    default_storage.delete(evidence.file.name)
    packet = draft_packet(incident.worksite.organization, legal)
    with pytest.raises(api.ExhibitError) as error:
        api.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    assert str(error.value) == "stub.pdf: the stored file is missing."
    assert Exhibit.objects.count() == 0


def test_packet_with_its_own_marking_carries_it_on_every_page_instead_of_the_default(organization, legal):
    packet = api.create_packet(
        organization=organization,
        title="Certification request",
        bates_prefix="UV",
        access="legal",
        language="es",
        user=legal,
        confidentiality="Confidential: 8 U.S.C. 1367",
    )
    api.add_exhibit(packet=packet, upload=upload("a.pdf", simple_pdf(2)), description="A", user=legal)
    api.add_exhibit(packet=packet, upload=upload("b.png", png()), description="B", user=legal)
    api.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    pages = PdfReader(io.BytesIO(read(packet.document.file))).pages
    assert len(pages) == packet.page_count == 2 + 1 + 2 + 1 + 1
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert ("Confidential: 8 U.S.C. 1367" in text, "legal staff only" in text) == (True, False), number
