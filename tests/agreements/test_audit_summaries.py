"""The signature summaries agreements writes read in the reader's language in the audit log."""

from django.utils import timezone, translation
from django.utils.formats import date_format

from agreements import signing
from agreements.models import SignatureRequest
from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from tests.agreements.signing_helpers import approve, png_data_url, send


def test_signature_summaries_are_translated(agreement, organizer, admin):
    tokens = send(approve(agreement, organizer, admin), admin)
    union = SignatureRequest.objects.get(party="union")
    signing.revoke_request(signature_request=SignatureRequest.objects.get(party="employer"), user=admin)
    png = signing.signature_png(png_data_url())
    signing.sign(token=tokens["union"], kind="drawn", png=png, name="R", title="P", consent_text="c")
    day = timezone.localdate(union.expires_at)
    sha = agreement.approved_version.sha256
    events = {
        e.summary: e
        for e in AuditEvent.objects.filter(
            object_type="agreements.signaturerequest", object_id=str(union.uuid)
        )
    }
    sent = events[f"signature request sent to the union signer for version 1, expires {day.isoformat()}"]
    signed = events[f"agreement signed by the union signer (drawn) on version 1 ({sha})"]
    revoked = AuditEvent.objects.get(summary="signature request of the employer signer revoked")

    with translation.override("en"):
        short = date_format(day, "SHORT_DATE_FORMAT")
        assert [translate_summary(e) for e in (sent, signed, revoked)] == [
            f"Signing link sent to the Union signer (version 1), valid until {short}",
            f"Signed by the Union signer (Drawn), version 1 ({sha})",
            "Signing link of the Employer signer revoked",
        ]
    with translation.override("es"):
        short = date_format(day, "SHORT_DATE_FORMAT")
        assert [translate_summary(e) for e in (sent, signed, revoked)] == [
            f"Enlace de firma enviado al firmante de la parte Sindicato (versión 1), válido hasta el {short}",
            f"Firmado por el firmante de la parte Sindicato (Dibujada), versión 1 ({sha})",
            "Enlace de firma del firmante de la parte Empleador revocado",
        ]
