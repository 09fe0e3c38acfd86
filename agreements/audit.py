"""How the audit log shows the summaries this app writes, in the reader's language (the hook of
power_campaign.audit.display: the stored summaries stay in English, as they are hashed)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from power_campaign.audit.display import local_date, reference

from .models import SignatureKind, SignatureParty

HASH = r"[0-9a-f]{64}"


def _printed(event, match):
    return _(
        "Agreement text printed as PDF version %(pdf)s from agreement version %(number)s (%(sha)s); "
        "SHA-256 %(digest)s"
    ) % {"pdf": match["pdf"], "number": match["number"], "sha": match["sha"], "digest": match["digest"]}


def _packet(event, match):
    from .evidence_packet import Purpose

    return _(
        "Labor-dispute evidence packet %(packet)s (%(purpose)s): executed agreement: %(agreement)s; "
        "incidents: %(incidents)s; breaches: %(breaches)s; agency filings: %(filings)s; "
        "evidence files: %(files)s"
    ) % {
        "packet": match["packet"],
        "purpose": Purpose(match["purpose"]).label,
        "agreement": _("Yes") if match["agreement"] else _("No"),
        "incidents": match["incidents"],
        "breaches": match["breaches"],
        "filings": match["filings"],
        "files": match["files"],
    }


SHA = r"(?P<sha>[0-9a-f]{64})"
UUID = r"(?P<incident>[0-9a-f-]{36})"
DATE = r"\d{4}-\d\d-\d\d"


def section(code):
    from .models import AgreementComponent

    found = reference(AgreementComponent, code)
    return found.label if found else code


def _fixed(text, translated):
    return re.escape(text), lambda event, match: translated()


def _notified(event, match):
    sent, total = int(match["sent"]), int(match["total"])
    return ngettext(
        "Possible breach: %(sent)s of %(total)s administrator notified by email",
        "Possible breach: %(sent)s of %(total)s administrators notified by email",
        total,
    ) % {"sent": sent, "total": total}


def _comment(event, match):
    if match["code"] is None:
        return _("Review comment on version %(number)s, on the whole agreement") % {"number": match["number"]}
    return _("Review comment on version %(number)s, section: %(section)s") % {
        "number": match["number"],
        "section": section(match["code"]),
    }


PARTY = r"(?P<party>union|employer)"
DAY = r"(?P<date>\d{4}-\d\d-\d\d)"
ANY_UUID = r"[0-9a-f-]{36}"


def _values(match):
    """The match's groups as the reader sees them: party and kind labels, dates in the reader's format."""
    values = match.groupdict()
    if values.get("party"):
        values["party"] = str(SignatureParty(values["party"]).label)
    if values.get("kind"):
        values["kind"] = str(SignatureKind(values["kind"]).label)
    for key in ("date", "effective"):
        if values.get(key):
            values[key] = local_date(values[key])
    return values


def _text(message):
    return lambda event, match: message() % _values(match)


def summaries():
    return [
        (
            rf"agreement text printed as PDF version (?P<pdf>\d+) from agreement version (?P<number>\d+) "
            rf"\((?P<sha>{HASH})\); sha256 (?P<digest>{HASH})",
            _printed,
        ),
        (
            r"labor-dispute evidence packet (?P<packet>[0-9a-f-]{36}) "
            r"for (?P<purpose>immigration|labor_agency): "
            r"(?P<agreement>executed agreement, )?(?P<incidents>\d+) incidents, (?P<breaches>\d+) breaches, "
            r"(?P<filings>\d+) agency filings, (?P<files>\d+) evidence files",
            _packet,
        ),
        _fixed("agreement terminated", lambda: _("Agreement terminated")),
        (
            r"agreement template version (?P<new>\d+) drafted from version (?P<old>\d+)",
            lambda e, m: (
                _("Agreement template version %(new)s drafted from version %(old)s")
                % {"new": m["new"], "old": m["old"]}
            ),
        ),
        (
            r"agreement template version (?P<number>\d+) published",
            lambda e, m: _("Agreement template version %(number)s published") % {"number": m["number"]},
        ),
        (
            r"agreement drafted from template version (?P<template>\d+) \(version 1, " + SHA + r"\)",
            lambda e, m: (
                _("Agreement drafted from template version %(template)s (version 1, SHA-256 %(sha256)s)")
                % {"template": m["template"], "sha256": m["sha"]}
            ),
        ),
        (
            r"agreement version (?P<number>\d+) (?P<how>saved|approved) \(" + SHA + r"\)",
            lambda e, m: (
                (
                    _("Agreement version %(number)s saved (SHA-256 %(sha256)s)")
                    if m["how"] == "saved"
                    else _("Agreement version %(number)s approved (SHA-256 %(sha256)s)")
                )
                % {"number": m["number"], "sha256": m["sha"]}
            ),
        ),
        (
            r"review comment on version (?P<number>\d+), (?:section (?P<code>[\w-]+)|the whole agreement)",
            _comment,
        ),
        (
            r"breach reported: incident " + UUID + r", section (?P<code>[\w-]+)",
            lambda e, m: (
                _("Breach reported: incident %(incident)s, section: %(section)s")
                % {"incident": m["incident"], "section": section(m["code"])}
            ),
        ),
        (
            r"possible breach flagged automatically: incident " + UUID,
            lambda e, m: (
                _("Possible breach flagged automatically: incident %(incident)s")
                % {"incident": m["incident"]}
            ),
        ),
        (r"possible breach: (?P<sent>\d+) of (?P<total>\d+) administrators notified by email", _notified),
        (
            r"possible breach confirmed: section (?P<code>[\w-]+)",
            lambda e, m: (
                _("Possible breach confirmed: section: %(section)s") % {"section": section(m["code"])}
            ),
        ),
        (
            r"cure period ends (?P<date>" + DATE + ")",
            lambda e, m: _("Cure period ends %(date)s") % {"date": local_date(m["date"])},
        ),
        (
            r"cure period changed: (?P<old>" + DATE + "|none) → (?P<new>" + DATE + ")",
            lambda e, m: (
                _("Cure period changed: %(old)s → %(new)s")
                % {
                    "old": local_date(m["old"]) if m["old"] != "none" else _("none"),
                    "new": local_date(m["new"]),
                }
            ),
        ),
        (
            r"agreement expired: its term ended on (?P<date>" + DATE + ")",
            lambda e, m: _("Agreement expired: its term ended on %(date)s") % {"date": local_date(m["date"])},
        ),
        (
            rf"signature request sent to the {PARTY} signer for version (?P<number>\d+), expires {DAY}",
            _text(
                lambda: _(
                    "Signing link sent to the %(party)s signer (version %(number)s), valid until %(date)s"
                )
            ),
        ),
        (
            rf"signature request of the {PARTY} signer revoked",
            _text(lambda: _("Signing link of the %(party)s signer revoked")),
        ),
        (
            rf"signature request of the {PARTY} signer sent again with a new link, expires {DAY}",
            _text(lambda: _("New signing link sent to the %(party)s signer, valid until %(date)s")),
        ),
        (
            rf"signing page opened by the {PARTY} signer",
            _text(lambda: _("Signing page opened by the %(party)s signer")),
        ),
        (
            rf"agreement signed by the {PARTY} signer \((?P<kind>drawn|typed)\) on version (?P<number>\d+) "
            rf"\((?P<sha>{HASH})\)",
            _text(lambda: _("Signed by the %(party)s signer (%(kind)s), version %(number)s (%(sha)s)")),
        ),
        (
            r"agreement executed, effective (?P<effective>\d{4}-\d\d-\d\d); "
            rf"executed document (?P<document>{ANY_UUID}) \(sha256 (?P<sha>{HASH})\), "
            rf"certificate (?P<document__certificate>{ANY_UUID}) \(sha256 (?P<certificate_sha>{HASH})\)",
            _text(
                lambda: _(
                    "Agreement executed, in effect from %(effective)s; executed document %(document)s "
                    "(SHA-256 %(sha)s), certificate %(document__certificate)s (SHA-256 %(certificate_sha)s)"
                )
            ),
        ),
        (
            rf"executed agreement downloaded by the {PARTY} signer through their link",
            _text(lambda: _("Executed agreement downloaded by the %(party)s signer through their link")),
        ),
    ]
