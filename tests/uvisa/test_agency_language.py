"""Certifying agencies in the reader's language: the generic names and the conditions the app ships
(uvisa/reference.py, marked with gettext_noop) come from the catalogue; an agency's proper name, and text an
administrator wrote, are shown as stored. The stored rows stay in English (the packet and the CSV use them).

Until locale/ has these entries, `catalogue` adds them from SPANISH (a compiled catalogue placed before the
project's own), so the tests show what a Spanish reader gets once they are there."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from django.urls import reverse
from django.utils import translation

from tests.factories import member
from tests.uvisa.factories import CertificationRequestFactory, activity, agency
from uvisa.models import CertifyingAgency, ScreenedActivity

REFERENCE = Path(__file__).resolve().parents[2] / "uvisa" / "reference.py"

WHD = (
    "The activity arises in the context of an employment relationship or work environment and there is a "
    "credible allegation of a violation of a law WHD enforces related to it; WHD detected the activity; the "
    "victim has been, is or is likely to be helpful. Requests go to the WHD Regional Administrator, working "
    "with the Regional Solicitor's office."
)
OSHA = (
    "OSHA detected the qualifying activity (or a substantially similar crime, or an attempt, conspiracy or "
    "solicitation); it arises in the work environment or employment relationship; there is a credible "
    "allegation of a violation of a law OSHA enforces; the victim is helpful to OSHA or other law "
    "enforcement."
)
EEOC = (
    "The activity must be related to the unlawful employment discrimination alleged in the charge or "
    "otherwise covered by the statutes the EEOC enforces. The request goes to the Regional Attorney, who "
    "must interview the candidate; the General Counsel is the certifying official."
)
NLRB = (
    "The crime must have a nexus to an unfair labor practice or representation case; the NLRB General "
    "Counsel certifies for people helpful to an NLRB investigation or litigation (GC 22-01). Whether GC "
    "22-01 survives GC 25-05 is not confirmed."
)
IL_DOL = (
    "A certifying agency under the Illinois VOICES Act: considers crimes related to an open or closed IDOL "
    "case, labor trafficking, or a work relationship."
)

# msgid: the Spanish proposed for locale/es (formal register), in reference.py's order.
SPANISH = {
    WHD: (
        "La actividad surge en el contexto de una relación laboral o de un entorno de trabajo y existe una "
        "denuncia creíble de una infracción, relacionada con ella, de una ley que la WHD hace cumplir; la "
        "WHD detectó la actividad; la víctima ha sido, es o probablemente será de ayuda. Las solicitudes se "
        "dirigen al Administrador Regional de la WHD, que trabaja con la oficina del Procurador Regional "
        "(Regional Solicitor)."
    ),
    OSHA: (
        "La OSHA detectó la actividad que califica (o un delito sustancialmente similar, o una tentativa, "
        "conspiración o incitación); surge en el entorno de trabajo o en la relación laboral; existe una "
        "denuncia creíble de una infracción de una ley que la OSHA hace cumplir; la víctima ayuda a la OSHA "
        "o a otras autoridades del orden público."
    ),
    EEOC: (
        "La actividad debe estar relacionada con la discriminación laboral ilegal alegada en el cargo o "
        "estar cubierta de otro modo por las leyes que la EEOC hace cumplir. La solicitud se dirige al "
        "Abogado Regional (Regional Attorney), quien debe entrevistar a la persona candidata; el Consejero "
        "General (General Counsel) es el funcionario certificador."
    ),
    NLRB: (
        "El delito debe tener un nexo con un caso de práctica laboral injusta o de representación; el "
        "Consejero General de la NLRB certifica a las personas que ayudan en una investigación o un litigio "
        "de la NLRB (GC 22-01). No está confirmado si el GC 22-01 sigue vigente tras el GC 25-05."
    ),
    IL_DOL: (
        "Agencia certificadora según la Ley VOICES de Illinois: considera delitos relacionados con un caso "
        "abierto o cerrado del IDOL, con la trata laboral o con una relación de trabajo."
    ),
    "Certifies U and T visa requests tied to its cases; also issues statements of interest.": (
        "Certifica solicitudes de visa U y T vinculadas a sus casos; también emite declaraciones de interés "
        "(statements of interest)."
    ),
    "Certifies under its Memorandum and Order regarding certification of U visa petitions.": (
        "Certifica conforme a su Memorando y Orden sobre la certificación de peticiones de visa U."
    ),
    "Local police department": "Departamento de policía local",
    "Law enforcement agency responsible for investigating the qualifying activity.": (
        "Agencia del orden público responsable de investigar la actividad que califica."
    ),
    "Prosecutor's office": "Fiscalía",
    "Prosecutor responsible for the prosecution of the qualifying activity.": (
        "Fiscal responsable de procesar judicialmente la actividad que califica."
    ),
    "Judge (court that heard the case)": "Juez (tribunal que conoció del caso)",
    "A Federal, State or local judge may sign as certifying official.": (
        "Un juez federal, estatal o local puede firmar como funcionario certificador."
    ),
    "Child protective services": "Servicios de protección infantil",
    "An agency with criminal investigative jurisdiction in its area of expertise.": (
        "Una agencia con competencia para investigar delitos en su área de especialidad."
    ),
}


@pytest.fixture
def catalogue(settings, tmp_path):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="es")
    for msgid, msgstr in SPANISH.items():
        catalog.add(msgid, msgstr)
    with (folder / "django.mo").open("wb") as handle:
        write_mo(handle, catalog)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]  # the first one wins


def test_reference_marks_every_generic_agency_name_and_every_condition_for_the_catalogue():
    marked = extract_from_file("python", REFERENCE, keywords={"gettext_noop": None})
    assert [message for _line, message, _comments, _context in marked] == list(SPANISH)


def test_agency_rows_keep_the_english_the_app_ships(db):
    police = agency("police")
    assert (police.name, police.conditions) == (
        "Local police department",
        "Law enforcement agency responsible for investigating the qualifying activity.",
    )
    with translation.override("en"):
        assert (police.label, police.description, str(police)) == (
            "Local police department",
            "Law enforcement agency responsible for investigating the qualifying activity.",
            "Local police department",
        )


def test_child_protective_services_is_named_in_spanish_by_the_projects_catalogue(db):
    with translation.override("es"):
        assert agency("child_protective").label == "Servicios de protección infantil"


def test_generic_names_and_every_condition_are_shown_in_spanish(db, catalogue):
    agencies = list(CertifyingAgency.objects.order_by("sort_order"))
    with translation.override("es"):
        names = {a.code: a.label for a in agencies if a.code in ("police", "prosecutor", "court")}
        descriptions = [a.description for a in agencies]
    assert names == {
        "police": "Departamento de policía local",
        "prosecutor": "Fiscalía",
        "court": "Juez (tribunal que conoció del caso)",
    }
    assert descriptions == [SPANISH[a.conditions] for a in agencies]
    assert descriptions[7] == "Agencia del orden público responsable de investigar la actividad que califica."


def test_an_agencys_proper_name_is_shown_as_stored_in_spanish(db, catalogue):
    with translation.override("es"):
        nlrb = agency("nlrb")
        assert (nlrb.label, str(nlrb)) == ("National Labor Relations Board (NLRB)",) * 2


def test_text_an_administrator_wrote_is_shown_as_written_in_spanish(db, catalogue):
    CertifyingAgency.objects.filter(code="police").update(
        name="Chicago Police Department", conditions="Call the U-visa unit first."
    )
    CertifyingAgency.objects.filter(code="court").update(conditions="")
    with translation.override("es"):
        police, court = agency("police"), agency("court")
        assert (police.label, police.description) == (
            "Chicago Police Department",
            "Call the U-visa unit first.",
        )
        assert court.description == ""  # not the catalogue's header


def test_screening_and_request_pages_show_the_suggested_agencies_in_spanish(
    client, case, organization, catalogue
):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    client.force_login(member("legal", organization, language="es"))
    screening = client.get(reverse("uvisa:screening", args=[case.uuid])).content.decode()
    assert "<strong>Departamento de policía local</strong> · Local" in screening
    assert "Agencia del orden público responsable de investigar la actividad que califica." in screening
    assert "Local police department" not in screening
    assert "Law enforcement agency responsible" not in screening
    assert "<strong>National Labor Relations Board (NLRB)</strong>" in screening
    request_page = client.get(reverse("uvisa:request_create", args=[case.uuid])).content.decode()
    assert "<li>Fiscalía</li>" in request_page
    assert f'<option value="{agency("prosecutor").pk}">Fiscalía</option>' in request_page


def test_agency_report_names_agencies_in_spanish_and_its_csv_keeps_the_stored_name(
    client, case, organization, catalogue
):
    CertificationRequestFactory(case=case, agency=agency("police"), status="sent", sent_on="2026-01-05")
    client.force_login(member("legal", organization, language="es"))
    page = client.get(reverse("uvisa:agency_report"))
    assert [row.name for row in page.context["rows"]] == ["Departamento de policía local"]
    assert "Departamento de policía local" in page.content.decode()
    export = client.get(reverse("uvisa:agency_report"), {"format": "csv"}).content.decode()
    assert export.splitlines()[1] == "Local police department,local,1,0,0,1,"
