"""The negotiator's commentary of a clause version, in English (`commentary`) and Spanish (`commentary_es`):
shown in the reader's language, the other one with a note when that is empty, saved with a new version,
filled for the shipped clauses by migration 0004, and searched."""

import importlib

from django.urls import reverse
from django.utils import translation

from contracts import seed_text, services
from contracts.models import ClauseVersion, Shown
from tests.contracts.conftest import clause
from tests.factories import member

FILL = importlib.import_module("contracts.migrations.0004_clauseversion_commentary_es")

NO_MATCH_EN = "When contracts are silent, arbitrators have gone both ways on no-match firings. Spell it out."
NO_MATCH_ES = (
    "Cuando los contratos no dicen nada, los árbitros han resuelto en ambos sentidos sobre los despidos "
    "por cartas de discrepancia. Déjelo explícito en el contrato."
)
NO_SPANISH_NOTE = "This commentary has no Spanish version yet: here it is in English."
NO_ENGLISH_NOTE = "This commentary has no English version yet: here it is in Spanish."


def new_version(code, user, **changes):
    current = clause(code).current_version()
    fields = {
        key: getattr(current, key)
        for key in ("title_en", "title_es", "body_en", "body_es", "commentary", "commentary_es", "sources")
    }
    return services.add_clause_version(clause=clause(code), user=user, **{**fields, **changes})


def clause_page(client, user, code, language):
    client.force_login(user)
    response = client.get(reverse("contracts:clause", args=[code]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


def note(msgid, language):
    """The fallback note as the page shows it in `language` (English until the catalogue translates it)."""
    with translation.override(language):
        return translation.gettext(msgid)


def test_seed_gives_every_clause_its_commentary_in_both_languages(db):
    seeded = {
        code: (commentary, commentary_es)
        for code, commentary, commentary_es in ClauseVersion.objects.values_list(
            "clause__code", "commentary", "commentary_es"
        )
    }

    assert seeded == {row["code"]: (row["commentary"], row["commentary_es"]) for row in seed_text.CLAUSES}
    assert seeded["no-match-letters"] == (NO_MATCH_EN, NO_MATCH_ES)
    assert all(english and spanish and english != spanish for english, spanish in seeded.values())


def test_clause_page_in_spanish_shows_the_spanish_commentary(client, organization):
    spanish_organizer = member("organizer", organization, language="es")

    response = clause_page(client, spanish_organizer, "no-match-letters", "es")

    html = response.content.decode()
    assert response.context["current"].commentary_shown == Shown(NO_MATCH_ES, "es", False)
    assert f'<p lang="es">{NO_MATCH_ES}</p>' in html
    assert NO_MATCH_EN not in html
    assert note(NO_SPANISH_NOTE, "es") not in html


def test_clause_page_in_english_shows_the_english_commentary(client, organizer):
    response = clause_page(client, organizer, "no-match-letters", "en")

    html = response.content.decode()
    assert response.context["current"].commentary_shown == Shown(NO_MATCH_EN, "en", False)
    assert f'<p lang="en">{NO_MATCH_EN}</p>' in html
    assert NO_MATCH_ES not in html
    assert NO_ENGLISH_NOTE not in html


def test_clause_page_in_spanish_shows_the_english_commentary_with_a_note_when_there_is_no_spanish(
    client, organization, admin
):
    new_version("no-match-letters", admin, commentary_es="")
    spanish_organizer = member("organizer", organization, language="es")

    response = clause_page(client, spanish_organizer, "no-match-letters", "es")

    html = response.content.decode()
    assert response.context["current"].commentary_shown == Shown(NO_MATCH_EN, "en", True)
    assert f'<p class="muted">{note(NO_SPANISH_NOTE, "es")}</p>' in html
    assert f'<p lang="en">{NO_MATCH_EN}</p>' in html


def test_clause_page_in_english_shows_the_spanish_commentary_with_a_note_when_there_is_no_english(
    client, organizer, admin
):
    new_version("no-match-letters", admin, commentary="")

    response = clause_page(client, organizer, "no-match-letters", "en")

    html = response.content.decode()
    assert response.context["current"].commentary_shown == Shown(NO_MATCH_ES, "es", True)
    assert f'<p class="muted">{NO_ENGLISH_NOTE}</p>' in html
    assert f'<p lang="es">{NO_MATCH_ES}</p>' in html


def test_clause_page_without_commentary_in_either_language_has_no_commentary_section(
    client, organizer, admin
):
    new_version("no-match-letters", admin, commentary="", commentary_es="")

    response = clause_page(client, organizer, "no-match-letters", "en")

    assert response.context["current"].commentary_shown == Shown("", "en", False)
    assert "Negotiator&#x27;s commentary" not in response.content.decode()


def test_a_new_version_is_saved_with_both_commentaries(admin):
    version = new_version(
        "no-match-letters",
        admin,
        commentary="  Ask for the letter itself.\r\nNot a summary.  ",
        commentary_es="  Pida la carta misma.\r\nNo un resumen.  ",
    )

    saved = ClauseVersion.objects.get(pk=version.pk)
    assert (saved.number, saved.commentary, saved.commentary_es) == (
        2,
        "Ask for the letter itself.\nNot a summary.",
        "Pida la carta misma.\nNo un resumen.",
    )
    assert clause("no-match-letters").versions.get(number=1).commentary_es == NO_MATCH_ES


def test_fill_writes_the_shipped_spanish_commentary_only_where_the_english_is_the_shipped_text(admin):
    ClauseVersion.objects.update(commentary_es="")  # as before migration 0004
    edited = new_version("e-verify-no-enrollment", admin, commentary="Check the ALJ decision first.")
    translated = new_version("no-match-letters", admin, commentary_es="Texto del personal.")

    filled = FILL.fill_spanish_commentary(ClauseVersion)

    assert filled == len(seed_text.CLAUSES) == 21
    spanish = dict(ClauseVersion.objects.values_list("pk", "commentary_es"))
    assert spanish.pop(edited.pk) == ""
    assert spanish.pop(translated.pk) == "Texto del personal."
    assert spanish == {
        clause(row["code"]).versions.get(number=1).pk: row["commentary_es"] for row in seed_text.CLAUSES
    }
    assert spanish[clause("no-match-letters").versions.get(number=1).pk] == NO_MATCH_ES
    assert FILL.fill_spanish_commentary(ClauseVersion) == 0


def test_search_finds_a_word_of_the_spanish_commentary(db):
    found = ClauseVersion.objects.current().matching("ÁRBITROS")

    assert [v.clause.code for v in found] == ["no-match-letters"]


def test_search_finds_the_spanish_commentary_of_a_new_version(admin):
    new_version("privacy-status", admin, commentary_es="Revise también la nómina de los contratistas.")

    found = ClauseVersion.objects.current().matching("contratistas")

    assert [(v.clause.code, v.number) for v in found] == [("privacy-status", 2)]
