from django.http import FileResponse

from power_campaign.audit.models import AuditEvent


def send_file(request, *, file, filename, content_type, obj, inline=False, summary=None):
    """Send a stored file (a download unless `inline`), never cached, and record who took it.

    The caller has already checked access to `obj`."""
    AuditEvent.objects.record(
        action=AuditEvent.Action.DOWNLOAD, request=request, obj=obj, summary=summary or filename
    )
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
