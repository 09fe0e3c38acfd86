"""Login, logout and failed-login events go to the audit trail (Django's auth signals are the hook)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from power_campaign.audit.models import AuditEvent

from .models import User


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    AuditEvent.objects.record(
        action=AuditEvent.Action.LOGIN, request=request, actor=user, obj=user, summary="password accepted"
    )


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        AuditEvent.objects.record(action=AuditEvent.Action.LOGOUT, request=request, actor=user, obj=user)


@receiver(user_login_failed)
def audit_failed_login(sender, credentials, request=None, **kwargs):
    """Recorded against the account tried, if it exists, and its (first) organization, whose admins see it
    in /audit/ (AuditEventQuerySet.for_user shows it to the admins of the account's other organizations
    too). What was typed is never written: people sometimes type their password into the user-name box."""
    account = User.objects.filter(username=str(credentials.get("username", ""))).first()
    memberships = account.memberships.select_related("organization") if account else None
    membership = memberships.order_by("pk").first() if account else None
    AuditEvent.objects.record(
        action=AuditEvent.Action.FAILED_LOGIN,
        request=request,
        obj=account,
        organization=membership.organization if membership else None,
        summary="wrong password" if account else "unknown user name",
    )
