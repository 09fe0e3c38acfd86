from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.admin_scoping import ReferenceDataAdmin

from . import services
from .models import AgreementComponent, AgreementTemplate, TemplateSection


@admin.register(AgreementComponent)
class AgreementComponentAdmin(ReferenceDataAdmin):
    list_display = ["order", "code", "label_en", "label_es", "source", "last_verified"]
    search_fields = ["code", "label_en", "label_es", "description", "source"]


def _editable(template):
    """A template's sections may change while it is a draft (or not yet saved)."""
    return template is None or template.status == AgreementTemplate.Status.DRAFT


class TemplateSectionInline(admin.StackedInline):
    model = TemplateSection
    extra = 0
    fields = ["order", "component", "heading_en", "heading_es", "body_en", "body_es"]

    def _may_edit(self, request, obj):
        return (request.user.is_superuser or request.user.coalition_role == "admin") and _editable(obj)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(request.user.roles())

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(ReferenceDataAdmin):
    """Coalition administrators edit a draft version and publish it; a published version is read-only
    ("Draft a new version" copies it)."""

    list_display = ["name", "version", "status", "published_at"]
    list_filter = ["status"]
    fields = ["name", "version", "status", "published_at"]
    readonly_fields = ["status", "published_at"]
    inlines = [TemplateSectionInline]
    author_fields = ("created_by",)
    actions = ["draft_new_version", "publish"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _editable(obj)

    @admin.action(description=_("Draft a new version of the selected templates"))
    def draft_new_version(self, request, queryset):
        if not self.may_edit(request):
            return
        for template in queryset:
            copy = services.new_template_version(template=template, user=request.user, request=request)
            messages.success(request, gettext("Drafted %(template)s.") % {"template": copy})

    @admin.action(description=_("Publish the selected draft versions"))
    def publish(self, request, queryset):
        if not self.may_edit(request):
            return
        for template in queryset:
            try:
                services.publish_template(template=template, user=request.user, request=request)
            except services.AgreementError as error:
                messages.error(request, f"{template}: {error.messages[0]}")
            else:
                messages.success(request, gettext("Published %(template)s.") % {"template": template})
