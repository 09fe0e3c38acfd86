"""The member-management summaries read in the reader's language in the audit log (accounts/audit.py)."""

import pytest
from django.utils import translation

from power_campaign.accounts import services
from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from tests.factories import member

pytestmark = pytest.mark.django_db


def summaries_of(events, language):
    with translation.override(language):
        return [translate_summary(event) for event in events]


def test_member_management_summaries_are_translated_with_role_names(admin, organization):
    colleague = member("organizer", organization, username="colleague")
    membership = colleague.memberships.get()
    services.change_role(membership=membership, role="legal", user=admin)
    services.lift_lockout(membership=membership, user=admin)
    services.reset_two_factor(membership=membership, user=admin)
    services.remove_member(membership=membership, user=admin)
    events = list(AuditEvent.objects.for_object(colleague).order_by("sequence"))

    assert [event.summary for event in events] == [
        "role changed: organizer → legal",
        "sign-in lock lifted: 0 records → 0",
        "two-factor login reset: 0 authenticator(s) → 0",
        "member removed: legal → none",
    ]
    assert summaries_of(events, "en") == [
        "Role changed: Organizer → Legal staff",
        "Sign-in lock lifted (0 failed sign-ins cleared)",
        "Two-factor login reset (0 authenticators removed)",
        "Member removed (was Legal staff)",
    ]
    assert summaries_of(events, "es") == [
        "Rol cambiado: Organizador(a) → Equipo legal",
        "Bloqueo de inicio de sesión levantado (0 intentos fallidos borrados)",
        "Verificación en dos pasos restablecida (0 autenticadores eliminados)",
        "Miembro retirado (era Equipo legal)",
    ]
