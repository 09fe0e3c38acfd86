import hashlib
import secrets
import uuid
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from power_campaign.crypto.fields import EncryptedCharField
from power_campaign.links import record_url

from .access import Role, require_role


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user, roles=()):
        """The organizations in which `user` holds one of `roles` (any role if none given)."""
        ids = self.ids_for_user(user, roles)
        return self.all() if ids is None else self.filter(pk__in=ids)

    def ids_for_user(self, user, roles=()):
        """The ids of `for_user(user, roles)` as a list, or None for every organization (coalition staff).

        From the user's memberships, read once per user object (`user.role_in` reads the same): scoped
        queries then name the organizations (`organization_id IN (4, 9)`), so that PostgreSQL plans with
        those organizations' row counts rather than an average organization's.
        """
        if not user.is_authenticated or not user.is_active:
            return []
        if user.coalition_role and (not roles or user.coalition_role in roles):
            return None
        return user.organization_ids(roles)

    def get_for_user(self, user, roles=(), **lookup):
        """One organization the user belongs to (else 404), where they hold one of `roles` (else 403)."""
        try:
            organization = self.for_user(user).get(**lookup)
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        require_role(user, organization, *roles)
        return organization


class Organization(models.Model):
    """A coalition affiliate: a union local or a worker center."""

    class Kind(models.TextChoices):
        UNION_LOCAL = "union_local", _("Union local")
        WORKER_CENTER = "worker_center", _("Worker center")
        COALITION = "coalition", _("Coalition")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNION_LOCAL)
    mailing_address = models.TextField(
        _("mailing address"),
        max_length=300,
        blank=True,
        default="",
        db_default="",  # rows written by code that predates the field (a migration test, a rolling deploy)
        help_text=_("Printed under the organization's name on the letters the desk prepares."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("accounts:organization", self.uuid)


class User(AbstractUser):
    """A person with a login. Roles come from memberships (or, for coalition staff, coalition_role)."""

    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    phone = EncryptedCharField(
        _("mobile phone"), max_length=40, blank=True, help_text=_("Stored encrypted. Used only to reach you.")
    )
    coalition_role = models.CharField(
        _("coalition-wide role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Coalition staff hold this role in every organization. Leave empty for affiliate staff."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self):
        """How pages and documents name the person: the full name, or the user name if none was given."""
        return self.get_full_name() or self.get_username()

    @cached_property
    def _roles_by_organization(self):
        return dict(self.memberships.order_by().values_list("organization_id", "role"))  # no joins to sort

    def forget_memberships(self):
        """Read the memberships again at the next access check (after this user's memberships changed)."""
        self.__dict__.pop("_roles_by_organization", None)

    def role_in(self, organization):
        """The user's role in `organization`, or None if they have no access to it."""
        return self._roles_by_organization.get(organization.pk) or self.coalition_role or None

    def organization_ids(self, roles=()):
        """The ids of the organizations the user is a member of with one of `roles` (any role if none)."""
        return sorted(pk for pk, role in self._roles_by_organization.items() if not roles or role in roles)

    def access_key(self):
        """What the user may see, as a value for cache keys: the coalition role and each (organization id,
        role) held; it changes with any membership."""
        return self.coalition_role, sorted(self._roles_by_organization.items())

    def roles(self):
        """Every role the user holds somewhere."""
        held = set(self._roles_by_organization.values())
        if self.coalition_role:
            held.add(self.coalition_role)
        return held

    def has_role(self, *roles):
        return bool(self.roles() & set(roles))

    def requires_two_factor(self):
        """Roles in TWO_FACTOR_REQUIRED_ROLES, and every Django-admin (staff) account, need a device."""
        required = settings.TWO_FACTOR_REQUIRED_ROLES
        return bool(required) and (self.is_staff or self.has_role(*required))


class Membership(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_user_organization"
            ),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


def token_hash(token):
    """How an invitation's token is stored: its SHA-256, so that the database never holds a usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at=None, expires_at__gt=timezone.now())

    def matching(self, token):
        """The pending invitation of this token, if any: unknown, used and expired links alike find none."""
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return self.none()
        return self.pending().filter(token_hash=token_hash(token))

    def usable(self, token):
        return self.matching(token).first()


class Invitation(models.Model):
    """An emailed, single-use, expiring link to join an organization with a role."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language of the email"), max_length=8, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="invitation_role_valid"),
        ]

    def __str__(self):
        return f"{self.email} · {self.organization} · {self.get_role_display()}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)
