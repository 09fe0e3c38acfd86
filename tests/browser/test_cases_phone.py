"""An organizer outside a worksite, on a phone, in Spanish: log an incident with a photo, then find it."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from cases.models import Evidence, Incident
from tests.browser.conftest import login, menu
from tests.cases.factories import ContactFactory, WorksiteFactory
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser


def photo_with_gps(path):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 10.0)}
    image = Image.new("RGB", (640, 480), "#c0392b")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_organizer_logs_an_incident_with_a_photo_in_spanish_on_a_phone_and_search_finds_it(
    live_server, phone, organization, tmp_path, shots
):
    organizer = member("organizer", organization, username="maria", language="es", first_name="María")
    WorksiteFactory(organization=organization, employer_name="Empacadora Sol Naciente", created_by=organizer)
    login(phone, live_server, "maria", PASSWORD)
    expect(phone.locator("html")).to_have_attribute("lang", "es")

    menu(phone).get_by_role("link", name="Lugares de trabajo", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lugares de trabajo")
    no_sideways_scroll(phone)
    phone.get_by_role("link", name="Empacadora Sol Naciente").click()
    phone.get_by_role("link", name="Registrar un incidente").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Registrar un incidente")
    no_sideways_scroll(phone)

    phone.get_by_label("Qué pasó").select_option(label="Amenaza de llamar a inmigración")
    phone.get_by_label("Dónde").fill("Estacionamiento")
    phone.get_by_label("Descripción").fill(
        "El supervisor dijo que llamaría a ICE si firmábamos las tarjetas."
    )
    phone.get_by_label("Foto (opcional)").set_input_files(str(photo_with_gps(tmp_path / "foto.jpg")))
    phone.get_by_role("button", name="Guardar el incidente").click()

    expect(phone.get_by_text("Incidente registrado.")).to_be_visible()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Amenaza de llamar a inmigración")
    expect(phone.locator("img.thumb")).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=str(shots / "incident-phone-es.png"), full_page=True)

    incident = Incident.objects.get()
    assert (incident.type, incident.place, incident.created_by) == (
        "immigration_threat",
        "Estacionamiento",
        organizer,
    )
    evidence = Evidence.objects.get()
    assert evidence.original_name == "foto.jpg"
    with evidence.shown_file.open("rb") as handle:
        assert Image.open(handle).getexif().get_ifd(0x8825) == {}
    with evidence.file.open("rb") as handle:
        assert Image.open(handle).getexif().get_ifd(0x8825)[1] == "N"

    menu(phone).get_by_role("link", name="Lugares de trabajo", exact=True).click()
    phone.get_by_label("Buscar").fill("tarjetas")
    phone.get_by_role("button", name="Buscar").click()
    expect(phone.get_by_text("1 lugar de trabajo")).to_be_visible()
    expect(phone.get_by_role("link", name="Empacadora Sol Naciente")).to_be_visible()
    no_sideways_scroll(phone)


def test_organizer_opens_every_contact_of_a_big_committee_on_a_phone_in_spanish(
    live_server, phone, organization, shots
):
    organizer = member("organizer", organization, username="maria", language="es", first_name="María")
    site = WorksiteFactory(
        organization=organization, employer_name="Empacadora Sol Naciente", created_by=organizer
    )
    for n in range(27):
        ContactFactory(
            worksite=site, name=f"Trabajadora {n:02d}", phone="+13125550100", consent_to_contact=True
        )
    login(phone, live_server, "maria", PASSWORD)

    phone.goto(live_server.url + site.get_absolute_url())
    expect(phone.locator("#contacts-heading + div tbody tr")).to_have_count(10)
    phone.get_by_role("link", name="Los 27 contactos").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Contactos")
    expect(phone.get_by_text("27 contactos, por nombre.")).to_be_visible()
    expect(phone.locator("tbody tr")).to_have_count(25)
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=str(shots / "contacts-phone-es.png"), full_page=True)
    phone.get_by_role("link", name="Siguiente").click()
    expect(phone.locator("tbody tr")).to_have_count(2)
    expect(phone.get_by_role("link", name="Trabajadora 26")).to_be_visible()
