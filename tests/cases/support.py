"""Helpers shared by the cases view tests: a fixed local clock, messages and the audit trail."""

import datetime
import zoneinfo

from django.contrib.messages import get_messages

from power_campaign.audit.models import AuditEvent

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = datetime.datetime(2026, 3, 19, 10, 0, tzinfo=CHICAGO)  # a Thursday morning


def local(*args):
    return datetime.datetime(*args, tzinfo=CHICAGO)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def audit_trail():
    return list(
        AuditEvent.objects.exclude(action="login")  # force_login writes a login event
        .order_by("sequence")
        .values_list("action", "object_id", "summary", "actor__username")
    )
