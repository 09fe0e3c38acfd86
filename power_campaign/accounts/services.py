from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from power_campaign.audit.models import AuditEvent

BACKUP_CODE_COUNT = 10


@transaction.atomic
def issue_backup_codes(*, user, request):
    """Replace the user's backup codes with a fresh set; return the codes (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE, request=request, obj=user, summary="two-factor backup codes issued"
    )
    return codes


@transaction.atomic
def enable_two_factor(*, device, request):
    """Confirm a TOTP device after the user proved it works; sign the session in as verified."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE, request=request, obj=device.user, summary="two-factor login enabled"
    )
    return issue_backup_codes(user=device.user, request=request)
