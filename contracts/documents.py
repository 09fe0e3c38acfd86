"""The document kinds this app makes (see power_campaign/documents/kinds.py)."""

from django.utils.translation import gettext_lazy as _

CONTRACT_PROPOSAL = "contract_proposal"

KINDS = {
    CONTRACT_PROPOSAL: _("Contract proposal"),
}
