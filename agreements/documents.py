"""The document kinds this app makes (see power_campaign/documents/kinds.py)."""

from django.utils.translation import gettext_lazy as _

EXECUTED_AGREEMENT = "executed_agreement"
SIGNATURE_CERTIFICATE = "signature_certificate"

KINDS = {
    EXECUTED_AGREEMENT: _("Executed neutrality agreement"),
    SIGNATURE_CERTIFICATE: _("Certificate of completion (electronic signatures)"),
}
