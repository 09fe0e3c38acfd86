"""An agreement's whole life, as people live it: an organizer drafts it, an administrator asks for changes,
the organizer edits it, the administrator approves it and sends it for signature; the union's president signs
on a computer with the mouse, the employer's manager on a phone with a finger (in Spanish), through the link
in the email; the executed PDF is downloaded and checked as a document."""

import io
import itertools
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from agreements.models import DRAFTING_NOTE, Agreement, SignatureRequest
from tests.agreements.conftest import VALUES
from tests.agreements.signing_helpers import LINK
from tests.browser.conftest import login, sign_out
from tests.cases.factories import WorksiteFactory
from tests.documents.test_signing import pyhanko_status
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser



def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


def link_for(email):
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return LINK.search(message.body)[0]


def submit(button, timeout=30_000):
    """Press a form's button and wait for the page it leads to (generous: the machine may be busy)."""
    with button.page.expect_navigation(timeout=timeout):
        button.click()


def draw_with_mouse(page, canvas):
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + w * 0.1, y + h * 0.7)
    page.mouse.down()
    for fx, fy in ((0.25, 0.2), (0.4, 0.8), (0.55, 0.3), (0.7, 0.75), (0.9, 0.4)):
        page.mouse.move(x + w * fx, y + h * fy, steps=8)
    page.mouse.up()


def draw_with_finger(page, canvas):
    """Touch events as a finger makes them (Chromium turns them into touch pointer events)."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    cdp = page.context.new_cdp_session(page)
    points = [(0.1, 0.5), (0.2, 0.2), (0.35, 0.8), (0.5, 0.25), (0.65, 0.7), (0.85, 0.35)]
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": x + w * 0.1, "y": y + h * 0.5}]},
    )
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        for step in range(1, 9):
            px = x + w * (ax + (bx - ax) * step / 8)
            py = y + h * (ay + (by - ay) * step / 8)
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": px, "y": py}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_an_agreement_from_draft_to_executed_pdf(
    live_server, browser, page, phone, organization, shots
):
    organizer = member("organizer", organization, username="maria", first_name="María")
    member("admin", organization, username="alex", first_name="Alex")
    WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)

    # The organizer drafts the agreement and sends it for review.
    login(page, live_server, "maria", PASSWORD)
    page.get_by_role("link", name="Agreements", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^New agreement for Acme Poultry")).click()
    for name in ("union", "sites", "term_months", "effective_date"):
        page.locator(f"#id_{name}").fill(VALUES[name])
    submit(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Neutrality agreement")
    submit(page.get_by_role("button", name="Send for review"))
    expect(page.locator(".badge").first).to_have_text("In review")
    agreement_url = page.url
    sign_out(page)

    # The administrator asks for a change. The model text's note to the drafters is still in it, and the
    # page says it must go before the agreement can be approved.
    login(page, live_server, "alex", PASSWORD)
    page.goto(agreement_url)
    expect(page.locator(".message-warning")).to_contain_text(
        "This text still holds a note to the drafters (“[Model text: …]”) in 1. Parties, worksites and term."
    )
    page.locator("#id_comment").fill("Delete the note and name the Cicero plant's second shift too.")
    submit(page.get_by_role("button", name="Request changes"))
    expect(page.locator(".badge").first).to_have_text("Changes requested")
    sign_out(page)

    # The organizer edits it and sends it back.
    login(page, live_server, "maria", PASSWORD)
    page.goto(agreement_url)
    page.get_by_role("link", name="Edit").first.click()
    body = page.locator("#id_s0_body_en")
    body.fill(DRAFTING_NOTE.sub("", body.input_value()) + " Both shifts at the Cicero plant are covered.")
    spanish = page.locator("#id_s0_body_es")
    spanish.fill(DRAFTING_NOTE.sub("", spanish.input_value()))
    submit(page.get_by_role("button", name="Save as a new version"))
    submit(page.get_by_role("button", name="Send for review"))
    expect(page.locator(".badge").first).to_have_text("In review")
    sign_out(page)

    # The administrator approves version 2 and sends it for signature.
    login(page, live_server, "alex", PASSWORD)
    page.goto(agreement_url)
    expect(page.locator(".message-warning")).to_have_count(0)
    submit(page.get_by_role("button", name="Approve version 2"))
    expect(page.locator(".badge").first).to_have_text("Approved")
    page.get_by_role("link", name="Send for signature").click()
    page.get_by_label("Union signer: name").fill("Rosa Martínez")
    page.get_by_label("Union signer: title").fill("President, Local 705")
    page.get_by_label("Union signer: email").fill("rosa@local705.example")
    page.get_by_label("Employer signer: name").fill("John Whitfield")
    page.get_by_label("Employer signer: title").fill("Plant manager")
    page.get_by_label("Employer signer: email").fill("jwhitfield@acme.example")
    submit(page.get_by_role("button", name="Send the signing links"))
    expect(page.locator(".badge").first).to_have_text("Out for signature")
    expect(page.locator(".signature-request")).to_have_count(2)
    sign_out(page)
    agreement = Agreement.objects.get()
    assert agreement.approved_version.number == 2

    # The union's president signs on a computer, drawing with the mouse.
    signer = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    desk = signer.new_page()
    desk.goto(link_for("rosa@local705.example"))
    expect(desk.get_by_role("heading", level=1)).to_have_text("Sign the neutrality agreement")
    expect(desk.locator("#text-sha256")).to_have_text(agreement.approved_version.sha256)
    expect(desk.locator(".agreement-text")).to_contain_text("Both shifts at the Cicero plant are covered.")
    desk.get_by_label(re.compile("^I agree to sign this agreement electronically")).check()
    draw_with_mouse(desk, desk.locator("#signature-canvas"))
    submit(desk.get_by_role("button", name="Sign", exact=True))
    expect(desk.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    signer.close()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.PARTIALLY_SIGNED

    # The employer's manager signs on a phone, in Spanish, with a finger.
    phone.goto(link_for("jwhitfield@acme.example"))
    phone.locator("#language-select").select_option("es")
    submit(phone.get_by_role("button", name="Change"))  # the signing page's own language choice
    expect(phone.get_by_role("heading", level=1)).to_have_text("Firmar el acuerdo de neutralidad")
    no_sideways_scroll(phone)
    phone.get_by_label(re.compile("^Acepto firmar este acuerdo electrónicamente")).check()
    phone.get_by_label("Su cargo").fill("Plant manager")
    draw_with_finger(phone, phone.locator("#signature-canvas"))
    assert phone.locator("#id_signature_data").input_value().startswith("data:image/png;base64,")
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "agreement-signing-phone-es.png")
    submit(phone.get_by_role("button", name="Firmar", exact=True))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Gracias por firmar")
    expect(phone.get_by_role("link", name="Descargar el acuerdo firmado (PDF)")).to_be_visible()
    no_sideways_scroll(phone)

    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ACTIVE
    assert [r.signature_kind for r in SignatureRequest.objects.order_by("party")] == ["drawn", "drawn"]

    # Staff download the executed PDF from the agreement's page.
    login(page, live_server, "maria", PASSWORD)
    page.goto(agreement_url)
    expect(page.locator(".badge").first).to_have_text("Active")
    with page.expect_download() as download:
        page.get_by_role("link", name="Executed agreement (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator(".signature-request")).to_have_count(2)
    no_sideways_scroll(page)

    # pyHanko runs its own event loop: not in this thread, where Playwright's runs.
    with ThreadPoolExecutor(1) as pool:
        status = pool.submit(pyhanko_status, data).result()
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Rosa Martínez" in text and "John Whitfield" in text
    assert "Certificate of completion" in text
    assert agreement.approved_version.sha256[:40] in text.replace("\n", "")
    pages = reader.pages
    signature_pages = [i for i, p in enumerate(pages) if "for the employer" in p.extract_text().lower()]
    images = {
        ref.idnum
        for i in signature_pages
        for ref in (reader.pages[i]["/Resources"].get("/XObject") or {}).values()
        if ref.get_object()["/Subtype"] == "/Image"
    }
    assert len(images) == 2
