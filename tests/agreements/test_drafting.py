import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from agreements import seed_text, services
from agreements.models import Agreement, AgreementVersion, canonical_sha256
from power_campaign.audit.models import AuditEvent
from power_campaign.immutable import ImmutableError
from tests.agreements.conftest import VALUES


def test_fill_replaces_every_known_placeholder_and_nothing_else():
    sections = [
        {
            "component": "parties_sites",
            "heading_en": "{employer}",
            "heading_es": "{employer}",
            "body_en": (
                "{employer} and {union} at {sites}, {term_months} months from {effective_date}; {other}"
            ),
            "body_es": "{union}",
        }
    ]

    filled = services.fill(sections, VALUES)

    assert filled == [
        {
            "component": "parties_sites",
            "heading_en": "Acme Poultry",
            "heading_es": "Acme Poultry",
            "body_en": (
                "Acme Poultry and Local 705 at the Cicero plant, 24 months from March 1, 2027; {other}"
            ),
            "body_es": "Local 705",
        }
    ]


def test_fill_writes_the_effective_date_in_each_text_s_language():
    sections = [
        {
            "component": "parties_sites",
            "heading_en": "",
            "heading_es": "",
            "body_en": "It takes effect on {effective_date}.",
            "body_es": "Entra en vigor el {effective_date}.",
        }
    ]

    def filled(value):
        section = services.fill(sections, {"effective_date": value})[0]
        return section["body_en"], section["body_es"]

    assert filled("2027-03-01") == (
        "It takes effect on March 1, 2027.",
        "Entra en vigor el 1 de marzo de 2027.",
    )
    assert filled("") == (
        "It takes effect on the day both parties have signed it.",
        "Entra en vigor el día en que ambas partes lo hayan firmado.",
    )
    # A value written before the effective date was a date is filled as it is.
    assert filled("upon ratification") == (
        "It takes effect on upon ratification.",
        "Entra en vigor el upon ratification.",
    )


def test_an_effective_date_that_is_not_a_date_is_refused(site, template, organizer):
    values = {**VALUES, "effective_date": "next spring"}

    with pytest.raises(services.AgreementError) as refused:
        services.create_agreement(worksite=site, template=template, values=values, user=organizer)

    assert refused.value.messages == [
        "The effective date must be a date, or empty: the agreement then takes effect on the day both "
        "parties have signed."
    ]
    assert not Agreement.objects.exists()


def test_fill_keeps_one_period_after_a_value_that_ends_with_its_own():
    sections = [
        {
            "component": "parties_sites",
            "heading_en": "",
            "heading_es": "",
            "body_en": "Any dispute with {employer}. {union}. In {sites}.",
            "body_es": "Con {employer}. Sin {term_months}.",
        }
    ]
    values = {"employer": "Prairie Star Inc.", "union": "Local 705", "sites": "Cicero, Ill."}
    values["term_months"] = "2"

    filled = services.fill(sections, values)[0]

    assert (filled["body_en"], filled["body_es"]) == (
        "Any dispute with Prairie Star Inc. Local 705. In Cicero, Ill.",
        "Con Prairie Star Inc. Sin 2.",
    )
    # A value is not read for placeholders of its own.
    tricky = services.fill(sections, {**values, "employer": "Acme {union}"})[0]
    assert tricky["body_es"] == "Con Acme {union}. Sin 2."


def test_create_agreement_first_version_is_the_filled_template(site, template, organizer):
    agreement = services.create_agreement(worksite=site, template=template, values=VALUES, user=organizer)

    version = agreement.versions.get()
    assert version.number == 1
    assert version.sections == services.fill(seed_text.SECTIONS, VALUES)
    assert len(version.sections) == len(seed_text.SECTIONS)
    assert "{" not in version.sections[0]["body_en"]
    assert version.sha256 == canonical_sha256(version.sections)
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.organization == site.organization
    assert AuditEvent.objects.for_object(agreement).filter(action=AuditEvent.Action.CREATE).count() == 1


def test_create_agreement_missing_value_saves_nothing(site, template, organizer):
    values = dict(VALUES, union="  ", sites="")

    with pytest.raises(services.AgreementError) as error:
        services.create_agreement(worksite=site, template=template, values=values, user=organizer)

    assert error.value.messages == [
        "Fill in every placeholder: Union or worker organization, Worksites covered."
    ]
    assert Agreement.objects.count() == 0
    assert AgreementVersion.objects.count() == 0


def test_create_agreement_missing_value_message_in_spanish(site, template, organizer):
    with translation.override("es"), pytest.raises(services.AgreementError) as error:
        services.create_agreement(worksite=site, template=template, values={}, user=organizer)

    # The effective date may be empty (the day both parties have signed): it is not named.
    assert error.value.messages == [
        "Rellene todos los marcadores: Nombre legal del empleador, Sindicato u organización de "
        "trabajadores, Lugares de trabajo cubiertos, Duración en meses."
    ]


def test_create_agreement_refused_for_another_organization(site, template, other_admin):
    with pytest.raises(PermissionDenied):
        services.create_agreement(worksite=site, template=template, values=VALUES, user=other_admin)

    assert Agreement.objects.count() == 0


def test_save_draft_adds_a_version_per_save(agreement, organizer):
    sections = agreement.latest_version().sections
    original = sections[0]["body_en"]
    sections[0]["body_en"] += " Added sentence."

    second = services.save_draft(agreement=agreement, sections=sections, values=VALUES, user=organizer)
    sections[0]["body_en"] += " Another."
    third = services.save_draft(agreement=agreement, sections=sections, values=VALUES, user=organizer)

    assert list(agreement.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert (second.number, third.number) == (2, 3)
    assert third.sections[0]["body_en"] == original + " Added sentence. Another."
    assert agreement.versions.get(number=1).sections[0]["body_en"] == original
    assert "Added" not in agreement.versions.get(number=1).sections[0]["body_en"]


def test_save_draft_unchanged_text_adds_no_version(agreement, organizer):
    sections = agreement.latest_version().sections

    version = services.save_draft(agreement=agreement, sections=sections, values=VALUES, user=organizer)

    assert version.number == 1
    assert agreement.versions.count() == 1


def test_save_draft_missing_value_saves_nothing(agreement, organizer):
    sections = agreement.latest_version().sections

    with pytest.raises(services.AgreementError):
        services.save_draft(
            agreement=agreement, sections=sections, values=dict(VALUES, employer=""), user=organizer
        )

    agreement.refresh_from_db()
    assert agreement.values == VALUES
    assert agreement.versions.count() == 1


def test_save_draft_refused_while_in_review(agreement, organizer):
    services.submit_for_review(agreement=agreement, user=organizer)
    sections = agreement.latest_version().sections
    sections[0]["body_en"] = "Changed."

    with pytest.raises(services.AgreementError) as error:
        services.save_draft(agreement=agreement, sections=sections, values=VALUES, user=organizer)

    assert error.value.messages == ["This agreement cannot be edited while it is “In review”."]
    assert agreement.versions.count() == 1


def test_agreement_version_is_immutable(agreement):
    version = agreement.latest_version()
    version.sections = []

    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"term_months": "abc"}, "The term is a whole number of months, from 1 to 120."),
        ({"term_months": "-5"}, "The term is a whole number of months, from 1 to 120."),
        ({"term_months": "0"}, "The term is a whole number of months, from 1 to 120."),
        ({"term_months": "121"}, "The term is a whole number of months, from 1 to 120."),
        ({"term_months": "12 months"}, "The term is a whole number of months, from 1 to 120."),
        ({"effective_date": "1900-01-01"}, "The effective date must be between January 1, 2000 and "),
        ({"effective_date": "2099-12-31"}, "The effective date must be between January 1, 2000 and "),
    ],
)
def test_a_term_or_effective_date_out_of_range_is_refused(site, template, organizer, changes, message):
    with pytest.raises(services.AgreementError) as refused:
        services.create_agreement(
            worksite=site, template=template, values={**VALUES, **changes}, user=organizer
        )

    assert refused.value.messages[0].startswith(message)
    assert not Agreement.objects.exists()


def test_changing_the_term_and_effective_date_changes_the_text_where_the_template_puts_them(
    agreement, organizer
):
    sections = agreement.latest_version().sections
    assert "takes effect on March 1, 2027 and lasts 24 months." in sections[0]["body_en"]
    values = {**VALUES, "term_months": "36", "effective_date": ""}

    version = services.save_draft(agreement=agreement, sections=sections, values=values, user=organizer)

    body_en, body_es = version.sections[0]["body_en"], version.sections[0]["body_es"]
    assert "takes effect on the day both parties have signed it and lasts 36 months." in body_en
    assert "24" not in body_en and "March 1, 2027" not in body_en
    assert "entra en vigor el día en que ambas partes lo hayan firmado y dura 36 meses." in body_es.lower()
    assert version.sections[1:] == sections[1:]
    agreement.refresh_from_db()
    assert agreement.values == {k: v for k, v in values.items() if v}


def test_changing_the_employer_changes_every_place_it_is_named(agreement, organizer):
    sections = agreement.latest_version().sections
    count = sum(s[key].count("Acme Poultry") for s in sections for key in ("body_en", "body_es"))

    version = services.save_draft(
        agreement=agreement,
        sections=sections,
        values={**VALUES, "employer": "Acme Foods LLC"},
        user=organizer,
    )

    text = " ".join(s[key] for s in version.sections for key in ("body_en", "body_es"))
    assert (text.count("Acme Poultry"), text.count("Acme Foods LLC")) == (0, count)


def test_a_value_changed_where_the_text_was_reworded_is_refused_and_nothing_saved(agreement, organizer):
    sections = agreement.latest_version().sections
    sections[0]["body_en"] = sections[0]["body_en"].replace("lasts 24 months", "lasts two years")

    with pytest.raises(services.AgreementError) as refused:
        services.save_draft(
            agreement=agreement, sections=sections, values={**VALUES, "term_months": "36"}, user=organizer
        )

    assert refused.value.messages == [
        "The text no longer reads “and lasts 24 months. After that it continues month” where the template "
        "puts “Term in months”: write the new value in the text yourself, or keep the value as it was."
    ]
    assert agreement.versions.count() == 1
    agreement.refresh_from_db()
    assert agreement.values == VALUES


def test_a_value_changed_in_the_text_by_hand_too_is_saved_as_written(agreement, organizer):
    sections = agreement.latest_version().sections
    for key, words in (("body_en", "lasts {} months"), ("body_es", "dura {} meses")):
        sections[0][key] = sections[0][key].replace(words.format(24), words.format(36))

    version = services.save_draft(
        agreement=agreement, sections=sections, values={**VALUES, "term_months": "36"}, user=organizer
    )

    assert version.sections == sections
