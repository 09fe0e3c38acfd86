"""How the audit log shows the summaries this app writes, in the reader's language (the hook of
power_campaign.audit.display: the stored summaries stay in English, as they are hashed)."""

from django.utils.translation import gettext as _

from power_campaign.audit.display import local_date

from .models import SignatureKind, SignatureParty

PARTY = r"(?P<party>union|employer)"
DATE = r"(?P<date>\d{4}-\d\d-\d\d)"
SHA = r"[0-9a-f]{64}"
UUID = r"[0-9a-f-]{36}"


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
            rf"signature request sent to the {PARTY} signer for version (?P<number>\d+), expires {DATE}",
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
            rf"signature request of the {PARTY} signer sent again with a new link, expires {DATE}",
            _text(lambda: _("New signing link sent to the %(party)s signer, valid until %(date)s")),
        ),
        (
            rf"signing page opened by the {PARTY} signer",
            _text(lambda: _("Signing page opened by the %(party)s signer")),
        ),
        (
            rf"agreement signed by the {PARTY} signer \((?P<kind>drawn|typed)\) on version (?P<number>\d+) "
            rf"\((?P<sha>{SHA})\)",
            _text(lambda: _("Signed by the %(party)s signer (%(kind)s), version %(number)s (%(sha)s)")),
        ),
        (
            r"agreement executed, effective (?P<effective>\d{4}-\d\d-\d\d); "
            rf"executed document (?P<document>{UUID}) \(sha256 (?P<sha>{SHA})\), "
            rf"certificate (?P<certificate>{UUID}) \(sha256 (?P<certificate_sha>{SHA})\)",
            _text(
                lambda: _(
                    "Agreement executed, in effect from %(effective)s; executed document %(document)s "
                    "(SHA-256 %(sha)s), certificate %(certificate)s (SHA-256 %(certificate_sha)s)"
                )
            ),
        ),
        (
            rf"executed agreement downloaded by the {PARTY} signer through their link",
            _text(lambda: _("Executed agreement downloaded by the %(party)s signer through their link")),
        ),
    ]
