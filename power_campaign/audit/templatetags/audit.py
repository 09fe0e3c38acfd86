from django import template

from power_campaign.audit.models import AuditEvent

register = template.Library()


@register.inclusion_tag("audit/_access_history.html")
def access_history(obj, limit=50):
    """Who created, viewed, changed, exported, downloaded or signed `obj`, and when."""
    events = AuditEvent.objects.for_object(obj).select_related("actor")[:limit]
    return {"events": events}
