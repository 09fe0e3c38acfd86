"""The one upload inspector (power_campaign/uploads.py): the type from the content, one image opener with
one pixel limit (settings.UPLOAD_MAX_IMAGE_PIXELS), the same messages for evidence and for exhibits."""

import struct
import zlib

import pytest
from PIL import ImageFile

from cases.evidence import EvidenceError, add_evidence
from power_campaign.documents.packets import ExhibitError, inspect_upload
from power_campaign.uploads import Sniffed, UploadError, check_image, open_image, sniff
from tests.cases.factories import IncidentFactory
from tests.factories import jpeg, png, upload
from tests.test_settings import run_manage


def png_header(width, height):
    """A PNG that announces `width` by `height` pixels and holds none: enough for the size check."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", Sniffed("photo", "image/jpeg")),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Sniffed("photo", "image/png")),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", Sniffed("photo", "image/webp")),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", Sniffed("photo", "image/heic")),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", Sniffed("pdf", "application/pdf")),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", Sniffed("audio", "audio/mpeg")),
        (b"\xff\xfb\x90\x00", Sniffed("audio", "audio/mpeg")),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", Sniffed("audio", "audio/wav")),
        (b"OggS\x00\x02\x00\x00", Sniffed("audio", "audio/ogg")),
        (b"fLaC\x00\x00\x00\x22", Sniffed("audio", "audio/flac")),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", Sniffed("audio", "audio/mp4")),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", Sniffed("video", "video/quicktime")),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00", Sniffed("video", "video/mp4")),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", Sniffed("video", "video/webm")),
        (b"PK\x03\x04\x14\x00\x00\x00", Sniffed("archive", "application/zip")),
        (b"\x1f\x8b\x08\x00\x00\x00", Sniffed("archive", "application/gzip")),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", Sniffed("archive", "application/x-7z-compressed")),
        (b"Rar!\x1a\x07\x01\x00", Sniffed("archive", "application/vnd.rar")),
        (b"BZh91AY&SY", Sniffed("archive", "application/x-bzip2")),
    ],
)
def test_sniff_tells_the_type_from_the_first_bytes(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize("head", [b"", b"hello world", b"MZ\x90\x00\x03\x00\x00\x00", b"<html><body>"])
def test_sniff_returns_none_for_anything_else(head):
    assert sniff(head) is None


def test_open_image_gives_the_image_within_the_limit(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000

    with open_image(png(1000, 1000), "scan.png") as image:
        assert (image.format, image.size) == ("PNG", (1000, 1000))


@pytest.mark.parametrize(
    ("limit", "size", "message"),
    [
        (
            1_000_000,
            (1000, 1001),
            "scan.png: the image is too large (1000 × 1001 pixels; the limit is 1 million).",
        ),
        (
            1_500_000,
            (1500, 1001),
            "scan.png: the image is too large (1500 × 1001 pixels; the limit is 1.5 million).",
        ),
    ],
)
def test_open_image_refuses_more_pixels_than_the_setting_allows(settings, limit, size, message):
    settings.UPLOAD_MAX_IMAGE_PIXELS = limit

    with pytest.raises(UploadError) as error, open_image(png(*size), "scan.png"):
        pass

    assert str(error.value) == message


def test_open_image_refuses_a_decompression_bomb_as_too_large():
    with pytest.raises(UploadError) as error, open_image(png_header(20_000, 20_000), "bomb.png"):
        pass

    assert str(error.value) == "bomb.png: the image is too large (more than 50 million pixels)."


@pytest.mark.parametrize(
    "data",
    [jpeg()[:200], b"\xff\xd8\xff\xe0" + b"\x00" * 100, png()[:45], b"\x89PNG\r\n\x1a\n"],
    ids=["truncated-jpeg", "jpeg-header-only", "truncated-png", "png-signature-only"],
)
def test_check_image_refuses_a_damaged_image_naming_the_file(data):
    with pytest.raises(UploadError) as error:
        check_image(data, "photo.jpg")

    assert str(error.value) == "photo.jpg: the image is damaged or cannot be read."


def test_check_image_accepts_a_whole_image():
    assert check_image(jpeg(), "photo.jpg") is None


@pytest.mark.django_db
def test_evidence_and_exhibits_share_the_pixel_limit_and_its_message(settings, organizer):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000
    data = png(1000, 1001)
    message = "scan.png: the image is too large (1000 × 1001 pixels; the limit is 1 million)."
    incident = IncidentFactory(created_by=organizer)

    with pytest.raises(EvidenceError) as evidence_error:
        add_evidence(incident=incident, upload=upload("scan.png", data), description="", user=organizer)
    with pytest.raises(ExhibitError) as exhibit_error:
        inspect_upload("scan.png", data)

    assert (str(evidence_error.value), str(exhibit_error.value)) == (message, message)
    assert isinstance(evidence_error.value, UploadError)
    assert isinstance(exhibit_error.value, UploadError)


@pytest.mark.django_db
def test_evidence_and_exhibits_share_the_damaged_image_message(organizer):
    data = jpeg()[:200]
    incident = IncidentFactory(created_by=organizer)

    with pytest.raises(EvidenceError) as evidence_error:
        add_evidence(incident=incident, upload=upload("photo.jpg", data), description="", user=organizer)
    with pytest.raises(ExhibitError) as exhibit_error:
        inspect_upload("photo.jpg", data)

    message = "photo.jpg: the image is damaged or cannot be read."
    assert (str(evidence_error.value), str(exhibit_error.value)) == (message, message)


@pytest.mark.django_db
def test_evidence_refuses_an_archive_the_sniffer_recognises(organizer):
    incident = IncidentFactory(created_by=organizer)

    with pytest.raises(EvidenceError) as error:
        add_evidence(
            incident=incident,
            upload=upload("photos.zip", b"PK\x03\x04" + b"\0" * 40),
            description="",
            user=organizer,
        )

    assert str(error.value) == (
        "photos.zip is not a photo, PDF, audio or video file (its content was checked, not its name)."
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [("voice.mp3", b"ID3\x04" + b"\0" * 40), ("photo.webp", b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 20)],
)
def test_exhibits_accept_only_pdf_jpeg_and_png_from_the_sniffer(name, data):
    with pytest.raises(ExhibitError) as error:
        inspect_upload(name, data)

    assert str(error.value) == f"{name}: only PDF, JPEG and PNG files can be exhibits."


@pytest.mark.parametrize("value", ["10", "200000000"])
def test_upload_max_image_pixels_out_of_range_stops_the_start(tmp_path, value):
    result = run_manage(tmp_path, "check", UPLOAD_MAX_IMAGE_PIXELS=value)

    assert result.returncode == 1
    assert (
        f"UPLOAD_MAX_IMAGE_PIXELS must be a number of pixels from 1000000 to 178956970 (it is {value})."
        in result.stderr
    )


def test_check_image_refuses_a_cut_short_image_even_when_pillow_is_told_to_pad_it(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does

    with pytest.raises(UploadError) as error:
        check_image(png()[:45], "scan.png")

    assert str(error.value) == "scan.png: the image is damaged or cannot be read."
