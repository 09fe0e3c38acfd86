"""A form with an error, on a phone, in Spanish: the summary at the top is announced and focused, lists the
error in Spanish linked to its field, and what the organizer typed is still there. Check boxes are easy to
tap, their labels beside them."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.cases.factories import ContactFactory, IncidentFactory, WorksiteFactory
from tests.factories import PASSWORD, jpeg, member

pytestmark = pytest.mark.browser


def test_form_error_on_a_phone_in_spanish_is_announced_at_the_top_and_keeps_what_was_typed(
    live_server, phone, organization, shots
):
    maria = member("organizer", organization, username="maria", language="es", first_name="María")
    WorksiteFactory(organization=organization, employer_name="Empacadora Sol Naciente", created_by=maria)
    WorksiteFactory(organization=organization, employer_name="Lavandería Central", created_by=maria)
    login(phone, live_server, "maria", PASSWORD)

    # Two taps from the dashboard: "Log an incident", then the worksite.
    phone.get_by_role("link", name="Registrar un incidente").click()
    phone.get_by_role("link", name="Empacadora Sol Naciente").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Registrar un incidente")
    phone.get_by_label("Dónde").fill("Estacionamiento")
    phone.get_by_label("Descripción").fill("El supervisor nos amenazó.")
    photo = {"name": "aviso.jpg", "mimeType": "image/jpeg", "buffer": jpeg(40, 30)}
    phone.get_by_label("Foto (opcional)").set_input_files(photo)
    phone.get_by_role("button", name="Guardar el incidente").click()  # "what happened" left empty

    summary = phone.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Corrija lo que escribió:")
    expect(summary.get_by_role("listitem")).to_have_text(["Qué pasó: Este campo es obligatorio."])
    # A file was chosen: the browser does not send it again, and the summary says so.
    expect(summary).to_contain_text("Los archivos que eligió no se conservan después de un error")
    assert phone.evaluate("document.activeElement.getBoundingClientRect().top") < 844
    expect(phone.get_by_label("Dónde")).to_have_value("Estacionamiento")
    expect(phone.get_by_label("Descripción")).to_have_value("El supervisor nos amenazó.")
    expect(phone.get_by_label("Qué pasó")).to_have_attribute("aria-invalid", "true")
    expect(phone.get_by_label("Qué pasó")).to_have_attribute("required", "")
    phone.screenshot(timeout=60_000, path=str(shots / "form-error-phone-es.png"), full_page=True)

    summary.get_by_role("link", name="Qué pasó: Este campo es obligatorio.").click()
    expect(phone.get_by_label("Qué pasó")).to_be_focused()


def test_check_boxes_on_a_phone_are_at_least_24_px_with_their_labels_beside_them(
    live_server, phone, organization
):
    maria = member("organizer", organization, username="maria", language="es")
    incident = IncidentFactory(worksite=WorksiteFactory(organization=organization, created_by=maria))
    ContactFactory(worksite=incident.worksite, name="Ana López")
    login(phone, live_server, "maria", PASSWORD)

    phone.goto(f"{live_server.url}{incident.get_absolute_url()}edit/")
    box = phone.get_by_role("checkbox", name="Ana López")
    label = phone.locator("label", has=box)

    box_size = box.bounding_box()
    label_size = label.evaluate(  # the label's words, without the box inside the label
        """label => { const range = document.createRange();
            range.selectNodeContents(label); range.setStartAfter(label.querySelector('input'));
            const r = range.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height}; }"""
    )
    assert (box_size["width"] >= 24, box_size["height"] >= 24) == (True, True)
    assert label_size["x"] > box_size["x"] + box_size["width"]  # beside, not above
    assert abs((label_size["y"] + label_size["height"] / 2) - (box_size["y"] + box_size["height"] / 2)) < 8
    label.click()
    expect(box).to_be_checked()
