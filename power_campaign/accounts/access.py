"""The one access path every domain app uses.

An object outside the user's organizations does not exist for them (404); an object they can
see but an action their role may not take is forbidden (403).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404


class OrganizationScopedQuerySet(models.QuerySet):
    """For models with an `organization` (a foreign key, or a property following `organization_field`)."""

    organization_field = "organization"

    def in_organizations_of(self, user, roles=()):
        from .models import Organization

        organizations = Organization.objects.for_user(user, roles)
        return self.filter(**{f"{self.organization_field}__in": organizations})

    def for_user(self, user, roles=()):
        """What the user may list. Models with finer rules narrow this further."""
        return self.in_organizations_of(user, roles)

    def get_for_user(self, user, roles=(), **lookup):
        """Fetch one object of the user's organizations (else 404), then check their role there (else 403)."""
        try:
            obj = self.in_organizations_of(user).get(**lookup)
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        require_role(user, obj.organization, *roles)
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
