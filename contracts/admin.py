from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.admin_scoping import OrganizationScopedAdmin, ReadOnlyAdmin, ReferenceDataAdmin

from . import services
from .models import AdoptedClause, Clause, ClauseTopic, ClauseVersion, Proposal


@admin.register(ClauseTopic)
class ClauseTopicAdmin(ReferenceDataAdmin):
    list_display = ["order", "code", "label_en", "label_es", "source", "last_verified"]
    search_fields = ["code", "label_en", "label_es", "gist_en", "gist_es", "source"]


class ClauseVersionInline(admin.TabularInline):
    """The versions of a clause, read-only: a change is a new version ("Add a version")."""

    model = ClauseVersion
    extra = 0
    fields = ["number", "title_en", "created_by", "created_at"]
    readonly_fields = fields
    ordering = ["-number"]
    can_delete = False
    show_change_link = True

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(request.user.roles())

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Clause)
class ClauseAdmin(ReferenceDataAdmin):
    """The clause's topic, strength and tags; its text is in its versions."""

    list_display = ["code", "topic", "strength", "tags", "add_version"]
    list_filter = ["topic", "strength"]
    search_fields = ["code", "tags"]
    inlines = [ClauseVersionInline]

    @admin.display(description=_("new version"))
    def add_version(self, obj):
        url = reverse("admin:contracts_clauseversion_add") + f"?clause={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Add a version"))


@admin.register(ClauseVersion)
class ClauseVersionAdmin(ReferenceDataAdmin):
    """A version is written once. "Add" starts from the clause's current text (`?clause=<id>`) and saves a
    new version numbered after the latest; proposals keep the text they copied."""

    list_display = ["clause", "number", "title_en", "created_at"]
    list_filter = ["clause__topic"]
    search_fields = ["clause__code", "title_en", "title_es", "body_en", "body_es"]
    fields = [
        "clause",
        "title_en",
        "title_es",
        "body_en",
        "body_es",
        "commentary",
        "commentary_es",
        "sources",
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        clause = Clause.objects.filter(pk=request.GET.get("clause") or None).first()
        current = clause.current_version() if clause else None
        if current is not None:
            for name in self.fields[1:]:
                initial[name] = getattr(current, name)
        return initial

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in self.fields}
        saved = services.add_clause_version(user=request.user, request=request, **data)
        obj.pk, obj.number = saved.pk, saved.number
        obj._state.adding = False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    """Proposals are composed on the site; the admin lists them, read-only."""

    list_display = ["worksite", "title", "status", "ratified_on", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "worksite__employer_name"]
    fields = ["worksite", "title", "bargaining_unit", "status", "ratified_on", "values", "created_by"]
    readonly_fields = fields


@admin.register(AdoptedClause)
class AdoptedClauseAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    list_display = ["worksite", "title", "topic", "strength", "ratified_on"]
    list_filter = ["strength", "topic"]
    fields = ["worksite", "proposal", "title", "topic", "strength", "ratified_on"]
    readonly_fields = fields
