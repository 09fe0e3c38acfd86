"""Document kinds are declared by the apps that make them: no platform edit, no migration per kind."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import translation

from power_campaign.documents import api
from tests.factories import simple_pdf

pytestmark = pytest.mark.django_db


def store(organization, user, kind):
    return api.store_document(
        organization=organization,
        kind=kind,
        title="t",
        pdf=simple_pdf(),
        signed=False,
        language="en",
        user=user,
        access="legal",
    )


def test_the_platform_declares_packet_and_notice_and_each_app_its_own_kinds():
    with translation.override("en"):  # whatever language an earlier test left active
        kinds = {code: str(label) for code, label in api.document_kinds().items()}
    assert kinds == {
        "packet": "Exhibit packet",
        "notice": "Notice",
        "chronology": "Retaliation chronology",
        "agreement_text": "Neutrality agreement text",
        "labor_dispute_summary": "Labor-dispute summary",
        "contract_proposal": "Contract proposal",
        "executed_agreement": "Executed neutrality agreement",
        "signature_certificate": "Certificate of completion (electronic signatures)",
        "uvisa_cover_letter": "U-visa certification request letter",
        "uvisa_victim_information": "Victim information sheet (Form I-918 Supplement B, Part 1)",
        "uvisa_declaration": "Client's declaration, translation and translator's certificate",
        "uvisa_timeline": "Incident timeline",
        "uvisa_filing_checklist": "USCIS filing checklist (Form I-918)",
    }


def test_kind_label_is_in_the_active_language(organization, legal):
    document = store(organization, legal, "chronology")
    with translation.override("es"):
        assert (document.get_kind_display(), api.kind_label("packet")) == (
            "Cronología de represalias",
            "Paquete de anexos",
        )


def test_an_undeclared_kind_is_refused(organization, legal):
    with pytest.raises(ValueError, match="Undeclared document kind 'proposal'"):
        store(organization, legal, "proposal")
    assert api.Document.objects.count() == 0


def test_a_new_app_adds_a_kind_without_a_migration(organization, legal):
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.documents.kinds_app"]):
        document = store(organization, legal, "neutrality_agreement")
        assert document.get_kind_display() == "ICE neutrality agreement"
    assert "neutrality_agreement" not in api.document_kinds()


def test_a_kind_declared_twice_is_a_configuration_error():
    clashing = [*settings.INSTALLED_APPS, "tests.documents.clashing_app"]
    with override_settings(INSTALLED_APPS=clashing), pytest.raises(ImproperlyConfigured) as error:
        api.document_kinds()
    assert (
        str(error.value) == "Document kind 'chronology' of tests.documents.clashing_app is already declared."
    )
