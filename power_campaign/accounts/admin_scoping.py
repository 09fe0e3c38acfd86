"""The Django admin, scoped and audited like the site's own views. Every domain app's admin builds on this.

Who reaches the admin at all is `is_staff` (the site's own login protects it). Inside it:

- `OrganizationScopedAdmin` is for records that belong to an organization (their manager is an
  `OrganizationScopedQuerySet`). Lists and object pages show only what
  `Model.objects.for_user(user, roles=view_roles)` returns, the same access path as the site, so an
  object of another organization (or a legal-only record, for other roles) does not exist (the admin
  redirects as for a deleted one). `view_roles` narrows who may see the records at all; by default it
  is whoever the model's queryset lets in (any role, or legal staff for a `LegalOnlyQuerySet`).
  `field_roles` hides single fields from other roles: `{"reason": (Role.LEGAL,)}` leaves the field out
  of forms, read-only fields, lists, filters, searches and lookups. Choices for organizations, and for
  records of other scoped models, are limited to the organizations where the user may edit.
  Holders of `change_roles` (administrators by default) in the record's organization may add, change
  and delete; anyone else who may see it may only view. Superusers see and change everything.
- `OrganizationScopedInline` applies the same rules to the rows of an inline.
- `ReferenceDataAdmin` is for tables the law defines (deadlines, qualifying crimes...): anyone with a role
  may view them; superusers and coalition administrators edit them.
- Every admin writes an audit event for every create, update and delete made through the admin, naming
  the changed fields, never their values. The fields recording who made a record, declared per admin
  as `author_fields = ("created_by",)`, are filled in with the signed-in user and shown read-only.
- `view_on_site` replaces Django's `/admin/r/<content_type>/<pk>/` shortcut: it redirects only to an
  object the user may see through the model's `for_user`, and answers 404 for anything else.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation

from power_campaign.audit.models import AuditEvent

from .access import OrganizationScopedQuerySet
from .models import Organization, Role, User


def may_change(user, organization, roles):
    return user.is_superuser or user.role_in(organization) in roles


def changed_fields(form):
    """The names of the fields a form changed, never their values."""
    return ", ".join(form.changed_data) or "nothing"


def label(obj):
    """The record's kind, in English whatever the admin's language: the audit trail reads the same for all."""
    with translation.override("en"):
        return str(obj._meta.verbose_name)


def fill_authors(obj, user, names):
    for name in names:
        if getattr(obj, f"{name}_id") is None:
            setattr(obj, name, user)


def scoped_queryset(model):
    """The model's access path (an OrganizationScopedQuerySet), or None for a model without one."""
    queryset = model._default_manager.get_queryset()
    return queryset if isinstance(queryset, OrganizationScopedQuerySet) else None


def holds_role_everywhere(user, roles):
    """Whether `user` holds one of `roles` in every organization they may see (pages listing several)."""
    organizations = list(Organization.objects.for_user(user))
    return bool(organizations) and all(user.role_in(organization) in roles for organization in organizations)


def without_names(fields, hidden):
    """Form fields without the hidden ones; fields shown on one line are a tuple, kept if any remains."""
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            field = tuple(name for name in field if name not in hidden)
            if field:
                kept.append(field)
        elif field not in hidden:
            kept.append(field)
    return kept


class ReadOnlyAdmin:
    """An admin that only shows its records: they are made and changed on the site (or never, as the audit
    trail), so the admin adds, changes and deletes none. First among the bases."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuthorFieldsMixin:
    """`author_fields`: fields recording who made a record, filled in with the signed-in user, read-only."""

    author_fields = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in self.author_fields if name not in readonly]


class FieldRolesMixin:
    """`field_roles = {"reason": (Role.LEGAL,)}`: a field (or a related path) shown only to those roles.

    On an object's page the role counts in the object's organization (for an inline, the parent's); on
    pages listing several organizations' records, the user must hold the role in every one of them.
    """

    field_roles = {}

    def hidden_fields(self, request, obj=None):
        user = request.user
        if user.is_superuser:
            return set()
        hidden = set()
        for name, roles in self.field_roles.items():
            if obj is not None:
                allowed = user.role_in(obj.organization) in roles
            else:
                allowed = holds_role_everywhere(user, roles)
            if not allowed:
                hidden.add(name)
        return hidden

    def is_hidden(self, entry, hidden):
        """Whether a field name, search field ("^name") or lookup ("name__icontains") reaches a hidden
        field."""
        if not isinstance(entry, str):
            return False
        path = entry.lstrip("^=@")
        return any(path == name or path.startswith(f"{name}__") for name in hidden)

    def without_hidden(self, entries, hidden):
        return [
            entry
            for entry in entries
            if not self.is_hidden(entry[0] if isinstance(entry, (list, tuple)) else entry, hidden)
        ]

    def get_fields(self, request, obj=None):
        return without_names(super().get_fields(request, obj), self.hidden_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        hidden = self.hidden_fields(request, obj)
        return [
            (title, {**options, "fields": without_names(options.get("fields", ()), hidden)})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        hidden = self.hidden_fields(request, obj)
        return [name for name in readonly if name not in hidden] if hidden else readonly


class FieldRolesListMixin(FieldRolesMixin):
    """The list pages of a ModelAdmin: columns, filters, searches and URL lookups."""

    def get_list_display(self, request):
        return self.without_hidden(super().get_list_display(request), self.hidden_fields(request))

    def get_list_filter(self, request):
        return self.without_hidden(super().get_list_filter(request), self.hidden_fields(request))

    def get_search_fields(self, request):
        return self.without_hidden(super().get_search_fields(request), self.hidden_fields(request))

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and self.is_hidden(lookup, self.hidden_fields(request)):
            return False
        return super().lookup_allowed(lookup, value, request)


class AuditedAdminMixin(AuthorFieldsMixin):
    """Writes an AuditEvent for every add, change and delete, and fills in the author fields."""

    def audit(self, request, action, obj, summary):
        AuditEvent.objects.record(action=action, request=request, obj=obj, summary=summary)

    def save_model(self, request, obj, form, change):
        if not change:
            fill_authors(obj, request.user, self.author_fields)
        super().save_model(request, obj, form, change)
        if change:
            summary = f"{label(obj)} changed in the admin: {changed_fields(form)}"
            self.audit(request, AuditEvent.Action.UPDATE, obj, summary)
        else:
            self.audit(request, AuditEvent.Action.CREATE, obj, f"{label(obj)} created in the admin")

    def delete_model(self, request, obj):
        self.audit(request, AuditEvent.Action.DELETE, obj, f"{label(obj)} deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.audit(request, AuditEvent.Action.DELETE, obj, f"{label(obj)} deleted in the admin")
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        """Inline rows: each one added, changed or deleted gets its own event."""
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                summary = f"{label(deleted.instance)} deleted in the admin"
                self.audit(request, AuditEvent.Action.DELETE, deleted.instance, summary)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            fill_authors(obj, request.user, getattr(formset, "author_fields", ()))
            obj.save()
        formset.save_m2m()
        for obj in formset.new_objects:
            self.audit(request, AuditEvent.Action.CREATE, obj, f"{label(obj)} added in the admin")
        for obj, fields in formset.changed_objects:
            summary = f"{label(obj)} changed in the admin: {', '.join(fields)}"
            self.audit(request, AuditEvent.Action.UPDATE, obj, summary)


class RoleScopedMixin:
    """What OrganizationScopedAdmin and OrganizationScopedInline share: who may view and who may change."""

    view_roles = ()  # empty: whoever the model's access path lets in
    change_roles = (Role.ADMIN,)

    def effective_view_roles(self):
        """The roles that may see these records: `view_roles` as the model's queryset reads them."""
        queryset = scoped_queryset(self.model)
        return queryset.effective_roles(self.view_roles) if queryset is not None else tuple(self.view_roles)

    def may_view_some(self, request):
        """Whether the user may see records of this kind in at least one organization."""
        user = request.user
        roles = self.effective_view_roles()
        return user.is_superuser or (user.has_role(*roles) if roles else bool(user.roles()))

    def may_view_in(self, request, organization):
        user = request.user
        roles = self.effective_view_roles()
        role = user.role_in(organization)
        return user.is_superuser or (role is not None and (not roles or role in roles))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or not isinstance(queryset, OrganizationScopedQuerySet):
            return queryset
        return queryset.for_user(request.user, roles=self.view_roles)


class OrganizationScopedAdmin(FieldRolesListMixin, RoleScopedMixin, AuditedAdminMixin, admin.ModelAdmin):
    """A ModelAdmin for a model with `objects.for_user(user)` and an `organization` (field or property)."""

    # Permissions: the model's access path and a role in the record's organization, not Django's
    # per-model permissions.

    def has_module_permission(self, request):
        return self.may_view_some(request)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.may_view_some(request)
        if request.user.is_superuser:
            return True
        return scoped_queryset(self.model).user_may_see(request.user, obj, self.view_roles)

    def has_add_permission(self, request):
        user = request.user
        return user.is_superuser or (self.may_view_some(request) and user.has_role(*self.change_roles))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return self.has_view_permission(request, obj) and may_change(
            request.user, obj.organization, self.change_roles
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    # Choices: only what the user may edit.

    def scoped_choices(self, request, model):
        """The records of `model` a user may pick, or None to leave the choices alone."""
        user = request.user
        if user.is_superuser:
            return None
        organizations = Organization.objects.for_user(user, roles=self.change_roles)
        if model is Organization:
            return organizations
        if model is User:
            return User.objects.filter(memberships__organization__in=organizations).distinct()
        queryset = scoped_queryset(model)
        if queryset is not None:
            return queryset.for_user(user, roles=self.change_roles)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self.scoped_choices(request, db_field.related_model)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self.scoped_choices(request, db_field.related_model)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OrganizationScopedInline(FieldRolesMixin, RoleScopedMixin, AuthorFieldsMixin):
    """For inlines of an OrganizationScopedAdmin: permissions follow the parent record's organization,
    the rows shown are those the model's access path lets the user see.

    The rows themselves are audited by the parent admin's `save_formset`.
    """

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.may_view_some(request)
        return self.may_view_in(request, obj.organization)

    def has_change_permission(self, request, obj=None):
        user = request.user
        if obj is None:
            return user.is_superuser or (self.may_view_some(request) and user.has_role(*self.change_roles))
        return self.may_view_in(request, obj.organization) and may_change(
            user, obj.organization, self.change_roles
        )

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.author_fields = self.author_fields  # filled in by the parent admin's save_formset
        return formset


class ReferenceDataAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Reference data the law defines: everyone with a role reads it; coalition administrators edit it."""

    def may_edit(self, request):
        return request.user.is_superuser or request.user.coalition_role == Role.ADMIN

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(request.user.roles())

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request)


def view_on_site(request, content_type_id, object_id):
    """Django's `/admin/r/<content_type>/<pk>/` shortcut, scoped: it redirects to the object's page only
    when the user may see the object through its model's `for_user`; anything else does not exist (404),
    so the shortcut tells nobody which IDs another organization's records have."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except (ContentType.DoesNotExist, ValueError):
        raise Http404 from None
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    queryset = model._default_manager.all()
    if not request.user.is_superuser:
        if not hasattr(queryset, "for_user"):
            raise Http404
        queryset = queryset.for_user(request.user)
    try:
        obj = queryset.get(pk=object_id)
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    return redirect(obj.get_absolute_url())
