from django import template

from power_campaign.audit import display
from power_campaign.audit.models import AuditEvent

register = template.Library()


@register.inclusion_tag("audit/_access_history.html", takes_context=True)
def access_history(context, obj, limit=50):
    """Who created, viewed, changed, exported, downloaded or signed `obj`, and when (the records named as
    the signed-in reader may see them)."""
    events = AuditEvent.objects.for_object(obj).select_related("actor")[:limit]
    return {"events": events, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def audit_rows(context, events, links=True):
    """The events as display rows for the signed-in reader: translated summaries, readable record types,
    the names of the records the reader may see, and (with `links`) links to the records they may open."""
    request = context.get("request")
    reader = getattr(request, "user", None)
    return display.rows(events, reader if reader and reader.is_authenticated else None, links=links)
