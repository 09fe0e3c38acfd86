"""An organizer composes a contract proposal from the clause library, takes it to the table, records the
employer's counter, and exports it as a signed PDF and as a Word file; then the same pages on a phone."""

import io
import re

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from contracts.models import Proposal, ProposalClause
from power_campaign.documents.api import Document
from tests.browser.conftest import login, menu
from tests.cases.factories import WorksiteFactory
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser

COUNTER = (
    "Acme Poultry will let immigration agents into non-public areas when they present any warrant, and "
    "will call Local 705 afterwards."
)


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


def test_organizer_composes_a_proposal_records_a_counter_and_exports_it(
    live_server, page, organization, shots
):
    organizer = member("organizer", organization, username="rosa", first_name="Rosa")
    site = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    login(page, live_server, "rosa", PASSWORD)

    page.goto(f"{live_server.url}{site.get_absolute_url()}")
    page.get_by_role("link", name="Draft a contract proposal").click()
    page.get_by_label("Title").fill("First contract")
    page.get_by_label("Bargaining unit").fill("Production workers")
    page.get_by_label("Union", exact=True).fill("Local 705")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Add clauses from the library")
    page.get_by_label("Search the clauses").fill("juez")
    page.get_by_role("button", name="Search").click()
    page.get_by_label(re.compile(r"^Immigration agents at the workplace")).check()
    page.get_by_label("Heading of the new article (English)").fill("Immigration enforcement")
    page.get_by_role("button", name="Add to the proposal").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("First contract")
    expect(page.get_by_role("heading", name="Article 1. Immigration enforcement")).to_be_visible()
    page.get_by_role("button", name="Open bargaining").click()
    expect(page.locator(".badge").first).to_have_text("At the table")

    page.get_by_role("link", name="1.1 Immigration agents at the workplace").click()
    page.get_by_label("Where it stands", exact=True).select_option(label="Employer counter")
    page.get_by_label("The employer's counter").fill(COUNTER)
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".badge").first).to_have_text("Employer counter")
    expect(page.locator(".counter del").first).to_have_text("not")
    expect(page.locator(".counter ins").first).to_have_text("non-public areas when they present")
    page.screenshot(timeout=60_000, path=shots / "contract-clause-counter.png", full_page=True)
    pc = ProposalClause.objects.get()
    assert (pc.status, pc.counter_text) == ("countered", COUNTER)

    page.get_by_role("link", name="First contract").click()
    page.locator("#pdf-language").select_option("both")
    page.get_by_role("button", name="Sign and save a PDF").click()
    expect(page.locator(".message-success")).to_contain_text("Version 1 of the PDF is signed and saved.")
    document = Document.objects.get()
    with document.file.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.split())
    assert "Acme Poultry will not let immigration agents" in text
    assert "Acme Poultry no dejará entrar a agentes de inmigración" in text

    page.locator("#docx-language").select_option("en")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download a Word file").click()
    download = download_info.value
    assert download.suggested_filename == "contract-proposal-acme-poultry-en.docx"
    paragraphs = [p.text for p in docx.Document(download.path()).paragraphs]
    assert paragraphs[:4] == [
        "Contract proposal: Acme Poultry",
        "Between Acme Poultry and Local 705. Bargaining unit: Production workers.",
        "Article 1. Immigration enforcement",
        "1.1 Immigration agents at the workplace",
    ]
    assert paragraphs[4].startswith("Acme Poultry will not let immigration agents")
    assert Proposal.objects.get().status == Proposal.Status.BARGAINING


def test_contract_pages_fit_a_phone_in_spanish(live_server, phone, organization, shots):
    organizer = member("organizer", organization, username="maria", language="es")
    site = WorksiteFactory(
        organization=organization, employer_name="Empacadora Sol Naciente", created_by=organizer
    )
    login(phone, live_server, "maria", PASSWORD)

    menu(phone).get_by_role("link", name="Biblioteca de cláusulas", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Biblioteca de cláusulas")
    no_sideways_scroll(phone)
    phone.get_by_role("link", name="Agentes de inmigración en el lugar de trabajo").click()
    no_sideways_scroll(phone)

    phone.goto(f"{live_server.url}/contracts/worksite/{site.uuid}/new/")
    phone.get_by_role("button", name="Guardar").click()
    no_sideways_scroll(phone)
    phone.get_by_label(re.compile(r"^Agentes de inmigración en el lugar de trabajo")).check()
    phone.get_by_role("button", name="Añadir a la propuesta").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Propuesta de contrato")
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "contract-proposal-phone-es.png", full_page=True)
    phone.get_by_role("link", name="1.1 Agentes de inmigración en el lugar de trabajo").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Agentes de inmigración en el lugar de trabajo"
    )
    no_sideways_scroll(phone)

    phone.goto(f"{live_server.url}/contracts/adoption/")
    no_sideways_scroll(phone)
