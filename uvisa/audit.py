"""How the audit log shows the summaries the U-visa app writes, in the reader's language (the hook of
power_campaign.audit.display; the stored summaries stay in English, as they are hashed). No summary names
the client or holds what they said."""

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from power_campaign.audit.display import choice, field_names, local_date, reference

STEPS = {
    "client": lambda: _("Client"),
    "harm": lambda: _("Harm"),
    "helpfulness": lambda: _("Helpfulness"),
    "family": lambda: _("Family"),
    "trafficking": lambda: _("T-visa indicators"),
}


# The pages whose every view is recorded (the view's URL name is the summary: uvisa/views.py), as the
# reader's language names them.
PAGES = {
    "case": lambda: _("U-visa case"),
    "intake": lambda: _("Intake"),
    "screening": lambda: _("Screening"),
    "request_create": lambda: _("Request a certification"),
    "request": lambda: _("Certification request"),
    "request_send": lambda: _("Record the sending"),
    "request_outcome": lambda: _("Record the agency's answer"),
    "petition_create": lambda: _("Petition"),
    "petition": lambda: _("Petition"),
    "declaration": lambda: _("Declaration"),
    "victim_information": lambda: _("Victim information"),
    "filing_checklist": lambda: _("Filing checklist"),
    "request_packet": lambda: _("Certification request packet"),
    "case_close": lambda: _("Close the case"),
    "case_hold": lambda: _("Legal hold"),
}


def _fixed(text, translated):
    return re.escape(text), lambda event, match: translated()


def _activity(code):
    from .models import QualifyingActivity

    found = reference(QualifyingActivity, code)
    return found.label if found else code


def _agency(code):
    from .models import CertifyingAgency

    found = reference(CertifyingAgency, code)
    return found.label if found else code


def summaries():
    date = r"(?P<date>\d{4}-\d\d-\d\d)"
    return [
        (
            "(?P<page>" + "|".join(PAGES) + ")",
            lambda event, m: (
                _("Page viewed: %(page)s") % {"page": PAGES[m["page"]]()}
                if event.object_type.startswith("uvisa.")
                else event.summary
            ),
        ),
        (
            r"U-visa case opened from referral [0-9a-f-]{36}",
            lambda event, m: _("U-visa case opened from a referral"),
        ),
        (
            r"U-visa case assigned to (?P<names>.+)",
            lambda event, m: _("U-visa case assigned to %(names)s") % {"names": m["names"]},
        ),
        _fixed("U-visa case open to all legal staff", lambda: _("U-visa case open to all legal staff")),
        (
            r"intake (?P<step>\w+) saved: (?P<fields>.+)",
            lambda event, m: (
                _("Intake saved (%(step)s): %(fields)s")
                % {
                    "step": STEPS.get(m["step"], lambda: m["step"])(),
                    "fields": field_names(event, m["fields"]),
                }
            ),
        ),
        (
            r"family member added: (?P<relationship>\w+)",
            lambda event, m: (
                _("Family member added: %(relationship)s")
                % {"relationship": choice(event, "relationship", m["relationship"])}
            ),
        ),
        _fixed("family member removed", lambda: _("Family member removed")),
        (
            r"screening saved: (?P<fields>.+)",
            lambda event, m: _("Screening saved: %(fields)s") % {"fields": _screening_fields(m["fields"])},
        ),
        (
            r"qualifying activity screened: (?P<code>\w+)",
            lambda event, m: (
                _("Qualifying activity screened: %(activity)s") % {"activity": _activity(m["code"])}
            ),
        ),
        (
            r"qualifying activity removed: (?P<code>\w+)",
            lambda event, m: (
                _("Qualifying activity removed: %(activity)s") % {"activity": _activity(m["code"])}
            ),
        ),
        (
            r"certification request drafted for (?P<code>\w+)",
            lambda event, m: (
                _("Certification request drafted for %(agency)s") % {"agency": _agency(m["code"])}
            ),
        ),
        (
            r"petition created: (?P<kind>\w+)",
            lambda event, m: _("Petition added: %(kind)s") % {"kind": choice(event, "kind", m["kind"])},
        ),
        (
            r"petition saved: (?P<fields>.+)",
            lambda event, m: _("Petition saved: %(fields)s") % {"fields": field_names(event, m["fields"])},
        ),
        _fixed("original certification in hand: yes", lambda: _("Original certification in hand")),
        _fixed("original certification in hand: no", lambda: _("Original certification not in hand")),
        (
            rf"follow-up due {date}",
            lambda event, m: _("Follow-up due %(date)s") % {"date": local_date(m["date"])},
        ),
        (
            rf"follow-up done {date}",
            lambda event, m: _("Follow-up done %(date)s") % {"date": local_date(m["date"])},
        ),
        (
            r"declaration saved: (?P<fields>.+)",
            lambda event, m: (
                _("Declaration saved: %(fields)s") % {"fields": _declaration_fields(m["fields"])}
            ),
        ),
        (
            r"victim information sheet saved: (?P<fields>.+)",
            lambda event, m: (
                _("Victim information sheet saved: %(fields)s") % {"fields": field_names(event, m["fields"])}
            ),
        ),
        (
            r"certification request packet [0-9a-f-]{36} exported \((?P<count>\d+) exhibits\)",
            lambda event, m: (
                _("Certification request packet exported (%(count)s exhibits)") % {"count": m["count"]}
            ),
        ),
        (
            r"filing checklist v(?P<version>\d+) generated: (?P<count>\d+) missing",
            lambda event, m: (
                _("Filing checklist version %(version)s generated: %(count)s items missing")
                % {"version": m["version"], "count": m["count"]}
            ),
        ),
        *retention_summaries(),
    ]


def _declaration_fields(names):
    from .models import Declaration

    readable = []
    for name in (n.strip() for n in names.split(",")):
        if name == "nothing":
            return _("nothing")
        try:
            readable.append(str(Declaration._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            readable.append(name)
    return ", ".join(readable)


def _screening_fields(names):
    from .models import Screening

    readable = []
    for name in (n.strip() for n in names.split(",")):
        if name == "nothing":
            return _("nothing")
        try:
            field = Screening._meta.get_field(name)
        except FieldDoesNotExist:  # a field since renamed is shown by its stored name
            readable.append(name)
            continue
        readable.append(
            str(field.verbose_name)
            if not name.endswith("_reason")
            else _("reason: %(requirement)s")
            % {"requirement": Screening._meta.get_field(name.removesuffix("_reason")).verbose_name}
        )
    return ", ".join(readable)


def retention_summaries():
    """Closing, legal holds, purges, reports and the inventory (uvisa/retention.py, report_views.py)."""
    return [
        _fixed("case closed", lambda: _("Case closed")),
        _fixed("legal hold set", lambda: _("Legal hold set")),
        _fixed("legal hold lifted", lambda: _("Legal hold lifted")),
        (
            r"purged: fields (?P<fields>\d+), family_members (?P<family>\d+), "
            r"(?:declarations (?P<declarations>\d+), )?links (?P<links>\d+), "
            r"documents (?P<documents>\d+), packets (?P<packets>\d+), exhibits (?P<exhibits>\d+), "
            r"files (?P<files>\d+)",
            lambda event, m: (
                _(
                    "Purged: %(fields)s fields, %(family)s family members, %(declarations)s declarations, "
                    "%(links)s links to worksite records, "
                    "%(documents)s documents, %(packets)s packets, %(exhibits)s exhibits, %(files)s files"
                )
                % {**m.groupdict(), "declarations": m["declarations"] or 0}
            ),
        ),
        _fixed("agency statistics exported as CSV", lambda: _("Certifying agency statistics exported (CSV)")),
        _fixed("eligibility report viewed", lambda: _("Eligibility report viewed")),
        _fixed("eligibility report exported as CSV", lambda: _("Eligibility report exported (CSV)")),
        _fixed("inventory of a person viewed", lambda: _("Inventory of a person viewed")),
        (
            r"inventory of a person exported as (?P<format>CSV|JSON)",
            lambda event, m: _("Inventory of a person exported (%(format)s)") % {"format": m["format"]},
        ),
    ]
