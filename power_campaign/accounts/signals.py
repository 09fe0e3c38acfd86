"""Login, logout and failed-login events go to the audit trail (Django's auth signals are the hook)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from power_campaign.audit.models import AuditEvent


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
    username = str(credentials.get("username", ""))[:150]
    AuditEvent.objects.record(
        action=AuditEvent.Action.FAILED_LOGIN,
        request=request,
        summary=f"wrong password for username {username!r}",
    )
