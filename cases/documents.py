"""The document kinds this app makes (see power_campaign/documents/kinds.py)."""

from django.utils.translation import gettext_lazy as _

CHRONOLOGY = "chronology"

KINDS = {
    CHRONOLOGY: _("Retaliation chronology"),
}
