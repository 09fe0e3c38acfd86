from django import template

from power_campaign.accounts.models import Role

register = template.Library()


@register.inclusion_tag("documents/_add_to_packet_link.html", takes_context=True)
def add_to_packet_link(context, url, organization):
    """The "Add to packet" link of a record's page, shown to the organization's legal staff only."""
    user = context["request"].user
    return {"url": url, "show": user.is_authenticated and user.role_in(organization) == Role.LEGAL}
