"""A legal staff member builds an exhibit packet, watches it being generated, downloads it and checks
it on the public verification page; the packet page on a phone."""

import io
import json
import re
import threading
import zipfile

import pytest
from django.core.management import call_command
from django.db import connections
from django_tasks_db.management.commands import db_worker
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import login, menu, sign_out
from tests.factories import PASSWORD, jpeg, simple_pdf

pytestmark = pytest.mark.browser

PACKET_URL = re.compile(r"/documents/packets/([0-9a-f-]{36})/$")


def create_packet(page, live_server, title="Wage theft evidence"):
    """From any signed-in page: Packets in the menu, the new packet form; return the packet's uuid."""
    menu(page).get_by_role("link", name="Packets", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/documents/packets/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exhibit packets")
    # The only organization of the user is chosen already.
    expect(page.get_by_label("Organization").locator("option:checked")).to_have_text("Local 12")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Bates prefix").fill("EVID")
    page.get_by_label("Who may open it").select_option(label="Legal staff only")
    page.get_by_label("Language of the cover and index").select_option(label="English")
    with page.expect_navigation():
        page.get_by_role("button", name="Create packet").click()
    expect(page).to_have_url(PACKET_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Local 12 · Bates prefix EVID · Legal staff only", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Status: Draft: add exhibits")).to_be_visible()
    return PACKET_URL.search(page.url)[1]


def upload_exhibit(page, path, description):
    page.get_by_label("File (PDF, JPEG or PNG)").set_input_files(path)
    page.get_by_label("Description").fill(description)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()


def exhibit_rows(page):
    return page.get_by_role("region", name="Exhibits").locator("tbody tr")


def add_two_exhibits(page, tmp_path):
    statement = tmp_path / "statement.pdf"
    statement.write_bytes(simple_pdf(2))
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg())

    upload_exhibit(page, statement, "Signed statement")
    expect(page.get_by_role("status")).to_have_text("Exhibit added.")
    upload_exhibit(page, photo, "Photo of the time clock")
    expect(page.get_by_role("status")).to_have_text("Exhibit added.")

    rows = exhibit_rows(page)
    expect(rows).to_have_count(2)
    expect(rows.nth(0).get_by_role("cell").nth(1)).to_have_text("Signed statement")
    expect(rows.nth(0).get_by_role("link")).to_have_text("statement.pdf")
    expect(rows.nth(0).get_by_role("cell").nth(3)).to_have_text("2")
    expect(rows.nth(1).get_by_role("cell").nth(1)).to_have_text("Photo of the time clock")
    expect(rows.nth(1).get_by_role("link")).to_have_text("photo.jpg")
    expect(rows.nth(1).get_by_role("cell").nth(3)).to_have_text("1")


class Worker(threading.Thread):
    """`manage.py db_worker --batch` in a background thread, closing its database connections at the end.

    The command installs signal handlers, which Python allows only in the main thread ("ValueError:
    signal only works in main thread"): start() needs `monkeypatch` to skip that step for the run.
    """

    def __init__(self):
        super().__init__(name="db_worker", daemon=True)
        self.error = None

    def run(self):
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        except BaseException as error:  # re-raised in the test by finish()
            self.error = error
        finally:
            connections.close_all()

    def start(self, monkeypatch):
        monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)
        super().start()

    def finish(self, timeout=30):
        self.join(timeout)
        assert not self.is_alive(), "the task worker did not finish"
        if self.error:
            raise self.error


def pdf_text_pages(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_legal_staff_generate_a_packet_download_it_and_verify_it(
    live_server, page, legal, settings, monkeypatch, tmp_path
):
    # The packet waits for the worker instead of being built during the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    login(page, live_server, "legal", PASSWORD)
    packet_uuid = create_packet(page, live_server)
    packet_url = page.url

    add_two_exhibits(page, tmp_path)

    # A text file named .pdf is refused with the reason, and nothing uploaded before is lost.
    fake = tmp_path / "notes.pdf"
    fake.write_bytes(b"Just some notes, not a PDF.\n")
    upload_exhibit(page, fake, "Notes")
    expect(page.locator("#id_file_error")).to_have_text(
        "notes.pdf: the name ends in .pdf but the file is not a PDF."
    )
    expect(page.get_by_label("Description")).to_have_value("Notes")
    rows = exhibit_rows(page)
    expect(rows).to_have_count(2)
    expect(rows.get_by_role("link")).to_have_text(["statement.pdf", "photo.jpg"])

    # Generate: the page says it waits, with a progress bar, and polls for the status by itself.
    with page.expect_navigation():
        page.get_by_role("button", name="Generate the packet").click()
    expect(page).to_have_url(packet_url)
    status = page.locator("#packet-status")
    expect(status.get_by_role("heading", level=2)).to_have_text("Status: Waiting to be generated")
    expect(status).to_have_attribute("hx-get", f"/documents/packets/{packet_uuid}/status/")
    expect(status).to_have_attribute("hx-trigger", "every 1s")
    progress = page.get_by_label("Progress", exact=True)
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("max", "100")
    expect(progress).to_have_attribute("value", "0")
    expect(page.get_by_role("button", name="Generate the packet")).to_have_count(0)
    expect(page.get_by_role("button", name="Upload")).to_have_count(0)
    page.evaluate("window.stillTheSamePage = true")

    worker = Worker()
    worker.start(monkeypatch)
    try:
        expect(status.get_by_role("heading", level=2)).to_have_text("Status: Ready", timeout=20_000)
    finally:
        worker.finish()
    download_pdf = page.get_by_role("link", name="Download the signed PDF", exact=True)
    download_zip = page.get_by_role("link", name="Download the ZIP archive", exact=True)
    expect(download_pdf).to_be_visible()
    expect(download_zip).to_be_visible()
    expect(page.get_by_label("Progress", exact=True)).to_have_count(0)
    expect(status).not_to_have_attribute("hx-get", re.compile(r".*"))  # the polling stopped
    assert page.url == packet_url
    assert page.evaluate("window.stillTheSamePage") is True, "the page was reloaded"

    # The signed PDF: its name, a PDF, a Bates number on every page.
    with page.expect_download() as download_info:
        download_pdf.click()
    download = download_info.value
    assert download.suggested_filename == f"exhibit-packet-{packet_uuid[:8]}-v1.pdf"
    signed = download.path().read_bytes()
    assert signed.startswith(b"%PDF")
    pages = pdf_text_pages(signed)
    assert len(pages) >= 6  # cover and index, a separator per exhibit, 2 + 1 exhibit pages
    for number, text in enumerate(pages, start=1):
        assert f"EVID-{number:06d}" in text, f"page {number} has no Bates number EVID-{number:06d}"
    expect(status.get_by_text(f"{len(pages)} pages, signed.", exact=True)).to_be_visible()

    # The ZIP: the same signed PDF, the originals and the manifests.
    with page.expect_download() as download_info:
        download_zip.click()
    archive = download_info.value
    assert archive.suggested_filename == f"packet-EVID-{packet_uuid[:8]}.zip"
    with zipfile.ZipFile(archive.path()) as bundle:
        assert bundle.namelist() == [
            "packet-EVID.pdf",
            "packet-EVID.pdf.sha256",
            "exhibits/A-statement.pdf",
            "exhibits/B-photo.jpg",
            "manifest.json",
            "manifest.csv",
        ]
        assert bundle.read("packet-EVID.pdf") == signed
        manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["packet"]["id"] == packet_uuid
    assert [row["original_name"] for row in manifest["files"]] == ["statement.pdf", "photo.jpg"]

    # Anyone can check the file on the public page.
    sign_out(page)
    page.goto(f"{live_server.url}/verify/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify a document")
    result = page.locator("#verification-result")

    def verify(name, data):
        page.get_by_label("PDF to check").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": data}
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Verify").click()
        expect(result.get_by_role("heading", level=2)).to_have_text("Result")

    verify("packet.pdf", signed)
    expect(result.locator("p.message")).to_have_text(
        "Valid signature of this organization. The document has not been modified since it was signed."
    )
    expect(result.locator("dt")).to_have_text(["Matching record", "Document ID", "Date", "Version"])
    expect(result.locator("dt:text-is('Document ID') + dd")).to_have_text(packet_uuid)
    expect(result.locator("dt:text-is('Version') + dd")).to_have_text("1")

    # One byte changed inside the signed bytes (a page's /MediaBox key, in the middle of the file).
    tampered = bytearray(signed)
    boxes = [match.start() for match in re.finditer(rb"/MediaBox", signed)]
    position = boxes[len(boxes) // 2] + 1
    assert tampered[position : position + 1] == b"M"
    tampered[position] = ord("m")
    verify("packet-changed.pdf", bytes(tampered))
    expect(result.locator("p.message")).to_have_text(
        "This document was modified after it was signed. Do not rely on it."
    )
    no_record = "No document with exactly this content is on record."
    expect(result.get_by_text(no_record, exact=True)).to_be_visible()
    expect(result.locator("dl")).to_have_count(0)


def test_packet_page_fits_a_phone(live_server, phone, legal, tmp_path, shots):
    login(phone, live_server, "legal", PASSWORD)
    create_packet(phone, live_server)
    add_two_exhibits(phone, tmp_path)

    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"the packet page scrolls sideways on a 390px phone ({scroll_width}px wide)"
    expect(phone.get_by_role("button", name="Generate the packet")).to_be_visible()
    phone.screenshot(timeout=60_000, path=shots / "packet-phone-test.png", full_page=True)
