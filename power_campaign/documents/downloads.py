from django.http import FileResponse

from power_campaign.accounts.access import Access
from power_campaign.audit.models import AuditEvent

LEGAL_ONLY_FILE = "legal-only file (name not recorded)"


def legal_only(obj):
    """Whether `obj` is a record only legal staff may open (a legal-only document, packet or its exhibit,
    or any record that says so): the audit trail, which non-legal administrators read, never names its
    files."""
    access = getattr(obj, "access", None) or getattr(getattr(obj, "packet", None), "access", None)
    return access == Access.LEGAL or getattr(obj, "legal_only", False) is True


def send_file(request, *, file, filename, content_type, obj, inline=False, original=False, summary=None):
    """Send a stored file, never cached, and record who took it: shown in the page (`inline`, e.g. a
    photo's shown copy) is a "view", anything else a "download"; `original` marks the download of an
    original kept for chain of custody, which the custody list makes stand out. The event names the
    file unless the caller gives a `summary` or the record is legal-only (see `legal_only`).

    The caller has already checked access to `obj`."""
    if inline:
        action = AuditEvent.Action.VIEW
    else:
        action = AuditEvent.Action.DOWNLOAD_ORIGINAL if original else AuditEvent.Action.DOWNLOAD
    if not summary:
        summary = LEGAL_ONLY_FILE if legal_only(obj) else filename
    AuditEvent.objects.record(action=action, request=request, obj=obj, summary=summary)
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
