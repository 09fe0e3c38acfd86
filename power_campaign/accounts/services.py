from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.audit.models import AuditEvent

from . import lockout
from .models import Invitation, Membership, Organization, Role, User, token_hash

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


# Organization admins run their organization: invitations and members.


class MemberError(Exception):
    """A change to an organization's members that is refused; `message` is for the person (translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _invitation_url(request, token):
    path = reverse("accounts:invitation", args=[token])
    return request.build_absolute_uri(path) if request is not None else path


def _send_invitation(*, invitation, token, request):
    """The email, in the language the admin chose for the invitee."""
    with translation.override(invitation.language):
        context = {
            "organization": invitation.organization.name,
            "role": invitation.get_role_display(),
            "url": _invitation_url(request, token),
            "expires_at": invitation.expires_at,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def _existing_account(email):
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise MemberError(
            gettext("Several accounts use this email address. Ask the coalition staff to add the person.")
        )
    return accounts[0] if accounts else None


@transaction.atomic
def invite_member(*, organization, email, role, language, user, request=None):
    """Invite `email` into `organization` with `role`. An account with that email becomes a member at once
    (the Membership is returned); anyone else gets an emailed single-use link (the Invitation is returned).
    """
    existing = _existing_account(email)
    if existing is not None:
        if Membership.objects.filter(user=existing, organization=organization).exists():
            raise MemberError(gettext("This person is already a member of the organization."))
        membership = Membership.objects.create(user=existing, organization=organization, role=role)
        user.forget_memberships()  # the acting user may have added themselves
        AuditEvent.objects.record(
            action=AuditEvent.Action.CREATE,
            request=request,
            actor=user,
            obj=existing,
            organization=organization,
            summary=f"member added (existing account): {role}",
        )
        return membership
    # A new invitation replaces the ones still pending for this address: only the newest link works.
    Invitation.objects.pending().filter(organization=organization, email__iexact=email).update(
        expires_at=timezone.now()
    )
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        language=language,
        token_hash=token_hash(token),
        invited_by=user,
        expires_at=timezone.now() + settings.INVITATION_MAX_AGE,
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=invitation,
        summary=f"member invited: {role}",
    )
    _send_invitation(invitation=invitation, token=token, request=request)
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation, user, request=None):
    """An administrator withdraws a pending invitation (sent to a wrong address, say): its link stops
    working at once."""
    invitation = Invitation.objects.select_for_update().pending().filter(pk=invitation.pk).first()
    if invitation is None:
        raise MemberError(gettext("This invitation was already used or has expired."))
    invitation.expires_at = timezone.now()
    invitation.save(update_fields=["expires_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=invitation,
        summary="invitation withdrawn",
    )
    return invitation


@transaction.atomic
def accept_invitation(*, token, username, password, first_name="", last_name="", request=None):
    """Create the invitee's account and membership; the link is used up. Raises MemberError when the link
    is unknown, used or expired (the same message for all three)."""
    invitation = Invitation.objects.select_for_update().matching(token).first()
    if invitation is None:
        raise MemberError(gettext("This invitation link cannot be used."))
    account = User(
        username=username,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
        language=invitation.language,
    )
    account.set_password(password)
    account.save()
    Membership.objects.create(user=account, organization=invitation.organization, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = account
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=account,
        obj=invitation,
        summary=f"invitation accepted: {invitation.role}",
    )
    return account


def _keeps_an_admin(membership, *, new_role=None):
    """Would the organization still have an administrator after `membership` changes to `new_role`
    (None: is removed)? The admins' rows are locked, so that two admins cannot demote each other at once."""
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return True
    admins = Membership.objects.select_for_update().filter(
        organization=membership.organization, role=Role.ADMIN
    )
    return admins.exclude(pk=membership.pk).exists()


def _last_admin_error(membership, user):
    if membership.user_id == user.pk:
        return MemberError(
            gettext(
                "You are the organization's only administrator: make someone else an administrator first. "
                "Nothing was changed."
            )
        )
    return MemberError(
        gettext(
            "This is the organization's only administrator: the organization must keep one. "
            "Nothing was changed."
        )
    )


def _audit_member(*, membership, user, request, summary, action=AuditEvent.Action.UPDATE):
    AuditEvent.objects.record(
        action=action,
        request=request,
        actor=user,
        obj=membership.user,
        organization=membership.organization,
        summary=summary,
    )


@transaction.atomic
def change_role(*, membership, role, user, request=None):
    """Give a member another role. The organization's last administrator keeps theirs."""
    membership = (
        Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    )
    if role == membership.role:
        return membership
    if not _keeps_an_admin(membership, new_role=role):
        raise _last_admin_error(membership, user)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    user.forget_memberships()  # the acting user may have changed their own role
    _audit_member(
        membership=membership, user=user, request=request, summary=f"role changed: {before} → {role}"
    )
    return membership


@transaction.atomic
def remove_member(*, membership, user, request=None):
    """Take a member out of the organization (their account and other memberships stay)."""
    membership = (
        Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    )
    if not _keeps_an_admin(membership):
        raise _last_admin_error(membership, user)
    membership.delete()
    user.forget_memberships()  # the acting user may have left
    _audit_member(
        membership=membership,
        user=user,
        request=request,
        summary=f"member removed: {membership.role} → none",
        action=AuditEvent.Action.DELETE,
    )


@transaction.atomic
def lift_lockout(*, membership, user, request=None):
    """Forget the member's failed sign-ins (on every address, and across addresses); return how many
    records went."""
    count = lockout.reset_username(membership.user.get_username())
    _audit_member(
        membership=membership, user=user, request=request, summary=f"sign-in lock lifted: {count} records → 0"
    )
    return count


@transaction.atomic
def reset_two_factor(*, membership, user, request=None):
    """Remove the member's authenticator and backup codes: they enrol again at their next sign-in."""
    account = membership.user
    devices = TOTPDevice.objects.filter(user=account).count()
    TOTPDevice.objects.filter(user=account).delete()
    StaticDevice.objects.filter(user=account).delete()
    _audit_member(
        membership=membership,
        user=user,
        request=request,
        summary=f"two-factor login reset: {devices} authenticator(s) → 0",
    )
    return devices


@transaction.atomic
def set_mailing_address(*, organization, mailing_address, user, request=None):
    """The organization's mailing address, as its letters print it; recorded in the audit trail."""
    if mailing_address == organization.mailing_address:
        return organization
    organization.mailing_address = mailing_address
    organization.save(update_fields=["mailing_address"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=organization,
        summary="mailing address changed",
    )
    return organization


@transaction.atomic
def create_organization(*, name, kind, admin_email, language, user, request=None):
    """Coalition staff open an organization and invite its first administrator (an existing account with
    that email becomes the administrator at once). Returns (organization, invitation or membership)."""
    organization = Organization.objects.create(name=name, kind=kind)
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=organization,
        summary=f"organization created: {kind}",
    )
    first_admin = invite_member(
        organization=organization,
        email=admin_email,
        role=Role.ADMIN,
        language=language,
        user=user,
        request=request,
    )
    return organization, first_admin
