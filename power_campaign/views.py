from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.accounts.models import Membership, Role
from power_campaign.audit.models import AuditEvent

from .dashboard import rendered_panels


@require_GET
def dashboard(request):
    user = request.user
    roles = user.roles()
    context = {
        "memberships": Membership.objects.filter(user=user).select_related("organization"),
        "is_admin": Role.ADMIN in roles,
        "is_legal": Role.LEGAL in roles,
        "is_organizer": Role.ORGANIZER in roles,
        "two_factor_on": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "my_activity": AuditEvent.objects.filter(actor=user)[:8],
        "audit_events": AuditEvent.objects.for_user(user).select_related("organization")[:10]
        if Role.ADMIN in roles
        else [],
        "panels_html": rendered_panels(request),
    }
    return render(request, "dashboard.html", context)


def permission_denied(request, exception=None):
    """403 page; every refusal is written to the audit trail."""
    AuditEvent.objects.record(
        action=AuditEvent.Action.PERMISSION_DENIED,
        request=request,
        summary=f"{request.method} {request.path}"[:500],
    )
    return render(request, "403.html", status=403)


@login_not_required
@require_GET
def admin_login(request):
    """The Django admin signs in through the site's own login (password, two-factor, lockout)."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not staff
    next_url = request.GET.get("next", reverse("admin:index"))
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
