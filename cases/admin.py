"""The Django admin for cases: scoped by organization and audited like the views.

Evidence is read-only here (files are never deleted, and are opened through the site's audited pages);
contact phone numbers appear only on a contact's own page, never in lists.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.admin_scoping import (
    OrganizationScopedAdmin,
    OrganizationScopedInline,
    ReadOnlyAdmin,
    ReferenceDataAdmin,
)
from power_campaign.accounts.models import Organization, Role, User
from power_campaign.audit.models import AuditEvent
from power_campaign.phones import PhoneField, PhoneInput

from . import services
from .forms import FirstContactField, StageForm
from .models import (
    AgencyFiling,
    Contact,
    DeadlineRule,
    Evidence,
    Incident,
    ProtectedActivity,
    Referral,
    StageChange,
    Worksite,
)
from .services import set_referral_status


class CasesAdmin(OrganizationScopedAdmin):
    """The record's parent (organization, worksite or incident) is set once; search vectors kept fresh."""

    parent_field = "worksite"

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent_field not in readonly:
            readonly.append(self.parent_field)
        return readonly

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if hasattr(form.instance, "update_search_vector"):
            form.instance.update_search_vector()


class SameWorksiteForm(forms.ModelForm):
    """Records linked to a worksite's record (witnesses, incidents of a filing) must be of that worksite."""

    same_worksite_fields = ()

    def clean(self):
        data = super().clean()
        worksite = data.get("worksite") or getattr(self.instance, "worksite", None)
        if worksite is None:
            return data
        for name in self.same_worksite_fields:
            if any(linked.worksite_id != worksite.pk for linked in data.get(name) or []):
                self.add_error(name, gettext("Choose only records of this worksite."))
        return data


class StageChangeInline(OrganizationScopedInline, admin.TabularInline):
    model = StageChange
    form = StageForm  # the site's own validation: no stage in the future
    author_fields = ("recorded_by",)
    extra = 0
    fields = ["stage", "date", "note", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_at"]
    ordering = StageChange.LATEST_FIRST


class WorksiteAdminForm(forms.ModelForm):
    # A new worksite's first stage (later, the stage history inline): never the day it is typed in.
    first_contact_on = FirstContactField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:  # its default is the desk's zone, read when asked (no hidden copy)
            self.fields["time_zone"].show_hidden_initial = False

    def clean(self):
        data = super().clean()
        organization = data.get("organization") or getattr(self.instance, "organization", None)
        outsiders = [
            user
            for user in data.get("organizers") or []
            if organization is None or user.role_in(organization) != Role.ORGANIZER
        ]
        if outsiders:
            self.add_error("organizers", gettext("Assign only organizers of the worksite's organization."))
        return data


@admin.register(Worksite)
class WorksiteAdmin(CasesAdmin):
    form = WorksiteAdminForm
    parent_field = "organization"
    inlines = [StageChangeInline]
    list_display = ["employer_name", "dba", "city", "state", "industry", "current_stage", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "current_stage", "industry", "state"]
    list_select_related = ["organization"]
    search_fields = ["employer_name", "dba", "city"]
    filter_horizontal = ["organizers"]
    readonly_fields = ["current_stage", "current_stage_on", "created_at", "updated_at"]
    author_fields = ("created_by",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "organizers" and not request.user.is_superuser:
            organizations = Organization.objects.for_user(request.user, roles=self.change_roles)
            kwargs["queryset"] = User.objects.filter(
                memberships__organization__in=organizations, memberships__role=Role.ORGANIZER
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [name for name in fields if name != "first_contact_on"] if obj else fields

    def get_inlines(self, request, obj):
        return self.inlines if obj else []  # a new worksite starts at first contact, as on the site

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # The first stage is dated only if the date of first contact was given.
        # Made as everywhere else (first stage, search vector, audit); `obj` becomes the saved worksite.
        worksite = services.create_worksite(
            user=request.user, request=request, summary="worksite created in the admin", **form.cleaned_data
        )
        obj.pk = worksite.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_current_stage()  # after stages added inline

    def save_formset(self, request, form, formset, change):
        """Stage history rows go through the site's stage services: a correction or removal is audited with
        the previous stage and date, and the current stage is worked out again after each."""
        if formset.model is not StageChange:
            return super().save_formset(request, form, formset, change)
        worksite, user = form.instance, request.user
        # What the admin's history message reads (as BaseModelFormSet.save sets them).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if row in formset.deleted_forms:
                if row.instance.pk is not None:
                    services.remove_stage(change=row.instance, user=user, request=request)
                    formset.deleted_objects.append(row.instance)
                continue
            if not row.has_changed():
                continue
            values = {name: row.cleaned_data[name] for name in ("stage", "date", "note")}
            if row.instance.pk is None:
                entry = services.record_stage(worksite=worksite, user=user, request=request, **values)
                formset.new_objects.append(entry)
            else:
                entry = services.correct_stage(change=row.instance, user=user, request=request, **values)
                formset.changed_objects.append((entry, row.changed_data))


class ContactAdminForm(forms.ModelForm):
    class Meta:
        field_classes = {"phone": PhoneField}  # E.164 stored, national format shown
        widgets = {"phone": PhoneInput}


@admin.register(Contact)
class ContactAdmin(CasesAdmin):
    form = ContactAdminForm
    # Never the phone number in a list: it is shown only on the contact's own page.
    list_display = ["name", "worksite", "committee_role", "preferred_language", "consent_to_contact"]
    list_filter = [
        ("worksite__organization", admin.RelatedOnlyFieldListFilter),
        "committee_role",
        "preferred_language",
        "consent_to_contact",
    ]
    list_select_related = ["worksite"]
    search_fields = ["name"]
    autocomplete_fields = ["worksite"]
    readonly_fields = ["created_at"]
    author_fields = ("created_by",)


class ReferralInline(OrganizationScopedInline, admin.StackedInline):
    """An incident's referral to legal, read-only: every role sees its status, as on the incident page;
    the reason is shown as on the site (`Referral.reason_visible_to`: legal staff, and the organizer who
    referred it). Legal's notes never appear here. Referrals change on their own admin page and on the
    site."""

    model = Referral
    view_roles = (Role.ORGANIZER, Role.LEGAL, Role.ADMIN)  # widened: the reason stays hidden below
    field_roles = {"reason": (Role.LEGAL,)}
    fields = ["status", "referred_by", "referred_at", "status_changed_at", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def hidden_fields(self, request, obj=None):
        """`obj` is the incident: its referral's own rule decides, record by record."""
        hidden = super().hidden_fields(request, obj)
        referral = Referral.objects.filter(incident=obj).first() if obj is not None else None
        if referral is not None and referral.reason_visible_to(request.user):
            hidden.discard("reason")
        return hidden


class IncidentAdminForm(SameWorksiteForm):
    same_worksite_fields = ("witnesses",)


@admin.register(Incident)
class IncidentAdmin(CasesAdmin):
    form = IncidentAdminForm
    inlines = [ReferralInline]
    list_display = ["__str__", "type", "occurred_at", "worksite", "workers_affected"]
    list_filter = [("worksite__organization", admin.RelatedOnlyFieldListFilter), "type", "ice_document"]
    list_select_related = ["worksite"]
    search_fields = ["description", "place", "worksite__employer_name"]
    autocomplete_fields = ["worksite", "witnesses"]
    readonly_fields = ["created_at", "updated_at"]
    author_fields = ("created_by",)
    date_hierarchy = "occurred_at"


class FilingAdminForm(SameWorksiteForm):
    same_worksite_fields = ("incidents",)


@admin.register(AgencyFiling)
class AgencyFilingAdmin(CasesAdmin):
    form = FilingAdminForm
    list_display = ["__str__", "agency", "case_number", "filed_on", "closed_on", "worksite"]
    list_filter = [("worksite__organization", admin.RelatedOnlyFieldListFilter), "agency"]
    list_select_related = ["worksite"]
    search_fields = ["case_number", "worksite__employer_name"]
    autocomplete_fields = ["worksite", "incidents"]
    readonly_fields = ["created_at"]
    author_fields = ("created_by",)


@admin.register(ProtectedActivity)
class ProtectedActivityAdmin(CasesAdmin):
    list_display = ["__str__", "kind", "date", "worksite"]
    list_filter = [("worksite__organization", admin.RelatedOnlyFieldListFilter), "kind"]
    list_select_related = ["worksite"]
    search_fields = ["description", "worksite__employer_name"]
    autocomplete_fields = ["worksite"]
    readonly_fields = ["created_at"]
    author_fields = ("created_by",)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin, CasesAdmin):
    """Read-only: evidence is added on the incident page and never changed or deleted.

    The files are not linked here: they open through the site's evidence page, which records every
    view and download in the chain of custody.
    """

    parent_field = "incident"
    list_display = ["original_name", "kind", "incident", "uploaded_by", "uploaded_at", "size"]
    list_filter = [("incident__worksite__organization", admin.RelatedOnlyFieldListFilter), "kind"]
    list_select_related = ["incident__worksite", "uploaded_by"]  # an incident is named by its local day
    search_fields = ["original_name", "description", "sha256"]
    fields = [
        "incident",
        "kind",
        "content_type",
        "original_name",
        "description",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "files",
    ]
    readonly_fields = ["files"]
    author_fields = ("uploaded_by",)

    @admin.display(description=_("files"))
    def files(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("cases:evidence", args=[obj.uuid]),
            gettext("Open the evidence page"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            evidence = self.get_object(request, object_id)
            AuditEvent.objects.record(
                action=AuditEvent.Action.VIEW_SENSITIVE, request=request, obj=evidence, summary="in the admin"
            )
        return response


class ReferralAdminForm(forms.ModelForm):
    """An existing referral offers its current status and the ones its transitions allow, no other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "status" in self.fields:
            current = (self.instance.status, self.instance.get_status_display())
            self.fields["status"].choices = [current, *self.instance.next_status_choices]
        if "assigned_to" in self.fields:  # legal staff of the referral's organization, once it has one
            staff = self.instance.assignable_staff() if self.instance.pk else None
            self.fields["assigned_to"].queryset = staff if staff is not None else self.fields[
                "assigned_to"
            ].queryset.none()


@admin.register(Referral)
class ReferralAdmin(CasesAdmin):
    form = ReferralAdminForm
    parent_field = "incident"
    view_roles = (Role.LEGAL,)  # as on the site: the reason is legal staff's only
    change_roles = (Role.LEGAL,)  # legal staff move referrals along
    list_display = ["__str__", "status", "referred_by", "referred_at", "status_changed_at"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "status"]
    list_select_related = ["incident__worksite", "referred_by"]  # named by its incident's local day
    search_fields = ["incident__worksite__employer_name"]
    autocomplete_fields = ["incident"]
    readonly_fields = ["referred_at", "status_changed_at"]
    author_fields = ("referred_by",)

    def save_model(self, request, obj, form, change):
        """A status change is a transition (checked, stamped, audited from → to) like on the site."""
        if not (change and "status" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        status, obj.status = obj.status, form.initial["status"]
        if form.changed_data != ["status"]:
            super().save_model(request, obj, form, change)
        set_referral_status(referral=obj, status=status, user=request.user, request=request)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ReferenceDataAdmin):
    list_display = ["code", "label", "incident_type", "state", "amount", "unit", "source", "last_verified"]
    list_filter = ["incident_type", "state"]
    search_fields = ["code", "label", "label_es", "source"]
