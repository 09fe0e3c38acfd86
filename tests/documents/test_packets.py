import csv
import hashlib
import io
import json
import zipfile
import zlib

import pytest
from django.core.files.storage import default_storage
from PIL import Image
from pypdf import PdfReader, PdfWriter

from power_campaign.audit.models import AuditEvent
from power_campaign.documents import packets, services
from power_campaign.documents.models import Document, Exhibit, Packet
from power_campaign.documents.packets import ExhibitError, exhibit_label, inspect_upload
from power_campaign.documents.signing import check_signature
from tests.factories import jpeg, packet_with_exhibits, png, simple_pdf, upload

pytestmark = pytest.mark.django_db


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(simple_pdf()))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def bomb_pdf(megabytes=120):
    """A one-page PDF whose content stream inflates to `megabytes` of zeros."""
    squeezer = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    stream = b"".join(squeezer.compress(chunk) for _ in range(megabytes)) + squeezer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("zeros.bin", b"\0" * (20 << 20))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "statement.pdf",
            b"%PDF-1.7\n1 0 obj << broken",
            "statement.pdf: the PDF is damaged or cannot be read.",
        ),
        (
            "locked.pdf",
            encrypted_pdf(),
            "locked.pdf: the PDF is password-protected. Remove the password and upload it again.",
        ),
        (
            "invoice.pdf",
            b"MZ\x90\x00 this is a Windows program",
            "invoice.pdf: the name ends in .pdf but the file is not a PDF.",
        ),
        (
            "huge.png",
            png(8000, 8000),
            "huge.png: the image is too large (8000 × 8000 pixels; the limit is 50 million).",
        ),
        (
            "evidence.zip",
            zip_bomb(),
            "evidence.zip: archives are not accepted. Upload the PDF, JPEG or PNG files one by one.",
        ),
        (
            "bomb.pdf",
            bomb_pdf(),
            "bomb.pdf: the PDF expands to an unsafe size when opened, so it was refused.",
        ),
        ("photo.jpg", jpeg()[:200], "photo.jpg: the image is damaged or cannot be read."),
        ("notes.txt", b"hello", "notes.txt: only PDF, JPEG and PNG files can be exhibits."),
        ("empty.pdf", b"", "empty.pdf: the file is empty."),
    ],
    ids=[
        "corrupt-pdf",
        "encrypted-pdf",
        "exe-named-pdf",
        "too-many-pixels",
        "zip-bomb",
        "pdf-bomb",
        "truncated-jpeg",
        "text",
        "empty",
    ],
)
def test_bad_exhibit_is_refused_with_a_message_naming_the_file(name, data, message):
    with pytest.raises(ExhibitError) as error:
        inspect_upload(name, data)
    assert str(error.value) == message


def test_bad_exhibit_upload_stores_nothing_and_keeps_earlier_exhibits(legal, organization):
    packet = packet_with_exhibits(legal, organization, [("one.pdf", simple_pdf())])
    stored_before = sorted(default_storage.listdir("exhibits")[0])
    with pytest.raises(ExhibitError):
        services.add_exhibit(
            packet=packet, upload=upload("locked.pdf", encrypted_pdf()), description="x", user=legal
        )
    assert list(packet.exhibits.values_list("original_name", flat=True)) == ["one.pdf"]
    assert sorted(default_storage.listdir("exhibits")[0]) == stored_before


def test_exhibit_records_hash_size_type_and_pages(legal, organization):
    data = simple_pdf(3)
    packet = packet_with_exhibits(legal, organization, [("pay stubs.pdf", data)])
    exhibit = packet.exhibits.get()
    assert (exhibit.sha256, exhibit.size, exhibit.file_type, exhibit.page_count, exhibit.position) == (
        hashlib.sha256(data).hexdigest(),
        len(data),
        "application/pdf",
        3,
        1,
    )
    assert exhibit.file.read() == data
    assert AuditEvent.objects.filter(action="create", object_type="documents.exhibit").count() == 1


def test_exhibit_labels_run_a_to_z_then_aa():
    assert [exhibit_label(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


@pytest.fixture
def generated(legal, organization):
    files = [
        ("contract.pdf", simple_pdf(3)),
        ("photo.jpg", jpeg()),
        ("scan.png", png()),
        ("letter.pdf", simple_pdf(2)),
    ]
    packet = packet_with_exhibits(legal, organization, files, prefix="WHD")
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    return packet, files


def read_zip(packet):
    with packet.archive.open("rb") as handle:
        bundle = zipfile.ZipFile(io.BytesIO(handle.read()))
    return {name: bundle.read(name) for name in bundle.namelist()}


def test_generated_packet_is_done_signed_and_recorded(generated):
    packet, _files = generated
    assert (packet.status, packet.progress, packet.error) == ("done", 100, "")
    document = packet.document
    pdf = document.file.read()
    assert document.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (document.kind, document.version, document.signed, document.uuid) == (
        "packet",
        1,
        True,
        packet.uuid,
    )
    assert check_signature(pdf).valid is True
    assert packet.archive_sha256 == hashlib.sha256(packet.archive.read()).hexdigest()
    summary = AuditEvent.objects.get(action="export").summary
    assert summary == (
        f"packet generated: 13 pages; PDF sha256 {document.sha256}; archive sha256 {packet.archive_sha256}"
    )


def test_every_page_carries_a_consecutive_bates_number(generated):
    packet, _files = generated
    reader = PdfReader(io.BytesIO(packet.document.file.read()))
    # cover + index + 4 separators + 3 + 1 + 1 + 2 exhibit pages
    assert len(reader.pages) == packet.page_count == 13
    for number, page in enumerate(reader.pages, start=1):
        assert f"WHD-{number:06d}" in page.extract_text()


def test_index_lists_each_exhibit_with_its_bates_range(generated):
    packet, _files = generated
    reader = PdfReader(io.BytesIO(packet.document.file.read()))
    index = reader.pages[1].extract_text()
    assert "A Exhibit file 1 contract.pdf 3 WHD-000004 – WHD-000006" in index
    assert "D Exhibit file 4 letter.pdf 2 WHD-000012 – WHD-000013" in index
    assert "Exhibit A" in reader.pages[2].extract_text()


def test_archive_holds_the_signed_pdf_originals_and_manifests_with_true_hashes(generated):
    packet, files = generated
    contents = read_zip(packet)
    assert sorted(contents) == [
        "exhibits/A-contract.pdf",
        "exhibits/B-photo.jpg",
        "exhibits/C-scan.png",
        "exhibits/D-letter.pdf",
        "manifest.csv",
        "manifest.json",
        "packet-WHD.pdf",
        "packet-WHD.pdf.sha256",
    ]
    assert contents["packet-WHD.pdf"] == packet.document.file.read()
    assert contents["packet-WHD.pdf.sha256"].decode() == f"{packet.document.sha256}  packet-WHD.pdf\n"
    manifest = json.loads(contents["manifest.json"])
    assert manifest["packet"] == {
        "bates_first": "WHD-000001",
        "bates_last": "WHD-000013",
        "bates_prefix": "WHD",
        "id": str(packet.uuid),
        "pages": 13,
        "title": "Wage theft evidence",
    }
    for entry, (name, data) in zip(manifest["files"], files, strict=True):
        assert entry["original_name"] == name
        assert (
            entry["sha256"]
            == hashlib.sha256(contents[entry["path"]]).hexdigest()
            == hashlib.sha256(data).hexdigest()
        )
        assert entry["size"] == len(data)
        assert entry["uploaded_by"] == "legal"
    assert [(e["exhibit"], e["bates_first"], e["bates_last"]) for e in manifest["files"]] == [
        ("A", "WHD-000004", "WHD-000006"),
        ("B", "WHD-000008", "WHD-000008"),
        ("C", "WHD-000010", "WHD-000010"),
        ("D", "WHD-000012", "WHD-000013"),
    ]
    rows = list(csv.DictReader(io.StringIO(contents["manifest.csv"].decode())))
    assert [row["sha256"] for row in rows] == [entry["sha256"] for entry in manifest["files"]]


def test_same_inputs_give_the_same_manifest(generated):
    packet, _files = generated
    exhibits = list(packet.exhibits.select_related("uploaded_by"))
    ranges = [("A", 4, 6), ("B", 8, 8), ("C", 10, 10), ("D", 12, 13)]
    first = packets.manifests(packet, exhibits, ranges, 13)
    second = packets.manifests(
        Packet.objects.get(pk=packet.pk), list(Exhibit.objects.filter(packet=packet)), ranges, 13
    )
    assert first == second
    assert read_zip(packet)["manifest.json"] == first[0]


def test_image_exhibit_copy_has_no_gps_but_the_original_is_kept(legal, organization):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 0.0)}  # GPSInfo
    photo = jpeg(exif=exif.tobytes())
    packet = packet_with_exhibits(legal, organization, [("site.jpg", photo)])
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    assert read_zip(packet)["exhibits/A-site.jpg"] == photo
    pdf = packet.document.file.read()
    assert b"GPS" not in pdf


def test_failed_generation_stores_nothing_and_says_why(legal, organization, settings):
    packet = packet_with_exhibits(legal, organization, [("one.pdf", simple_pdf())])
    settings.DEBUG = False
    settings.SIGNING_PKCS12_PATH = ""
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    assert packet.status == "failed"
    assert packet.error.startswith("SIGNING_PKCS12_PATH is not set")
    assert Document.objects.count() == 0
    assert not default_storage.exists("documents") or default_storage.listdir("documents") == ([], [])
    assert packet.exhibits.count() == 1


def test_a_failed_packet_can_be_tried_again(legal, organization, settings, signing_pkcs12):
    packet = packet_with_exhibits(legal, organization, [("one.pdf", simple_pdf())])
    settings.SIGNING_PKCS12_PATH = "/nonexistent.p12"
    services.queue_packet(packet=packet, user=legal)
    settings.SIGNING_PKCS12_PATH = str(signing_pkcs12)
    packet.refresh_from_db()
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    assert packet.status == "done"


def test_generated_packet_cannot_take_more_exhibits(generated, legal):
    packet, _files = generated
    with pytest.raises(ExhibitError, match="already generated"):
        services.add_exhibit(
            packet=packet, upload=upload("more.pdf", simple_pdf()), description="x", user=legal
        )


def test_documents_are_immutable_and_versioned(generated, legal, organization):
    packet, _files = generated
    document = packet.document
    from power_campaign.documents.models import ImmutableError

    with pytest.raises(ImmutableError):
        document.save()
    with pytest.raises(ImmutableError):
        document.delete()
    again = services.store_document(
        organization=organization,
        kind="packet",
        title="t",
        pdf=simple_pdf(),
        signed=False,
        language="en",
        user=legal,
        subject=document.subject,
        access="legal",
    )
    assert again.version == 2


# A preface: a document placed first, before the cover and the index (a cover letter)


def letter(organization, user, pages=2):
    return services.store_document(
        organization=organization,
        kind="chronology",
        title="Cover letter",
        pdf=simple_pdf(pages),
        signed=False,
        language="en",
        user=user,
        access="legal",
    )


def packet_with_preface(legal, organization, preface):
    packet = services.create_packet(
        organization=organization,
        title="Wage theft evidence",
        bates_prefix="WHD",
        access="legal",
        language="en",
        user=legal,
        preface=preface,
    )
    contract = upload("contract.pdf", simple_pdf(3))
    services.add_exhibit(packet=packet, upload=contract, description="Contract", user=legal)
    return packet


def test_the_preface_comes_first_bates_numbered_and_the_index_counts_after_it(legal, organization, client):
    preface = letter(organization, legal)
    packet = packet_with_preface(legal, organization, preface)
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()

    assert packet.status == "done"
    reader = PdfReader(io.BytesIO(packet.document.file.read()))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    # letter (2) + cover + index + separator + 3 exhibit pages
    assert len(pages) == packet.page_count == 8
    assert [f"WHD-{number:06d}" in page for number, page in enumerate(pages, start=1)] == [True] * 8
    assert "Preceded by: Cover letter (WHD-000001 – WHD-000002)" in pages[2]
    assert "A Contract contract.pdf 3 WHD-000006 – WHD-000008" in pages[3]
    files = read_zip(packet)
    with preface.file.open("rb") as handle:
        assert files["preface.pdf"] == handle.read()
    assert json.loads(files["manifest.json"])["packet"]["preface"] == {
        "path": "preface.pdf",
        "title": "Cover letter",
        "document_id": str(preface.uuid),
        "sha256": preface.sha256,
        "pages": 2,
        "bates_first": "WHD-000001",
        "bates_last": "WHD-000002",
    }
    client.force_login(legal)
    page = client.get(packet.get_absolute_url()).content.decode()
    link = f'<a href="/documents/{preface.uuid}/download/">Cover letter</a>'
    assert f"First, before the cover and the index: {link}" in page


def test_a_preface_changed_on_disk_stops_the_generation(legal, organization):
    preface = letter(organization, legal)
    packet = packet_with_preface(legal, organization, preface)
    with open(preface.file.path, "wb") as handle:
        handle.write(simple_pdf(5))

    services.queue_packet(packet=packet, user=legal)

    packet.refresh_from_db()
    assert packet.status == "failed"
    assert packet.error == (
        "Cover letter: the stored copy changed after it was added (its SHA-256 differs). "
        "Nothing was built."
    )


def test_a_preface_is_a_document_of_the_packets_organization(legal, organization, other_organization):
    with pytest.raises(ValueError, match=r"A packet's preface is a document of the packet's organization\."):
        packet_with_preface(legal, other_organization, letter(organization, legal))
    assert Packet.objects.count() == 0


def test_a_legal_only_preface_goes_only_into_a_legal_only_packet(legal, organization):
    with pytest.raises(ValueError, match=r"A legal-only preface goes into a legal-only packet\."):
        services.create_packet(
            organization=organization,
            title="Evidence",
            bates_prefix="EV",
            access="organization",
            language="en",
            user=legal,
            preface=letter(organization, legal),
        )
    assert Packet.objects.count() == 0
