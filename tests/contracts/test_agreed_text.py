"""Which text a tentative agreement was reached on: asked when the employer countered (our proposal, their
counter, or another text worked out at the table), ours without a counter; kept on the clause and its
history, shown on the proposal and clause pages instead of the counter, printed in the exports, kept
through ratification."""

import importlib
import io

import docx
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from contracts import exports, services
from contracts.models import AdoptedClause, ClauseEvent, ProposalClause, Shown
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Document
from tests.contracts.conftest import DAY, LATER_DAY
from tests.contracts.test_exports import docx_paragraphs, pdf_text
from tests.factories import member

BACKFILL = importlib.import_module("contracts.migrations.0005_proposalclause_agreed_text")

COUNTER_DAY = DAY.replace(day=5)
THEIRS = "Acme Poultry will tell Local 705 in writing within 7 days of an immigration investigation."
WORKED_OUT = "  {employer} will phone {union} when agents arrive,\r\nand write within 72 hours. "
WORKED_OUT_STORED = "{employer} will phone {union} when agents arrive,\nand write within 72 hours."
WORKED_OUT_FILLED = "Acme Poultry will phone Local 705 when agents arrive,\nand write within 72 hours."
WORKED_OUT_ES = "Acme Poultry avisará a Local 705 por escrito dentro de 72 horas."
OURS_EN = (
    "Acme Poultry will phone Local 705 right away when immigration agents ask to enter the workplace or to "
    "question or arrest any worker. Acme Poultry will tell Local 705 in writing within 24 hours of learning "
    "of any immigration investigation, any question about a worker's status, or any request for records, "
    "and will give Local 705 a copy of every document served."
)
OURS_ES = (
    "Acme Poultry llamará de inmediato a Local 705 cuando agentes de inmigración pidan entrar al lugar de "
    "trabajo o interrogar o detener a cualquier trabajador. Acme Poultry avisará a Local 705 por escrito "
    "dentro de las 24 horas siguientes a enterarse de cualquier investigación migratoria, pregunta sobre el "
    "estatus de un trabajador o solicitud de expedientes, y le dará copia de todo documento entregado."
)
MISSING_OTHER_TEXT = "Type the text agreed at the table."


@pytest.fixture
def notice(at_table):
    """The union-notice clause of the proposal at the table, proposed on DAY."""
    return at_table.clauses.get(clause__code="union-notice-immediate")


@pytest.fixture
def countered(notice, organizer):
    """The union-notice clause, countered by the employer (in English) on COUNTER_DAY."""
    services.record_status(
        proposal_clause=notice,
        status="countered",
        date=COUNTER_DAY,
        counter_text=THEIRS,
        counter_language="en",
        user=organizer,
    )
    return notice


def status_url(pc):
    return reverse("contracts:proposal_clause_status", args=[pc.uuid])


def agree(client, user, pc, **fields):
    client.force_login(user)
    return client.post(
        status_url(pc),
        {
            "status": "tentative",
            "date": LATER_DAY.isoformat(),
            "counter_language": "en",
            "note": "",
            **fields,
        },
    )


def agreement(pc):
    pc = ProposalClause.objects.get(pk=pc.pk)
    return (pc.status, pc.status_on, pc.agreed, pc.agreed_text, pc.agreed_language)


def history(pc):
    return list(
        ClauseEvent.objects.filter(proposal_clause=pc)
        .order_by("date", "pk")
        .values_list("status", "date", "agreed", "agreed_text", "agreed_language")
    )


def html(response):
    assert response.status_code == 200
    return response.content.decode()


# Recording it


def test_tentative_agreement_without_a_counter_is_on_our_text_and_asks_nothing(client, organizer, notice):
    client.force_login(organizer)
    form = client.get(notice.get_absolute_url()).context["status_form"]
    assert list(form.fields) == ["status", "date", "counter_text", "counter_language", "note"]

    response = agree(client, organizer, notice)

    assert response.status_code == 302
    assert agreement(notice) == ("tentative", LATER_DAY, "ours", "", "")
    assert history(notice) == [
        ("proposed", DAY, "", "", ""),
        ("tentative", LATER_DAY, "ours", "", ""),
    ]
    assert (
        AuditEvent.objects.filter(object_id=str(notice.uuid), summary="status: proposed → tentative").count()
        == 1
    )


def test_a_countered_clause_asks_which_text_was_agreed(client, organizer, countered):
    client.force_login(organizer)

    form = client.get(countered.get_absolute_url()).context["status_form"]

    assert list(form.fields) == [
        "status",
        "date",
        "counter_text",
        "counter_language",
        "agreed",
        "agreed_text",
        "agreed_language",
        "note",
    ]
    assert form.fields["agreed"].choices == [
        ("ours", "Our proposal"),
        ("counter", "The employer's counter"),
        ("other", "Another text, worked out at the table"),
    ]


def test_tentative_agreement_on_the_employers_counter_keeps_its_text(client, organizer, countered):
    response = agree(client, organizer, countered, agreed="counter", agreed_text="", agreed_language="es")

    assert response.status_code == 302
    assert agreement(countered) == ("tentative", LATER_DAY, "counter", THEIRS, "en")
    assert history(countered) == [
        ("proposed", DAY, "", "", ""),
        ("countered", COUNTER_DAY, "", "", ""),
        ("tentative", LATER_DAY, "counter", THEIRS, "en"),
    ]
    assert (
        AuditEvent.objects.filter(
            object_id=str(countered.uuid), summary="status: countered → tentative"
        ).count()
        == 1
    )


def test_tentative_agreement_on_our_text_after_a_counter(client, organizer, countered):
    response = agree(
        client, organizer, countered, agreed="ours", agreed_text="Ignored.", agreed_language="en"
    )

    assert response.status_code == 302
    assert agreement(countered) == ("tentative", LATER_DAY, "ours", "", "")
    assert history(countered)[-1] == ("tentative", LATER_DAY, "ours", "", "")
    assert ProposalClause.objects.get(pk=countered.pk).counter_text == THEIRS  # the counter stays, as history


def test_tentative_agreement_on_another_text_stores_it_as_typed(client, organizer, countered):
    response = agree(
        client, organizer, countered, agreed="other", agreed_text=WORKED_OUT, agreed_language="en"
    )

    assert response.status_code == 302
    assert agreement(countered) == ("tentative", LATER_DAY, "other", WORKED_OUT_STORED, "en")
    assert history(countered)[-1] == ("tentative", LATER_DAY, "other", WORKED_OUT_STORED, "en")


def test_another_text_without_its_text_is_refused_and_nothing_is_saved(client, organizer, countered):
    events_before = history(countered)

    response = agree(
        client, organizer, countered, agreed="other", agreed_text=" \r\n ", agreed_language="en"
    )

    assert response.status_code == 200
    assert response.context["status_form"].errors == {"agreed_text": [MISSING_OTHER_TEXT]}
    assert f'<p class="error" id="id_agreed_text_error">{MISSING_OTHER_TEXT} </p>' in html(response)
    assert agreement(countered) == ("countered", COUNTER_DAY, "", "", "")
    assert history(countered) == events_before
    assert not AuditEvent.objects.filter(summary="status: countered → tentative").exists()


def test_a_tentative_agreement_on_a_countered_clause_without_a_choice_is_refused(
    client, organizer, countered
):
    response = agree(client, organizer, countered)

    assert response.status_code == 200
    assert response.context["status_form"].errors == {"agreed": ["Choose which text was agreed."]}
    assert agreement(countered) == ("countered", COUNTER_DAY, "", "", "")
    assert len(history(countered)) == 2


def test_the_service_refuses_another_text_without_its_text(organizer, countered):
    with pytest.raises(services.ContractError) as refused:
        services.record_status(
            proposal_clause=countered,
            status="tentative",
            date=LATER_DAY,
            agreed="other",
            agreed_text="   ",
            agreed_language="en",
            user=organizer,
        )

    assert refused.value.messages == [MISSING_OTHER_TEXT]
    assert agreement(countered) == ("countered", COUNTER_DAY, "", "", "")
    assert len(history(countered)) == 2


def test_the_service_refuses_the_counter_of_a_clause_never_countered(organizer, notice):
    with pytest.raises(services.ContractError) as refused:
        services.record_status(
            proposal_clause=notice, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
        )

    assert refused.value.messages == ["There is no employer counter: the text agreed is ours."]
    assert agreement(notice) == ("proposed", DAY, "", "", "")


def test_the_service_refuses_another_text_without_its_language(organizer, countered):
    with pytest.raises(services.ContractError) as refused:
        services.record_status(
            proposal_clause=countered,
            status="tentative",
            date=LATER_DAY,
            agreed="other",
            agreed_text="Some words.",
            user=organizer,
        )

    assert refused.value.messages == ["Choose the language of the text agreed."]
    assert agreement(countered) == ("countered", COUNTER_DAY, "", "", "")


def test_reopening_a_tentative_agreement_clears_the_text_agreed_but_not_its_history(organizer, countered):
    services.record_status(
        proposal_clause=countered,
        status="tentative",
        date=LATER_DAY,
        agreed="counter",
        user=organizer,
    )

    services.record_status(proposal_clause=countered, status="proposed", date=LATER_DAY, user=organizer)

    assert agreement(countered) == ("proposed", LATER_DAY, "", "", "")
    assert [row[:3] for row in history(countered)] == [
        ("proposed", DAY, ""),
        ("countered", COUNTER_DAY, ""),
        ("tentative", LATER_DAY, "counter"),
        ("proposed", LATER_DAY, ""),
    ]


def test_the_database_refuses_another_text_without_its_text(countered):
    ProposalClause.objects.filter(pk=countered.pk).update(status="tentative")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalClause.objects.filter(pk=countered.pk).update(agreed="other", agreed_language="en")


def test_the_database_refuses_a_text_agreed_on_a_clause_not_agreed(countered):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalClause.objects.filter(pk=countered.pk).update(agreed="ours")


# The wording of an agreed clause


def test_the_wording_of_a_tentatively_agreed_clause_cannot_change(organizer, notice):
    services.record_status(proposal_clause=notice, status="tentative", date=LATER_DAY, user=organizer)
    notice.refresh_from_db()

    with pytest.raises(services.ContractError) as refused:
        services.edit_clause(
            proposal_clause=notice,
            title_en=notice.title_en,
            title_es=notice.title_es,
            body_en="Something else.",
            body_es=notice.body_es,
            article=notice.article,
            order=notice.order,
            user=organizer,
        )

    assert refused.value.messages == [
        "This clause is tentatively agreed: record it as proposed again before changing its wording."
    ]
    assert notice.body_en == ProposalClause.objects.get(pk=notice.pk).body_en != "Something else."


def test_the_edit_page_of_a_tentatively_agreed_clause_keeps_the_wording(client, organizer, notice):
    services.record_status(proposal_clause=notice, status="tentative", date=LATER_DAY, user=organizer)
    original = ProposalClause.objects.get(pk=notice.pk)
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_clause_edit", args=[notice.uuid]),
        {
            "title_en": "Changed",
            "title_es": "Cambiado",
            "body_en": "Changed.",
            "body_es": "Cambiado.",
            "article": notice.article_id,
            "order": 1,
        },
    )

    assert response.status_code == 302
    saved = ProposalClause.objects.get(pk=notice.pk)
    assert (saved.title_en, saved.body_en, saved.body_es, saved.order) == (
        original.title_en,
        original.body_en,
        original.body_es,
        1,
    )


# Pages


def test_clause_page_shows_the_counter_agreed_instead_of_the_counter(client, organizer, countered):
    agree(client, organizer, countered, agreed="counter")

    response = client.get(countered.get_absolute_url())

    page = html(response)
    assert response.context["agreed"] == Shown(THEIRS, "en", False)
    assert '<h2 id="agreed-heading">Tentatively agreed: The employer&#x27;s counter</h2>' in page
    assert f'<p class="redline-text agreed-text" lang="en">{THEIRS}</p>' in page
    # The counter is history now: no longer a card of its own, folded into the history.
    assert 'id="counter-heading"' not in page
    assert "<details><summary>The employer's counter against our text</summary>" in page
    assert "Tentatively agreed · The employer&#x27;s counter ·" in page


def test_clause_page_shows_another_text_agreed_filled_in(client, organizer, countered):
    agree(client, organizer, countered, agreed="other", agreed_text=WORKED_OUT, agreed_language="en")

    page = html(client.get(countered.get_absolute_url()))

    assert (
        '<h2 id="agreed-heading">Tentatively agreed: Another text, worked out at the table</h2>' in page
    )
    assert f'<p class="redline-text agreed-text" lang="en">{WORKED_OUT_FILLED}</p>' in page


def test_clause_page_shows_our_text_agreed_in_the_readers_language(client, organization, countered):
    spanish_organizer = member("organizer", organization, language="es")
    agree(client, spanish_organizer, countered, agreed="ours")

    response = client.get(countered.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")

    page = html(response)
    assert response.context["agreed"] == Shown(OURS_ES, "es", False)
    assert f'<p class="redline-text agreed-text" lang="es">{OURS_ES}</p>' in page


def test_clause_page_says_when_the_text_agreed_is_in_the_other_language(client, organizer, countered):
    agree(client, organizer, countered, agreed="other", agreed_text=WORKED_OUT_ES, agreed_language="es")

    response = client.get(countered.get_absolute_url())

    page = html(response)
    assert response.context["agreed"] == Shown(WORKED_OUT_ES, "es", True)
    assert '<p class="muted">Agreed in Spanish: no English version was agreed.</p>' in page
    assert f'<p class="redline-text agreed-text" lang="es">{WORKED_OUT_ES}</p>' in page


def test_proposal_page_shows_the_text_agreed_and_not_the_counter(client, organizer, countered, at_table):
    agree(client, organizer, countered, agreed="counter")

    response = client.get(at_table.get_absolute_url())

    page = html(response)
    rows = {
        pc.clause.code: (counter, agreed)
        for _article, clauses in response.context["rows"]
        for pc, _model, counter, agreed in clauses
    }
    assert rows["union-notice-immediate"] == ("", Shown(THEIRS, "en", False))
    assert rows["no-match-letters"] == ("", None)
    assert "<p><strong>Tentatively agreed: The employer&#x27;s counter</strong></p>" in page
    assert f'<p class="redline-text agreed-text" lang="en">{THEIRS}</p>' in page
    assert "Employer's counter against our text:" not in page
    assert "<details><summary>Our proposal</summary>" in page


def test_proposal_page_still_shows_a_counter_not_yet_agreed(client, organizer, countered, at_table):
    client.force_login(organizer)

    page = html(client.get(at_table.get_absolute_url()))

    assert "Employer's counter against our text:" in page
    assert "Tentatively agreed:" not in page


def test_a_clause_agreed_before_the_text_was_recorded_says_so(client, organizer, countered):
    ProposalClause.objects.filter(pk=countered.pk).update(status="tentative")  # as agreed before 0005
    client.force_login(organizer)

    response = client.get(countered.get_absolute_url())

    page = html(response)
    assert response.context["agreed"] is None
    assert '<p class="message message-warning">Which text was agreed was not recorded.</p>' in page
    assert 'id="counter-heading"' in page


def test_migration_records_our_text_on_clauses_agreed_without_a_counter(countered, at_table):
    no_match = at_table.clauses.get(clause__code="no-match-letters")
    ProposalClause.objects.filter(pk__in=[countered.pk, no_match.pk]).update(status="tentative")

    assert BACKFILL.agreed_on_our_text(ProposalClause) == 1
    assert dict(at_table.clauses.values_list("clause__code", "agreed")) == {
        "ice-access-judicial-warrant": "",
        "union-notice-immediate": "",
        "no-match-letters": "ours",
    }
    assert BACKFILL.agreed_on_our_text(ProposalClause) == 0


# Exports and ratification


def agree_the_rest(proposal, user):
    for pc in proposal.clauses.exclude(clause__code="union-notice-immediate"):
        services.record_status(proposal_clause=pc, status="tentative", date=LATER_DAY, user=user)


def test_word_export_prints_the_text_agreed(organizer, countered, at_table):
    services.record_status(
        proposal_clause=countered,
        status="tentative",
        date=LATER_DAY,
        agreed="other",
        agreed_text=WORKED_OUT,
        agreed_language="en",
        user=organizer,
    )

    _name, data = exports.export_docx(proposal=at_table, language="en", user=organizer)

    paragraphs = docx_paragraphs(data)
    assert paragraphs[5:7] == ["1.2 Notice to the union", WORKED_OUT_FILLED]
    assert OURS_EN not in paragraphs


def test_spanish_word_export_prints_a_text_agreed_in_english_with_a_note(organizer, countered, at_table):
    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )

    _name, data = exports.export_docx(proposal=at_table, language="es", user=organizer)

    paragraphs = docx_paragraphs(data)
    assert paragraphs[5:8] == [
        "1.2 Aviso al sindicato",
        "Acordado en inglés: no se acordó una versión en español.",
        THEIRS,
    ]
    assert OURS_ES not in paragraphs


def test_side_by_side_word_export_prints_the_text_agreed_in_both_columns(organizer, countered, at_table):
    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )

    _name, data = exports.export_docx(proposal=at_table, language="both", user=organizer)

    row = docx.Document(io.BytesIO(data)).tables[0].rows[1].cells
    assert [p.text for p in row[0].paragraphs] == ["1.2 Notice to the union", THEIRS]
    assert [p.text for p in row[1].paragraphs] == [
        "1.2 Aviso al sindicato",
        "Acordado en inglés: no se acordó una versión en español.",
        THEIRS,
    ]


def test_pdf_prints_the_text_agreed(organizer, countered, at_table):
    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )

    document = exports.print_pdf(
        proposal=at_table, language="en", user=organizer, ui_language="en", verify_url="https://x.test/v/"
    )

    text = pdf_text(document)
    assert f"1.2 Notice to the union {THEIRS} Article 2." in text
    assert "right away when immigration agents" not in text
    assert Document.objects.count() == 1


def test_side_by_side_pdf_marks_a_text_agreed_in_english_in_the_spanish_column(
    organizer, countered, at_table
):
    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )

    document = exports.print_pdf(
        proposal=at_table, language="both", user=organizer, ui_language="en", verify_url="https://x.test/v/"
    )

    text = pdf_text(document)
    assert f"1.2 Aviso al sindicato Acordado en inglés: no se acordó una versión en español. {THEIRS}" in text
    assert "no Spanish version was agreed" not in text  # the English column needs no note


def test_placeholders_of_our_text_are_not_needed_once_another_text_is_agreed(organizer, countered, at_table):
    at_table.values = {k: v for k, v in at_table.values.items() if k != "notice_hours"}
    at_table.save()
    assert services.missing_placeholders(at_table) == ["notice_hours"]

    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )

    assert services.missing_placeholders(at_table) == []


def test_ratified_contract_keeps_and_prints_the_text_agreed(
    client, admin, organizer, countered, at_table, site
):
    services.record_status(
        proposal_clause=countered,
        status="tentative",
        date=LATER_DAY,
        agreed="other",
        agreed_text=WORKED_OUT,
        agreed_language="en",
        user=organizer,
    )
    agree_the_rest(at_table, organizer)

    services.ratify(proposal=at_table, date=LATER_DAY, user=admin)

    assert agreement(countered) == ("ratified", LATER_DAY, "other", WORKED_OUT_STORED, "en")
    # The adopted clause records the title, topic and strength, no clause text: the title is ours.
    adopted = AdoptedClause.objects.get(proposal_clause=countered)
    assert (adopted.worksite, adopted.title, adopted.strength) == (site, "Notice to the union", "model")
    _name, data = exports.export_docx(proposal=at_table, language="en", user=organizer)
    assert docx_paragraphs(data)[5:7] == ["1.2 Notice to the union", WORKED_OUT_FILLED]
    client.force_login(organizer)
    page = html(client.get(countered.get_absolute_url()))
    assert '<h2 id="agreed-heading">Ratified: Another text, worked out at the table</h2>' in page
    assert f'<p class="redline-text agreed-text" lang="en">{WORKED_OUT_FILLED}</p>' in page


def test_ratify_page_lists_which_text_each_clause_was_agreed_on(
    client, admin, organizer, countered, at_table
):
    services.record_status(
        proposal_clause=countered, status="tentative", date=LATER_DAY, agreed="counter", user=organizer
    )
    agree_the_rest(at_table, organizer)
    client.force_login(admin)

    page = html(client.get(reverse("contracts:proposal_ratify", args=[at_table.uuid])))

    badge = '<li><span class="badge">Tentatively agreed</span>'
    assert f"{badge} Notice to the union · The employer&#x27;s counter</li>" in page
    assert f"{badge} Social Security no-match letters · Our proposal</li>" in page
