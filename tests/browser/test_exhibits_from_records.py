"""Legal staff build a packet from records already in the desk: a photo from its evidence page, a
statement from its incident page and the printed chronology from its page. The ZIP's manifest names
who uploaded each piece of evidence (the organizer) and the records they came from; the photo in it
carries no location data."""

import io
import json
import re
import zipfile

import pytest
from PIL import Image
from playwright.sync_api import expect

from cases.evidence import add_evidence
from cases.models import IncidentType
from tests.browser.conftest import login
from tests.cases.factories import IncidentFactory, ProtectedActivityFactory, WorksiteFactory
from tests.factories import PASSWORD, simple_pdf, upload

pytestmark = pytest.mark.browser

GPS = 0x8825
PACKET_URL = re.compile(r"/documents/packets/([0-9a-f-]{36})/$")


def photo_with_gps():
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 10.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "#c0392b").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.fixture
def records(organization, organizer):
    """What organizers recorded at the worksite: protected activity, a firing with a photo and a statement."""
    worksite = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    ProtectedActivityFactory(
        worksite=worksite, created_by=organizer, description="Committee delivered petition"
    )
    incident = IncidentFactory(
        worksite=worksite, created_by=organizer, type=IncidentType.RETALIATION, description="Leader fired"
    )
    photo = add_evidence(
        incident=incident,
        upload=upload("time-clock.jpg", photo_with_gps()),
        description="Time clock",
        user=organizer,
    )
    statement = add_evidence(
        incident=incident,
        upload=upload("statement.pdf", simple_pdf(2)),
        description="Statement",
        user=organizer,
    )
    return worksite, incident, photo, statement


def add_to(page, packet_title):
    """On an "Add to packet" page: choose the draft packet and add."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Add to packet")
    page.get_by_label(re.compile(r"^Packet:?$")).select_option(label=packet_title)
    with page.expect_navigation():
        page.get_by_role("button", name="Add to packet").click()


def test_legal_staff_add_evidence_and_a_chronology_to_a_packet_and_the_manifest_keeps_their_custody(
    live_server, page, legal, records, shots
):
    worksite, incident, photo, statement = records
    login(page, live_server, "legal", PASSWORD)

    # The photo, from its evidence page: a new packet about the worksite.
    page.goto(f"{live_server.url}{photo.get_absolute_url()}")
    page.get_by_role("link", name="Add to packet").click()
    expect(page.get_by_label(re.compile(r"^Packet:?$")).locator("option:checked")).to_have_text(
        "Start a new packet"
    )
    expect(page.get_by_label("Include the original photo with its location (GPS) data")).not_to_be_checked()
    page.screenshot(timeout=60_000, path=shots / "add-to-packet.png", full_page=True)
    page.get_by_label("Title of the new packet").fill("Retaliation at Acme Poultry")
    page.get_by_label("Bates prefix of the new packet").fill("ACME")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to packet").click()
    expect(page).to_have_url(PACKET_URL)
    packet_url = page.url
    expect(page.get_by_role("status")).to_have_text("Added to Retaliation at Acme Poultry as exhibit A.")
    expect(page.get_by_text("Subject of the packet: Acme Poultry (Chicago, IL)")).to_be_visible()

    # The statement, from the incident page.
    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    page.locator("li", has_text="statement.pdf").get_by_role("link", name="Add to packet").click()
    add_to(page, "Retaliation at Acme Poultry")
    expect(page.get_by_role("status")).to_have_text("Added to Retaliation at Acme Poultry as exhibit B.")

    # The chronology: printed, then its latest version added from the chronology page.
    page.goto(f"{live_server.url}{worksite.get_absolute_url()}chronology/")
    with page.expect_navigation():
        page.get_by_role("button", name="Print as a signed exhibit (PDF)").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 of the chronology is signed and saved.")
    page.get_by_role("region", name="Printed versions").get_by_role("link", name="Add to packet").click()
    add_to(page, "Retaliation at Acme Poultry")
    expect(page.get_by_role("status")).to_have_text("Added to Retaliation at Acme Poultry as exhibit C.")
    assert page.url == packet_url

    # The packet page lists them with the letters the PDF will use, each with its source record.
    rows = page.get_by_role("region", name="Exhibits").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.locator("td:first-child")).to_have_text(["A", "B", "C"])
    expect(rows.nth(0).get_by_role("link", name=re.compile(r"^time-clock\.jpg · "))).to_have_attribute(
        "href", re.compile(rf"{photo.get_absolute_url()}$")
    )
    expect(rows.nth(1).get_by_role("cell").nth(5)).to_contain_text("Ana Torres")
    page.screenshot(timeout=60_000, path=shots / "packet-from-records.png", full_page=True)

    with page.expect_navigation():
        page.get_by_role("button", name="Generate the packet").click()
    expect(page.locator("#packet-status").get_by_role("heading", level=2)).to_have_text(
        "Status: Ready", timeout=20_000
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the ZIP archive", exact=True).click()
    with zipfile.ZipFile(download_info.value.path()) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        archived_photo = bundle.read(manifest["files"][0]["path"])

    assert [(f["exhibit"], f["source"], f["uploaded_by"]) for f in manifest["files"]] == [
        ("A", f"cases.evidence:{photo.uuid}", "organizer"),
        ("B", f"cases.evidence:{statement.uuid}", "organizer"),
        ("C", manifest["files"][2]["source"], "legal"),  # legal staff printed the chronology
    ]
    assert manifest["files"][2]["source"].startswith("documents.document:")
    assert [f["sha256_at_upload"] == f["sha256"] for f in manifest["files"]] == [True, True, True]
    assert manifest["files"][0]["sha256"] == photo.shown_sha256
    assert manifest["files"][1]["sha256"] == statement.sha256
    with Image.open(io.BytesIO(archived_photo)) as image:
        assert dict(image.getexif().get_ifd(GPS)) == {}
