"""The one access path every domain app uses.

An object outside the user's organizations does not exist for them (404); an object they can
see but an action their role may not take is forbidden (403).

- `OrganizationScopedQuerySet`: records of an organization; any role there may read them unless the
  caller names roles.
- `LegalOnlyQuerySet`: sensitive records (U-visa files, referrals): default-deny, only legal staff and
  administrators unless the caller widens it with `roles=`.
- `AccessControlledQuerySet` and `Access`: records carrying their own `access` level (documents,
  packets): legal-only ones are listed for, and opened by, legal staff only.
- `OrganizationFromField`: a model mixin giving `obj.organization` by following the queryset's
  `organization_field`, so a child record never spells the path twice.
"""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    LEGAL = "legal", _("Legal staff")
    ADMIN = "admin", _("Administrator")


class OrganizationScopedQuerySet(models.QuerySet):
    """For models with an `organization` (a foreign key, or `OrganizationFromField` following
    `organization_field`)."""

    organization_field = "organization"

    def effective_roles(self, roles=()):
        """The roles that may read these records when a caller asks for `roles` (empty: any role)."""
        return tuple(roles)

    def in_organizations_of(self, user, roles=()):
        from .models import Organization

        ids = Organization.objects.ids_for_user(user, roles)
        if ids is None:  # coalition staff: every organization
            return self.filter(**{f"{self.organization_field}__in": Organization.objects.all()})
        return self.filter(**{f"{self.organization_field}__in": ids})

    def for_user(self, user, roles=()):
        """What the user may list. Models with finer rules narrow this further."""
        return self.in_organizations_of(user, self.effective_roles(roles))

    def get_for_user(self, user, roles=(), **lookup):
        """Fetch one object of the user's organizations (else 404), then check their role there (else 403)."""
        try:
            obj = self.in_organizations_of(user).get(**lookup)
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        if not self.user_may_see(user, obj, roles):
            raise PermissionDenied
        return obj

    def user_may_see(self, user, obj, roles=()):
        """The rule of `get_for_user` for one object already in hand: does `user` hold, in the object's
        organization, a role that may see it?"""
        role = user.role_in(obj.organization)
        allowed = self.effective_roles(roles)
        return role is not None and (not allowed or role in allowed)


class LegalOnlyQuerySet(OrganizationScopedQuerySet):
    """Default-deny for sensitive records: `for_user`/`get_for_user` let in legal staff and
    administrators only. A caller that means to show such records to other roles says so:
    `objects.for_user(user, roles=[Role.ORGANIZER, Role.LEGAL])`. A subclass may narrow
    `default_roles` (referrals: legal staff only)."""

    default_roles = (Role.LEGAL, Role.ADMIN)

    def effective_roles(self, roles=()):
        return tuple(roles) or self.default_roles


class Access(models.TextChoices):
    """Who in the owning organization may open a document or packet."""

    ORGANIZATION = "organization", _("Everyone in the organization")
    LEGAL = "legal", _("Legal staff only")

    @classmethod
    def roles(cls, value):
        return (Role.LEGAL,) if value == cls.LEGAL else (Role.ORGANIZER, Role.LEGAL, Role.ADMIN)


class AccessControlledQuerySet(OrganizationScopedQuerySet):
    """Records with an `access` level: legal-only ones are listed for, and opened by, legal staff only."""

    access_field = "access"

    def for_user(self, user, roles=()):
        from .models import Organization

        visible = super().for_user(user, roles)
        legal_orgs = Organization.objects.for_user(user, roles=[Role.LEGAL])
        return visible.filter(
            models.Q(**{self.access_field: Access.ORGANIZATION})
            | models.Q(**{f"{self.organization_field}__in": legal_orgs})
        )

    def user_may_see(self, user, obj, roles=()):
        role = user.role_in(obj.organization)
        return super().user_may_see(user, obj, roles) and role in Access.roles(obj.access)


class OrganizationFromField:
    """Model mixin: `obj.organization` follows the default manager's `organization_field`
    ("worksite__organization" gives `obj.worksite.organization`)."""

    @property
    def organization(self):
        path = type(self)._default_manager.get_queryset().organization_field
        if path == "organization":
            name = type(self).__name__
            raise ImproperlyConfigured(
                f"{name}: give its queryset an organization_field such as 'worksite__organization'."
            )
        obj = self
        for name in path.split("__"):
            obj = getattr(obj, name)
        return obj


def require_role(user, organization, *roles):
    """403 unless `user` holds one of `roles` in `organization` (any role if none given)."""
    role = user.role_in(organization)
    if role is None or (roles and role not in roles):
        raise PermissionDenied


def role_required(*roles):
    """View decorator: the user must hold one of `roles` in at least one organization."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
