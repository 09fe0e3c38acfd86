"""Exports as documents: the signed PDF (English, Spanish, side by side) and the Word file, their text
extracted and compared; a placeholder without a value stops both before anything is made."""

import io

import docx
from django.urls import reverse
from pypdf import PdfReader

from contracts import exports
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Document, reference_of


def pdf_text(document):
    document.file.open("rb")
    try:
        data = document.file.read()
    finally:
        document.file.close()
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def docx_paragraphs(data):
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_pdf_in_english_is_signed_and_has_the_filled_text(client, organizer, composed):
    client.force_login(organizer)

    response = client.post(reverse("contracts:proposal_pdf", args=[composed.uuid]), {"language": "en"})

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.subject, document.version, document.signed, document.language) == (
        "contract_proposal",
        reference_of(composed),
        1,
        True,
        "en",
    )
    assert document.title == "Contract proposal: Acme Poultry"
    text = pdf_text(document)
    assert "Between Acme Poultry and Local 705. Bargaining unit: Production workers." in text
    assert (
        "Article 1. Immigration enforcement 1.1 Immigration agents at the workplace Acme Poultry will not let"
        in text
    )
    assert "1.2 Notice to the union Acme Poultry will phone Local 705 right away" in text
    assert "within 24 hours of learning" in text
    assert "Article 2. Social Security no-match letters 2.1 Social Security no-match letters" in text
    assert "at least 120 days" in text
    assert "{" not in text
    assert "Acme Poultry no dejará" not in text


def test_pdf_in_spanish_has_the_spanish_text(organizer, composed):
    document = exports.print_pdf(
        proposal=composed,
        language="es",
        user=organizer,
        ui_language="en",
        verify_url="https://x.test/verify/",
    )

    text = pdf_text(document)
    assert document.title == "Propuesta de contrato: Acme Poultry"
    assert "Entre Acme Poultry y Local 705." in text
    assert "Artículo 1. Control migratorio 1.1 Agentes de inmigración en el lugar de trabajo" in text
    assert "lugar de trabajo Acme Poultry no dejará entrar" in text
    assert "Acme Poultry will not let" not in text


def test_pdf_side_by_side_has_both_languages(organizer, composed):
    document = exports.print_pdf(
        proposal=composed,
        language="both",
        user=organizer,
        ui_language="es",
        verify_url="https://x.test/verify/",
    )

    text = pdf_text(document)
    assert document.title == "Contract proposal: Acme Poultry / Propuesta de contrato: Acme Poultry"
    assert document.language == "es"
    assert "Acme Poultry will not let immigration agents" in text
    assert "Acme Poultry no dejará entrar" in text


def test_pdf_with_a_missing_value_makes_no_document(client, organizer, composed):
    composed.values = {"employer": "Acme Poultry"}
    composed.save()
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_pdf", args=[composed.uuid]), {"language": "en"}, follow=True
    )

    assert Document.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Fill in every placeholder before exporting: Union, Hours to notify the union, "
        "Days to give written notice, Days to correct documents."
    ]


def test_pdf_with_an_unknown_language_makes_no_document(client, organizer, composed):
    client.force_login(organizer)

    client.post(reverse("contracts:proposal_pdf", args=[composed.uuid]), {"language": "fr"})

    assert Document.objects.count() == 0


def test_pdf_page_answers_only_post(client, organizer, composed):
    client.force_login(organizer)
    assert client.get(reverse("contracts:proposal_pdf", args=[composed.uuid])).status_code == 405


def test_docx_in_english_has_the_articles_and_filled_clauses(client, organizer, composed):
    client.force_login(organizer)

    response = client.get(reverse("contracts:proposal_docx", args=[composed.uuid]), {"language": "en"})

    assert response.status_code == 200
    assert response["Content-Type"] == exports.DOCX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="contract-proposal-acme-poultry-en.docx"'
    paragraphs = docx_paragraphs(response.content)
    no_match = composed.clauses.get(clause__code="no-match-letters")
    assert paragraphs[:4] == [
        "Contract proposal: Acme Poultry",
        "Between Acme Poultry and Local 705. Bargaining unit: Production workers.",
        "Article 1. Immigration enforcement",
        "1.1 Immigration agents at the workplace",
    ]
    assert paragraphs[4].startswith("Acme Poultry will not let immigration agents into any non-public area")
    assert paragraphs[5:7] == ["1.2 Notice to the union", paragraphs[6]]
    assert "within 24 hours" in paragraphs[6]
    assert paragraphs[7:9] == [
        "Article 2. Social Security no-match letters",
        "2.1 Social Security no-match letters",
    ]
    assert paragraphs[9] == no_match.body_en.format(**composed.values)
    assert len(paragraphs) == 10
    event = AuditEvent.objects.get(action="export")
    assert (event.object_id, event.summary) == (str(composed.uuid), "contract proposal exported as Word (en)")


def test_docx_side_by_side_puts_each_clause_in_a_row(organizer, composed):
    _name, data = exports.export_docx(proposal=composed, language="both", user=organizer)

    document = docx.Document(io.BytesIO(data))
    first = document.tables[0].rows[0].cells
    assert first[0].paragraphs[0].text == "1.1 Immigration agents at the workplace"
    assert first[1].paragraphs[0].text == "1.1 Agentes de inmigración en el lugar de trabajo"
    assert first[1].paragraphs[1].text.startswith("Acme Poultry no dejará entrar")
    assert [len(table.rows) for table in document.tables] == [2, 1]
    assert docx_paragraphs(data)[1:4] == [
        "Between Acme Poultry and Local 705. Bargaining unit: Production workers.",
        "Entre Acme Poultry y Local 705. Unidad de negociación: Production workers.",
        "Article 1. Immigration enforcement / Artículo 1. Control migratorio",
    ]


def test_docx_with_a_missing_value_is_refused(client, organizer, composed):
    composed.values = {"employer": "Acme Poultry", "union": "Local 705"}
    composed.save()
    client.force_login(organizer)

    response = client.get(reverse("contracts:proposal_docx", args=[composed.uuid]), {"language": "es"})

    assert response.status_code == 302
    assert response.url == composed.get_absolute_url()
    assert AuditEvent.objects.filter(action="export").count() == 0


def test_docx_of_another_organization_is_not_found(client, other_admin, composed):
    client.force_login(other_admin)
    assert (
        client.get(reverse("contracts:proposal_docx", args=[composed.uuid]), {"language": "en"}).status_code
        == 404
    )
