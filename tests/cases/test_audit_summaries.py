"""The summaries cases writes read in the reader's language in the audit log (cases/audit.py)."""

import pytest
from django.utils import translation

from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import ContactFactory, WorksiteFactory

pytestmark = pytest.mark.django_db


def test_cases_summaries_are_translated_with_readable_values(organization):
    worksite = WorksiteFactory(organization=organization)
    contact = ContactFactory(worksite=worksite)
    stage = AuditEvent.objects.record(
        action="update", obj=worksite, summary="stage recorded: committee on 2026-03-01"
    )
    changed = AuditEvent.objects.record(action="update", obj=contact, summary="contact changed: name")
    exported = AuditEvent.objects.record(
        action="export", organization=organization, summary="exported 2 contacts as CSV"
    )
    created = AuditEvent.objects.record(action="create", obj=worksite, summary="worksite created")
    events = (stage, changed, exported, created)
    with translation.override("en"):
        assert [translate_summary(event) for event in events] == [
            "Stage recorded: Committee formed on March 1, 2026",
            "Contact changed: name",
            "Exported 2 contacts as CSV",
            "Worksite created",
        ]
    with translation.override("es"):
        assert [translate_summary(event) for event in events] == [
            "Etapa registrada: Comité formado el 1 de marzo de 2026",
            "Contacto modificado: nombre",
            "Se exportaron 2 contactos como CSV",
            "Lugar de trabajo creado",
        ]
