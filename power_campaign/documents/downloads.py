from django.http import FileResponse

from power_campaign.audit.models import AuditEvent


def send_file(request, *, file, filename, content_type, obj, inline=False, original=False, summary=None):
    """Send a stored file, never cached, and record who took it: shown in the page (`inline`, e.g. a
    photo's shown copy) is a "view", anything else a "download"; `original` marks the download of an
    original kept for chain of custody, which the custody list makes stand out.

    The caller has already checked access to `obj`."""
    if inline:
        action = AuditEvent.Action.VIEW
    else:
        action = AuditEvent.Action.DOWNLOAD_ORIGINAL if original else AuditEvent.Action.DOWNLOAD
    AuditEvent.objects.record(action=action, request=request, obj=obj, summary=summary or filename)
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
