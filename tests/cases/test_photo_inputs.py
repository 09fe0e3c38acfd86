"""Photos under bad input, through the real views: malformed EXIF never costs a 500 or the incident the
organizer typed; the shown copy carries pixels only; a packet page made from a photo carries no metadata."""

import io

import pytest
from django.urls import reverse
from PIL import ExifTags, Image
from pypdf import PdfWriter

from cases.models import Evidence, Incident
from power_campaign.documents import packets
from tests.cases import photo_samples as samples
from tests.cases.factories import IncidentFactory
from tests.factories import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

QUICK = {
    "type": "wage_theft",
    "occurred_at": "2026-03-19T08:15",
    "place": "Loading dock",
    "description": "Paid for 30 of 46 hours; the supervisor said not to complain.",
}
SECRETS = [
    b"Acme Phone",
    b"Model 9",
    b"XmpCam",
    b"Jane",
    b"IptcPers",
    b"thumbnail comment",
    b"the dock",
    b"R98",
]


@pytest.fixture
def incident(site):
    return IncidentFactory(worksite=site)


def quick_incident(client, site, photo):
    return client.post(reverse("cases:incident_create", args=[site.uuid]), {**QUICK, "photo": photo})


def shown_bytes(evidence):
    with evidence.shown_file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("case", sorted(samples.MALFORMED_EXIF))
def test_a_photo_with_malformed_exif_is_logged_with_its_incident(client, organizer, site, case):
    data = samples.jpeg_with_exif(samples.MALFORMED_EXIF[case])
    client.force_login(organizer)

    response = quick_incident(client, site, upload("IMG_0001.jpg", data))

    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == incident.get_absolute_url()
    evidence = Evidence.objects.get()
    assert (evidence.incident, evidence.content_type, evidence.file.read()) == (incident, "image/jpeg", data)
    shown = Image.open(io.BytesIO(shown_bytes(evidence)))
    assert dict(shown.getexif()) == {}
    assert sorted(shown.size) == [48, 64]


@pytest.mark.parametrize("case", sorted(samples.MALFORMED_EXIF))
def test_a_photo_with_malformed_exif_is_added_as_evidence(client, organizer, incident, case):
    data = samples.jpeg_with_exif(samples.MALFORMED_EXIF[case])
    client.force_login(organizer)
    url = reverse("cases:evidence_add", args=[incident.uuid])

    response = client.post(url, {"file": upload("p.jpg", data)})

    assert response.status_code == 302
    assert Evidence.objects.get().sha256 != ""


def test_orientation_is_applied_when_it_is_well_formed(client, organizer, incident):
    data = samples.jpeg_with_exif(samples.tiff([samples.entry(samples.ORIENTATION, samples.SHORT, 1, 6)]))
    client.force_login(organizer)

    client.post(reverse("cases:evidence_add", args=[incident.uuid]), {"file": upload("p.jpg", data)})

    assert Image.open(io.BytesIO(shown_bytes(Evidence.objects.get()))).size == (48, 64)


@pytest.mark.parametrize("every", [3, 17, 101, 397])
@pytest.mark.parametrize("kind", ["exif", "everything"])
def test_a_bit_flipped_photo_is_accepted_or_refused_by_name_and_the_incident_kept(
    client, organizer, site, every, kind
):
    from tests.documents.broken_pdfs import bit_flipped

    original = (
        samples.jpeg_with_exif(samples.MALFORMED_EXIF["exif ifd pointing back at ifd0"])
        if kind == "exif"
        else samples.jpeg_with_everything()
    )
    data = bit_flipped(original, every)
    client.force_login(organizer)

    response = quick_incident(client, site, upload("flipped.jpg", data))

    if response.status_code == 302:
        assert Evidence.objects.get().file.read() == data
    else:
        assert response.status_code == 200
        assert [error.split(":")[0].split(" ")[0] for error in response.context["form"].errors["photo"]] == [
            "flipped.jpg"
        ]
        assert (Incident.objects.count(), Evidence.objects.count()) == (0, 0)
        assert response.context["form"].data["description"] == QUICK["description"]


def test_a_photo_that_cannot_be_decoded_keeps_what_the_organizer_typed(client, organizer, site):
    data = samples.jpeg_with_everything(size=(640, 480))[:-400]
    client.force_login(organizer)

    response = quick_incident(client, site, upload("cut.jpg", data))

    assert response.status_code == 200
    assert response.context["form"].errors == {"photo": ["cut.jpg: the image is damaged or cannot be read."]}
    html = response.content.decode()
    assert "Paid for 30 of 46 hours; the supervisor said not to complain.</textarea>" in html
    assert 'value="Loading dock"' in html
    assert 'value="2026-03-19T08:15"' in html
    assert (Incident.objects.count(), Evidence.objects.count()) == (0, 0)


# The shown copy: pixels only


def test_shown_copy_of_a_jpeg_has_no_metadata_block(client, organizer, incident):
    data = samples.jpeg_with_everything()
    original = Image.open(io.BytesIO(data))
    exif = original.getexif()
    assert sorted(original.info) == sorted(
        ["photoshop", "jfif", "jfif_version", "jfif_unit", "jfif_density", "exif", "xmp", "comment", "icc_profile", "dpi"]  # noqa: E501
    )
    assert (exif[samples.MAKE], exif.get_ifd(ExifTags.IFD.IFD1) != {}) == ("Acme Phone", True)
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) != {} and exif.get_ifd(ExifTags.IFD.Interop) == {1: "R98"}
    client.force_login(organizer)

    client.post(reverse("cases:evidence_add", args=[incident.uuid]), {"file": upload("dock.jpg", data)})

    shown = shown_bytes(Evidence.objects.get())
    assert samples.jpeg_markers(shown)[0] == 0xE0  # JFIF only: no APP1 (EXIF, XMP), APP2 (ICC), APP13, COM
    assert [m for m in samples.jpeg_markers(shown) if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert [secret for secret in SECRETS if secret in shown] == []
    image = Image.open(io.BytesIO(shown))
    assert sorted(image.info) == ["jfif", "jfif_density", "jfif_unit", "jfif_version"]
    assert dict(image.getexif()) == {}
    assert image.size == (48, 64)  # orientation 6 applied before the tags went


@pytest.mark.parametrize(
    ("name", "make"), [("dock.png", samples.png_with_everything), ("dock.webp", samples.webp_with_everything)]
)
def test_shown_copy_of_a_png_or_webp_has_only_image_chunks(client, organizer, incident, name, make):
    data = make()
    assert Image.open(io.BytesIO(data)).getexif()[samples.MAKE] == "Acme Phone"
    client.force_login(organizer)

    client.post(reverse("cases:evidence_add", args=[incident.uuid]), {"file": upload(name, data)})

    shown = shown_bytes(Evidence.objects.get())
    assert sorted(set(samples.png_chunks(shown))) == ["IDAT", "IEND", "IHDR"]
    assert [secret for secret in SECRETS if secret in shown] == []
    assert Image.open(io.BytesIO(shown)).size == (48, 64)


@pytest.mark.parametrize(
    "make", [samples.jpeg_with_everything, samples.png_with_everything, samples.webp_with_everything]
)
def test_a_packet_page_made_from_a_photo_carries_no_metadata(make):
    page = packets._image_page(make(), "dock")
    writer = PdfWriter()
    writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()

    assert [secret for secret in SECRETS if secret in pdf] == []
    assert b"<x:xmpmeta" not in pdf
    assert b"Exif\0\0" not in pdf
