"""Legal staff on a phone: a referral from an incident becomes a U-visa case, the intake is saved step by
step, the case is screened and a certification request is drafted and sent, the packet for the agency is
completed, exported and verified; every page fits 390 px."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, menu, sign_out
from tests.browser.test_packets import pdf_text_pages
from tests.cases.factories import IncidentFactory, ReferralFactory, WorksiteFactory
from tests.factories import PASSWORD, member
from uvisa.models import CertificationRequest, ClientCase

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


def test_referral_becomes_a_screened_case_with_a_request_sent_and_its_packet_exported(
    live_server, phone, organization, shots
):
    legal = member("legal", organization, username="lucia", first_name="Lucía")
    organizer = member("organizer", organization)
    site = WorksiteFactory(
        organization=organization, employer_name="Empacadora Sol Naciente", state="IL", created_by=organizer
    )
    incident = IncidentFactory(worksite=site, type="immigration_threat", created_by=organizer)
    ReferralFactory(incident=incident, referred_by=organizer)
    login(phone, live_server, "lucia", PASSWORD)

    menu(phone).get_by_role("link", name="Referrals", exact=True).click()
    phone.get_by_role("link", name=re.compile(r"^Open the referral")).first.click()
    phone.get_by_role("link", name="Open a U-visa case").click()
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Open the case").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Intake: Client")
    phone.locator("#id_client_name").fill("María Hernández")
    phone.locator("#id_date_of_birth").fill("1990-05-04")
    phone.locator("#id_safe_contact").fill("Text only, after 6 p.m.")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Intake: Harm")
    phone.get_by_label("Threats of violence or of immigration consequences").check()
    phone.locator("#id_harm_narrative").fill("The supervisor said he would call ICE on her.")
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Intake: Helpfulness")
    no_sideways_scroll(phone)

    case = ClientCase.objects.get()
    assert (case.client_name, case.intake_saved) == ("María Hernández", ["client", "harm"])
    assert list(case.incidents.all()) == [incident]

    phone.goto(f"{live_server.url}{case.get_absolute_url()}")
    no_sideways_scroll(phone)
    phone.get_by_role("link", name="Screening", exact=True).click()
    phone.locator("#id_activity").select_option(label="Extortion")
    phone.locator("#id_notes").fill("Demanded the wage claim be dropped")
    phone.get_by_role("button", name="Add", exact=True).click()
    expect(phone.get_by_text("Activity added.")).to_be_visible()
    for name in ("harm", "information", "helpfulness", "jurisdiction"):
        phone.locator(f'input[name="{name}"][value="met"]').check()
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Screening saved.")).to_be_visible()
    expect(phone.get_by_text("U.S. Department of Labor, Wage and Hour Division (WHD)").first).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "uvisa-screening-phone.png", full_page=True)

    phone.get_by_role("link", name="Request a certification").click()
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Wage and Hour Division")
    phone.get_by_role("link", name="Record the sending").click()
    phone.locator("#id_sent_on").fill(datetime.date.today().isoformat())
    phone.locator("#id_method").select_option("email")
    phone.locator("#id_agency_case_number").fill("WHD-1234")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator("dl .badge").first).to_have_text("Sent")
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "uvisa-request-phone.png", full_page=True)

    cert_request = CertificationRequest.objects.get()
    assert (cert_request.agency.code, cert_request.status, cert_request.agency_case_number) == (
        "dol_whd",
        "sent",
        "WHD-1234",
    )
    assert list(cert_request.activities.values_list("code", flat=True)) == ["extortion"]
    assert cert_request.case.assignments.get().user == legal

    # The packet for the agency: refused until the victim information sheet and the declaration are done.
    phone.get_by_role("link", name="Packet for this agency").click()
    no_sideways_scroll(phone)
    expect(phone.locator("ul.completeness li")).to_have_text(
        [
            "Other names used: Blank: give a value, or N/A, None or Unknown.",
            "A-number: Blank: give a value, or N/A, None or Unknown.",
            "Gender: Blank: give a value, or N/A, None or Unknown.",
            "Declaration: Not written yet.",
        ]
    )
    expect(phone.get_by_role("button", name="Export the packet")).to_be_disabled()
    phone.get_by_role("link", name="Gender").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Victim information (Form I-918 Supplement B, Part 1)"
    )
    no_sideways_scroll(phone)
    phone.locator("#id_gender").fill("Female")
    phone.locator("#id_other_names_answer").select_option("None")
    phone.locator("#id_a_number_answer").select_option("N/A")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Every field is complete.")).to_be_visible()

    phone.goto(f"{live_server.url}{case.get_absolute_url()}")
    phone.get_by_role("link", name="Declaration", exact=True).click()
    no_sideways_scroll(phone)
    expect(phone.locator("#id_language")).to_have_value("Spanish")
    phone.locator("#id_text").fill("El supervisor dijo que iba a llamar a ICE.")
    phone.locator("#id_signed_on").fill(datetime.date.today().isoformat())
    phone.locator("#id_translation").fill("The supervisor said he was going to call ICE.")
    phone.locator("#id_translator_name").fill("Ana Torres")
    phone.locator("#id_translator_languages").fill("Spanish to English")
    phone.locator("#id_competence").fill("I am fluent in Spanish and English.")
    phone.locator("#id_translated_on").fill(datetime.date.today().isoformat())
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Declaration saved.")).to_be_visible()

    phone.goto(f"{live_server.url}{cert_request.get_absolute_url()}")
    phone.get_by_role("link", name="Packet for this agency").click()
    expect(phone.get_by_text("Every field of the victim information sheet is complete")).to_be_visible()
    phone.get_by_role("button", name="Export the packet").click()
    download_pdf = phone.get_by_role("link", name="Download the signed PDF", exact=True)
    expect(download_pdf).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "uvisa-packet-phone.png", full_page=True)
    with phone.expect_download() as download_info:
        download_pdf.click()
    signed = download_info.value.path().read_bytes()
    prefix = f"UV{case.code}"
    pages = pdf_text_pages(signed)
    assert len(pages) >= 10  # cover, index, and a separator and at least one page for each of four parts
    for number, text in enumerate(pages, start=1):
        assert f"{prefix}-{number:06d}" in text, f"page {number} has no Bates number"
        assert "Confidential: 8 U.S.C. 1367" in text, f"page {number} is not marked"

    # Anyone can check the file on the public page.
    sign_out(phone)
    phone.goto(f"{live_server.url}/verify/")
    phone.get_by_label("PDF to check").set_input_files(
        {"name": "packet.pdf", "mimeType": "application/pdf", "buffer": signed}
    )
    with phone.expect_navigation():
        phone.get_by_role("button", name="Verify").click()
    expect(phone.locator("#verification-result p.message")).to_have_text(
        "Valid signature of this organization. The document has not been modified since it was signed."
    )
