import base64
import math
import smtplib
from functools import wraps

import segno
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import i18n
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.audit.models import AuditEvent

from . import lockout, services
from .forms import (
    AcceptInvitationForm,
    CodeForm,
    InvitationForm,
    MailingAddressForm,
    OrganizationForm,
    ProfileForm,
    RoleForm,
)
from .models import Invitation, Membership, Organization, Role


def _safe_next(request, default="dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: a keyboard user's first Tab must reach the skip link and the language menu.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # A language picked on the sign-in page becomes the profile's preference.
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = form.get_user()
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        AuditEvent.objects.record(
            action=AuditEvent.Action.UPDATE,
            request=self.request,
            obj=self.request.user,
            summary="password changed",
        )
        messages.success(self.request, _("Your password was changed."))
        return response


@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    code = form.cleaned_data["code"] if form.is_valid() else ""
    if code.isdigit() and (wait := _throttled_seconds(request.user)):
        form.add_error(
            "code",
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second and try again.",
                "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                wait,
            )
            % {"seconds": wait},
        )
    elif form.is_valid():
        device = _matching_device(request.user, code)
        if device is not None:
            request.session.cycle_key()  # a session key seen before the second factor is worth nothing
            otp_login(request, device)
            kind = "backup code" if isinstance(device, StaticDevice) else "authenticator"
            AuditEvent.objects.record(
                action=AuditEvent.Action.LOGIN,
                request=request,
                obj=request.user,
                summary=f"second factor verified ({kind})",
            )
            return redirect(_safe_next(request))
        AuditEvent.objects.record(
            action=AuditEvent.Action.FAILED_LOGIN,
            request=request,
            obj=request.user,
            summary="wrong two-factor code",
        )
        form.add_error(
            "code",
            _(
                "That code is not valid. Check that your phone's clock is right, "
                "or use one of your backup codes."
            ),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})


def _matching_device(user, code):
    """Six digits are an authenticator code, anything else a backup code: only that kind of device is
    asked, so a backup code never counts as a wrong authenticator code (which slows the next tries)."""
    model = TOTPDevice if code.isdigit() else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def _throttled_seconds(user):
    """Seconds until the authenticator accepts another try (django-otp slows down guessing)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    return 0


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        messages.info(request, _("Two-factor login is already on for your account."))
        return redirect("accounts:account")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.enable_two_factor(device=device, request=request)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "first_time": True})
        form.add_error(
            "code", _("That code does not match. Scan the QR code again and enter the newest code.")
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, svgclass="qr-code", lineclass=None, omitsize=True, light="#fff", title=_("QR code to scan")
    )
    context = {
        "form": form,
        "qr_svg": mark_safe(qr_svg),  # noqa: S308 - generated by segno from our own URL, no user text
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": user.requires_two_factor(),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
def backup_codes(request):
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        raise Http404
    codes = services.issue_backup_codes(user=request.user, request=request)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "first_time": False})


@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            AuditEvent.objects.record(
                action=AuditEvent.Action.UPDATE,
                request=request,
                obj=user,
                summary="profile changed: " + ", ".join(form.changed_data),
            )
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:account")
    context = {
        "form": form,
        "memberships": Membership.objects.filter(user=user).select_related("organization"),
        "two_factor_on": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "backup_codes_left": StaticToken.objects.filter(device__user=user).count(),
    }
    return render(request, "accounts/account.html", context)


@require_GET
def organization(request, uuid):
    organization = Organization.objects.get_for_user(request.user, roles=[Role.ADMIN], uuid=uuid)
    members = list(organization.memberships.select_related("user").order_by("role", "user__username"))
    locked = lockout.locked_usernames(m.user.username for m in members)
    with_device = set(
        TOTPDevice.objects.filter(user__in=[m.user_id for m in members], confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    for membership in members:
        membership.locked = membership.user.username in locked
        membership.two_factor = membership.user_id in with_device
        membership.is_me = membership.user_id == request.user.pk
    context = {
        "organization": organization,
        "members": members,
        "invitations": organization.invitations.pending().select_related("invited_by"),
        "roles": Role.choices,
    }
    return render(request, "accounts/organization.html", context)


@require_http_methods(["GET", "POST"])
def organization_address(request, uuid):
    organization = Organization.objects.get_for_user(request.user, roles=[Role.ADMIN], uuid=uuid)
    form = MailingAddressForm(request.POST or None, initial={"mailing_address": organization.mailing_address})
    if form.is_valid():
        services.set_mailing_address(
            organization=organization,
            mailing_address=form.cleaned_data["mailing_address"],
            user=request.user,
            request=request,
        )
        messages.success(request, _("Mailing address saved."))
        return redirect(organization)
    return render(request, "accounts/organization_address.html", {"organization": organization, "form": form})


@require_http_methods(["GET", "POST"])
def invite(request, uuid):
    organization = Organization.objects.get_for_user(request.user, roles=[Role.ADMIN], uuid=uuid)
    form = InvitationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if form.is_valid():
        try:
            result = services.invite_member(
                organization=organization, user=request.user, request=request, **form.cleaned_data
            )
        except services.MemberError as error:
            form.add_error("email", error.message)
        except (smtplib.SMTPException, OSError):  # the mail server refused or is down: nothing was saved
            form.add_error(
                None, _("The invitation could not be sent: the mail server did not answer. Try again.")
            )
        else:
            if isinstance(result, Membership):
                messages.success(request, _("This person already had an account: they are now a member."))
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": result.email})
            return redirect(organization)
    return render(request, "accounts/invite.html", {"organization": organization, "form": form})


@require_POST
def invitation_withdraw(request, uuid, invitation):
    organization = Organization.objects.get_for_user(request.user, roles=[Role.ADMIN], uuid=uuid)
    found = get_object_or_404(organization.invitations, uuid=invitation)
    try:
        services.withdraw_invitation(invitation=found, user=request.user, request=request)
    except services.MemberError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation to %(email)s withdrawn: its link no longer works.") % {
            "email": found.email
        })
    return redirect(organization)


def _membership(request, uuid, member):
    """The membership of an organization the user administers (another organization's: 404, a role other
    than administrator: 403)."""
    organization = Organization.objects.get_for_user(request.user, roles=[Role.ADMIN], uuid=uuid)
    return get_object_or_404(organization.memberships.select_related("organization", "user"), uuid=member)


def _member_action(view):
    """POST only; the membership of an organization the user administers (_membership); a refused change
    becomes a message. The view returns the success message."""

    @require_POST
    @wraps(view)
    def wrapped(request, uuid, member):
        membership = _membership(request, uuid, member)
        organization = membership.organization
        try:
            message = view(request, membership)
        except services.MemberError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        administered = Organization.objects.for_user(request.user, roles=[Role.ADMIN])
        if not administered.filter(pk=organization.pk).exists():
            return redirect("dashboard")  # the admin took themself out, or lowered their own role
        return redirect(organization)

    return wrapped


@_member_action
def member_role(request, membership):
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise services.MemberError(_("Choose one of the roles."))
    services.change_role(
        membership=membership, role=form.cleaned_data["role"], user=request.user, request=request
    )
    return _("%(name)s is now: %(role)s.") % {
        "name": _name(membership),
        "role": Role(form.cleaned_data["role"]).label,
    }


@require_http_methods(["GET", "POST"])
def member_remove(request, uuid, member):
    """Asks to confirm (a tap too many on a phone removes nobody); the confirmation's POST (with `confirm`)
    removes the member."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _remove_member(request, uuid, member)
    membership = _membership(request, uuid, member)
    membership.is_me = membership.user_id == request.user.pk
    context = {"organization": membership.organization, "membership": membership, "name": _name(membership)}
    return render(request, "accounts/member_remove.html", context)


@_member_action
def _remove_member(request, membership):
    services.remove_member(membership=membership, user=request.user, request=request)
    return _("%(name)s is no longer a member of the organization.") % {"name": _name(membership)}


@_member_action
def member_unlock(request, membership):
    services.lift_lockout(membership=membership, user=request.user, request=request)
    return _("%(name)s can sign in again.") % {"name": _name(membership)}


@_member_action
def member_reset_two_factor(request, membership):
    services.reset_two_factor(membership=membership, user=request.user, request=request)
    return _("%(name)s sets up two-factor login again at their next sign-in.") % {"name": _name(membership)}


def _name(membership):
    return membership.user.get_full_name() or membership.user.username


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The emailed link. An unknown, used or expired link gets the same page, which says nothing more."""
    found = Invitation.objects.select_related("organization").usable(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, invitation=found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.accept_invitation(
                token=token,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                request=request,
            )
        except services.MemberError:  # used meanwhile, in another tab
            return render(request, "accounts/invitation_invalid.html", status=404)
        except IntegrityError:  # the same user name taken meanwhile by someone else
            form.add_error("username", _("This user name is taken. Choose another one."))
            return render(request, "accounts/invitation_accept.html", {"invitation": found, "form": form})
        messages.success(request, _("Your account is ready. Sign in with your user name and password."))
        return redirect("accounts:login")
    return render(request, "accounts/invitation_accept.html", {"invitation": found, "form": form})


def _coalition_admin(request):
    if request.user.coalition_role != Role.ADMIN:
        raise PermissionDenied


@require_GET
def organization_list(request):
    _coalition_admin(request)
    organizations = Organization.objects.annotate(member_count=Count("memberships"))
    return render(request, "accounts/organization_list.html", {"organizations": organizations})


@require_http_methods(["GET", "POST"])
def organization_new(request):
    _coalition_admin(request)
    form = OrganizationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if form.is_valid():
        try:
            organization, first_admin = services.create_organization(
                user=request.user, request=request, **form.cleaned_data
            )
        except services.MemberError as error:
            form.add_error("admin_email", error.message)
            return render(request, "accounts/organization_new.html", {"form": form})
        except (smtplib.SMTPException, OSError):  # the mail server refused or is down: nothing was saved
            form.add_error(
                None, _("The invitation could not be sent: the mail server did not answer. Try again.")
            )
            return render(request, "accounts/organization_new.html", {"form": form})
        if isinstance(first_admin, Membership):
            messages.success(request, _("Organization created. Its administrator already had an account."))
        else:
            messages.success(
                request, _("Organization created. Its first administrator was sent an invitation.")
            )
        return redirect(organization)
    return render(request, "accounts/organization_new.html", {"form": form})


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the user's profile."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows once a username is locked on this address, or everywhere (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    everywhere = lockout.locked_everywhere(get_client_username(request, credentials))
    context = {"cooloff_minutes": minutes, "everywhere": everywhere}
    return render(request, "accounts/locked_out.html", context, status=429)
