"""The document kinds this app makes (see power_campaign/documents/kinds.py)."""

from django.utils.translation import gettext_lazy as _

# The text of an agreement (its approved, else latest, version) printed and signed: a new version each time.
AGREEMENT_TEXT = "agreement_text"
# The summary that opens a labor-dispute evidence packet: timeline, incidents, breaches, agency filings.
LABOR_DISPUTE_SUMMARY = "labor_dispute_summary"
# The agreement signed by both parties, with its certificate of completion; and that certificate alone.
EXECUTED_AGREEMENT = "executed_agreement"
SIGNATURE_CERTIFICATE = "signature_certificate"

KINDS = {
    AGREEMENT_TEXT: _("Neutrality agreement text"),
    LABOR_DISPUTE_SUMMARY: _("Labor-dispute summary"),
    EXECUTED_AGREEMENT: _("Executed neutrality agreement"),
    SIGNATURE_CERTIFICATE: _("Certificate of completion (electronic signatures)"),
}
