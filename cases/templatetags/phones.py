"""`{{ number|phone_display }}`: a stored (E.164) phone number as people read it (power_campaign.phones)."""

from django import template

from power_campaign import phones

register = template.Library()


@register.filter
def phone_display(value):
    return phones.display(value)
