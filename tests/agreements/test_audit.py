"""The agreements app's audit summaries, shown in the reader's language."""

import datetime

import pytest
from django.utils import translation

from agreements import services
from agreements.models import BreachReport
from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent

PRIVACY_ES = "Privacidad de los datos de los trabajadores"


def shown(obj, language):
    events = AuditEvent.objects.for_object(obj).order_by("sequence")
    with translation.override(language):
        return [translate_summary(event) for event in events]


@pytest.fixture
def worked_breach(active_agreement, incident, organizer, admin):
    breach = services.report_breach(
        agreement=active_agreement,
        incident=incident,
        component="privacy",
        description="Shared files.",
        user=organizer,
    )
    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 7, 1), user=admin)
    services.set_cure_by(breach=breach, cure_by=datetime.date(2026, 7, 15), user=admin)
    return breach


def test_breach_history_in_english(worked_breach, incident):
    assert shown(worked_breach, "en") == [
        f"Breach reported: incident {incident.uuid}, section: Privacy of employee data",
        "status: Reported → Raised with the employer",
        "Cure period ends July 1, 2026",
        "Cure period changed: July 1, 2026 → July 15, 2026",
    ]


def test_breach_history_in_spanish(worked_breach, incident):
    assert shown(worked_breach, "es") == [
        f"Incumplimiento reportado: incidente {incident.uuid}, sección: {PRIVACY_ES}",
        "estado: Reportado → Planteado al empleador",
        "El plazo de subsanación termina el 1 de julio de 2026",
        "Plazo de subsanación cambiado: 1 de julio de 2026 → 15 de julio de 2026",
    ]


def test_flag_and_notification_in_spanish(
    active_agreement, site, organizer, admin, django_capture_on_commit_callbacks
):
    from tests.agreements.test_flags import log_incident

    with django_capture_on_commit_callbacks(execute=True):
        incident = log_incident(site, organizer)

    assert shown(BreachReport.objects.get(), "es") == [
        f"Posible incumplimiento señalado automáticamente: incidente {incident.uuid}",
        "Posible incumplimiento: 1 de 1 administrador avisado por correo electrónico",
    ]


def test_agreement_history_in_spanish(agreement, organizer, admin):
    services.add_review_comment(agreement=agreement, component="", text="Bien.", user=organizer)
    services.add_review_comment(agreement=agreement, component="privacy", text="Plazo.", user=admin)

    assert shown(agreement, "es")[1:] == [
        "Comentario de revisión sobre la versión 1, sobre todo el acuerdo",
        f"Comentario de revisión sobre la versión 1, sección: {PRIVACY_ES}",
    ]
    assert shown(agreement, "es")[0].startswith(
        "Acuerdo redactado a partir de la versión 1 de la plantilla (versión 1, SHA-256 "
    )


def test_termination_and_expiry_in_spanish(active_agreement, admin, organization, organizer, template):
    from tests.agreements.conftest import make_active
    from tests.cases.factories import WorksiteFactory

    services.terminate_agreement(agreement=active_agreement, reason="Cierre.", user=admin)
    ended = make_active(
        WorksiteFactory(organization=organization), template, organizer, expires_on=datetime.date(2026, 6, 4)
    )
    services.expire_agreements(today=datetime.date(2026, 6, 5))

    assert shown(active_agreement, "es")[-2:] == ["estado: Vigente → Terminado", "Acuerdo terminado"]
    assert shown(ended, "es")[-2:] == [
        "estado: Vigente → Vencido",
        "Acuerdo vencido: su vigencia terminó el 4 de junio de 2026",
    ]
