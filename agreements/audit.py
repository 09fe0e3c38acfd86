"""How the audit log shows the summaries this app writes, in the reader's language (the hook of
power_campaign.audit.display: the stored summaries stay in English, as they are hashed)."""

from django.utils.translation import gettext as _

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
    ]
