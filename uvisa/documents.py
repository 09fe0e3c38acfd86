"""The document kinds this app makes (see power_campaign/documents/kinds.py)."""

from django.utils.translation import gettext_lazy as _

COVER_LETTER = "uvisa_cover_letter"
VICTIM_INFORMATION = "uvisa_victim_information"
DECLARATION = "uvisa_declaration"
TIMELINE = "uvisa_timeline"
FILING_CHECKLIST = "uvisa_filing_checklist"

KINDS = {
    COVER_LETTER: _("U-visa certification request letter"),
    VICTIM_INFORMATION: _("Victim information sheet (Form I-918 Supplement B, Part 1)"),
    DECLARATION: _("Client's declaration, translation and translator's certificate"),
    TIMELINE: _("Incident timeline"),
    FILING_CHECKLIST: _("USCIS filing checklist (Form I-918)"),
}
