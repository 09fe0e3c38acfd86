"""The Django admin, scoped and audited like the site's own views. Every domain app's admin builds on this.

Who reaches the admin at all is `is_staff` (the site's own login protects it). Inside it:

- `OrganizationScopedAdmin` is for records that belong to an organization (their manager is an
  `OrganizationScopedQuerySet`). Lists and object pages show only what `Model.objects.for_user(user)`
  returns, so an object of another organization does not exist (the admin redirects as for a deleted
  one). Choices for organizations, and for records of other scoped models, are limited to the
  organizations where the user may edit. Administrators of the record's organization may add, change and
  delete; anyone else with a role there may only view. Superusers see and change everything.
- `ReferenceDataAdmin` is for tables the law defines (deadlines, qualifying crimes...): anyone with a role
  may view them; superusers and coalition administrators edit them.
- Both write an audit event for every create, update and delete made through the admin, naming the
  changed fields, never their values. Fields recording who made a record (`created_by`...) are filled in
  with the signed-in user and shown read-only.
"""

from django.contrib import admin
from django.db import transaction
from django.utils import translation

from power_campaign.audit.models import AuditEvent

from .access import OrganizationScopedQuerySet
from .models import Organization, Role, User

# Fields that record who made a record: set to the signed-in user on creation, never edited.
AUTHOR_FIELDS = ("created_by", "recorded_by", "referred_by", "uploaded_by")


def may_view(user, organization):
    return user.is_superuser or user.role_in(organization) is not None


def may_change(user, organization, roles):
    return user.is_superuser or user.role_in(organization) in roles


def changed_fields(form):
    """The names of the fields a form changed, never their values."""
    return ", ".join(form.changed_data) or "nothing"


def label(obj):
    """The record's kind, in English whatever the admin's language: the audit trail reads the same for all."""
    with translation.override("en"):
        return str(obj._meta.verbose_name)


def author_fields(model):
    names = {field.name for field in model._meta.get_fields()}
    return [name for name in AUTHOR_FIELDS if name in names]


def fill_authors(obj, user):
    for name in author_fields(type(obj)):
        if getattr(obj, f"{name}_id") is None:
            setattr(obj, name, user)


class AuditedAdminMixin:
    """Writes an AuditEvent for every add, change and delete, and fills in the author fields."""

    def audit(self, request, action, obj, summary):
        AuditEvent.objects.record(action=action, request=request, obj=obj, summary=summary)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in author_fields(self.model) if name not in readonly]

    def save_model(self, request, obj, form, change):
        if not change:
            fill_authors(obj, request.user)
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
            fill_authors(obj, request.user)
            obj.save()
        formset.save_m2m()
        for obj in formset.new_objects:
            self.audit(request, AuditEvent.Action.CREATE, obj, f"{label(obj)} added in the admin")
        for obj, fields in formset.changed_objects:
            summary = f"{label(obj)} changed in the admin: {', '.join(fields)}"
            self.audit(request, AuditEvent.Action.UPDATE, obj, summary)


class OrganizationScopedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A ModelAdmin for a model with `objects.for_user(user)` and an `organization` (field or property)."""

    change_roles = (Role.ADMIN,)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.for_user(request.user)

    # Permissions: a role in the record's organization, not Django's per-model permissions.

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(request.user.roles())

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return may_view(request.user, obj.organization)

    def has_add_permission(self, request):
        return request.user.is_superuser or request.user.has_role(*self.change_roles)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_superuser or request.user.has_role(*self.change_roles)
        return may_change(request.user, obj.organization, self.change_roles)

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
        queryset = model._default_manager.all()
        if isinstance(queryset, OrganizationScopedQuerySet):
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


class OrganizationScopedInline:
    """For inlines of an OrganizationScopedAdmin: permissions follow the parent record's organization.

    The rows themselves are audited by the parent admin's `save_formset`.
    """

    change_roles = (Role.ADMIN,)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_superuser or bool(request.user.roles())
        return may_view(request.user, obj.organization)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_superuser or request.user.has_role(*self.change_roles)
        return may_change(request.user, obj.organization, self.change_roles)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in author_fields(self.model) if name not in readonly]


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
