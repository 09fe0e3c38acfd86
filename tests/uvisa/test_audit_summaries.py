"""The audit log shows the U-visa app's summaries in the reader's language, naming no client detail."""

import pytest
from django.utils import translation

from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from uvisa.models import FamilyMember


@pytest.mark.parametrize(
    ("stored", "english", "spanish"),
    [
        (
            "U-visa case opened from referral 0b3c6f9e-2a51-4f7e-9a57-1c7d1e0f4b2a",
            "U-visa case opened from a referral",
            "Caso de visa U abierto desde una remisión",
        ),
        (
            "intake harm saved: harm_types, crime_in_us",
            "Intake saved (Harm): harm suffered, happened in the United States or violated US law",
            "Entrevista inicial guardada (Daño): daño sufrido, "
            "ocurrió en Estados Unidos o violó la ley de Estados Unidos",
        ),
        (
            "screening saved: harm, jurisdiction_reason",
            "Screening saved: substantial physical or mental abuse, "
            "reason: occurred in the United States or violated US law",
            "Evaluación guardada: abuso físico o mental sustancial, "
            "motivo: ocurrió en Estados Unidos o violó la ley de Estados Unidos",
        ),
        (
            "qualifying activity screened: extortion",
            "Qualifying activity screened: Extortion",
            "Actividad que califica evaluada: Extorsión",
        ),
        (
            "certification request drafted for nlrb",
            "Certification request drafted for National Labor Relations Board (NLRB)",
            "Solicitud de certificación redactada para National Labor Relations Board (NLRB)",
        ),
        (
            "follow-up due 2027-01-05",
            "Follow-up due January 5, 2027",
            "Seguimiento para el 5 de enero de 2027",
        ),
        (
            "declaration saved: text, translator_name",
            "Declaration saved: declaration in the client's words, translator's name",
            "Declaración guardada: declaración con las palabras de la persona, nombre del traductor",
        ),
        (
            "victim information sheet saved: gender, a_number",
            "Victim information sheet saved: gender, A-number",
            "Hoja de información de la víctima guardada: género, Número A",
        ),
        (
            "certification request packet 0b3c6f9e-2a51-4f7e-9a57-1c7d1e0f4b2a exported (6 exhibits)",
            "Certification request packet exported (6 exhibits)",
            "Paquete de solicitud de certificación exportado (6 anexos)",
        ),
        (
            "request_outcome",
            "Page viewed: Record the agency's answer",
            "Página consultada: Registrar la respuesta de la agencia",
        ),
        (
            "filing checklist v2 generated: 3 missing",
            "Filing checklist version 2 generated: 3 items missing",
            "Lista para presentar, versión 2 generada: faltan 3 elementos",
        ),
    ],
)
def test_summaries_are_shown_in_the_readers_language(case, legal, stored, english, spanish):
    event = AuditEvent.objects.record(action="update", actor=legal, obj=case, summary=stored)
    with translation.override("en"):
        assert translate_summary(event) == english
    with translation.override("es"):
        assert translate_summary(event) == spanish


def test_family_member_summary_names_the_relationship_only(case, legal):
    member = FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    event = AuditEvent.objects.record(
        action="create", actor=legal, obj=member, summary="family member added: child"
    )
    with translation.override("es"):
        assert translate_summary(event) == "Familiar agregado: Hijo o hija"


def test_petition_summaries_name_kind_and_fields(case, legal):
    from uvisa.models import Petition

    petition = Petition.objects.create(case=case, kind="principal", created_by=legal)
    created = AuditEvent.objects.record(
        action="create", actor=legal, obj=petition, summary="petition created: principal"
    )
    saved = AuditEvent.objects.record(
        action="update", actor=legal, obj=petition, summary="petition saved: filed_on, receipt_number"
    )
    with translation.override("es"):
        assert [translate_summary(created), translate_summary(saved)] == [
            "Petición agregada: Principal (Formulario I-918)",
            "Petición guardada: fecha de presentación, número de recibo",
        ]


SCREENED_AND_DRAFTED = ("qualifying activity screened: extortion", "certification request drafted for nlrb")


def test_a_page_of_summaries_reads_each_reference_table_once(case, legal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from power_campaign.audit import display

    def page(n):
        for _ in range(n):
            for stored in SCREENED_AND_DRAFTED:
                AuditEvent.objects.record(action="update", actor=legal, obj=case, summary=stored)
        events = list(AuditEvent.objects.filter(object_id=str(case.uuid)).order_by("sequence"))
        with CaptureQueriesContext(connection) as queries:
            rows = display.rows(events, links=False)
        return rows, len(queries)

    few_rows, few = page(1)
    many_rows, many = page(8)

    assert [row.summary for row in many_rows[:2]] == [
        "Qualifying activity screened: Extortion",
        "Certification request drafted for National Labor Relations Board (NLRB)",
    ]
    assert (len(few_rows), len(many_rows), few, many) == (2, 18, 2, 2)  # the activities, then the agencies
