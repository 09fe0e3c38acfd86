"""The summaries contracts writes read in the reader's language in the audit log (contracts/audit.py)."""

import datetime

from django.utils import translation

from contracts import exports, services
from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from tests.contracts.conftest import LATER_DAY


def test_contract_summaries_are_translated(admin, organizer, at_table):
    pc = at_table.clauses.first()
    services.edit_clause(
        proposal_clause=pc,
        title_en=pc.title_en,
        title_es=pc.title_es,
        body_en="New text.",
        body_es=pc.body_es,
        article=pc.article,
        order=pc.order,
        user=organizer,
    )
    for proposal_clause in at_table.clauses.all():
        services.record_status(
            proposal_clause=proposal_clause, status="tentative", date=LATER_DAY, user=organizer
        )
    services.ratify(proposal=at_table, date=datetime.date(2026, 11, 20), user=admin)
    exports.export_docx(proposal=at_table, language="both", user=organizer)
    summaries = [
        "contract proposal drafted",
        "clause edited: body_en",
        "contract ratified on 2026-11-20 with 3 clauses",
        "contract proposal exported as Word (both)",
    ]
    events = [AuditEvent.objects.get(summary=summary) for summary in summaries]

    with translation.override("en"):
        assert [translate_summary(event) for event in events] == [
            "Contract proposal drafted",
            "Clause edited: text",
            "Contract ratified on November 20, 2026 with 3 clauses",
            "Contract proposal exported as Word (Side by side)",
        ]
    with translation.override("es"):
        assert [translate_summary(event) for event in events] == [
            "Propuesta de contrato redactada",
            "Cláusula editada: texto",
            "Contrato ratificado el 20 de noviembre de 2026 con 3 cláusulas",
            "Propuesta de contrato exportada como Word (Lado a lado)",
        ]
