from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.admin_scoping import OrganizationScopedAdmin, ReadOnlyAdmin, ReferenceDataAdmin
from power_campaign.documents.api import SigningNotConfigured

from . import services
from .models import Agreement, AgreementComponent, AgreementTemplate, SignatureRequest, TemplateSection


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


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    """Agreements are read here; they change only through their workflow (drafting, review, signature).
    The action prints the text of the selected agreements as new signed PDF versions; the change page
    links to the executed PDF and its certificate through the site's audited downloads."""

    list_display = ["worksite", "status", "language", "approved_version", "executed_at", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["worksite__employer_name", "worksite__dba"]
    list_select_related = ["worksite", "approved_version"]
    fields = [
        "worksite",
        "template",
        "language",
        "status",
        "approved_version",
        "executed_at",
        "effective_on",
        "expires_on",
        "executed_pdf",
        "certificate_pdf",
        "terminated_at",
        "termination_reason",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["print_pdf"]

    def _link(self, obj, field, name, text):
        if getattr(obj, f"{field}_id") is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse(name, args=[obj.uuid]), text)

    @admin.display(description=_("executed agreement"))
    def executed_pdf(self, obj):
        return self._link(obj, "executed_document", "agreements:executed_pdf", gettext("Download the PDF"))

    @admin.display(description=_("signature certificate"))
    def certificate_pdf(self, obj):
        return self._link(
            obj, "certificate_document", "agreements:certificate_pdf", gettext("Download the PDF")
        )

    @admin.action(description=_("Print the text of the selected agreements as signed PDFs"))
    def print_pdf(self, request, queryset):
        """A new PDF version for each selected agreement the user may see (the list shows no others)."""
        for agreement in queryset.select_related("worksite__organization", "approved_version"):
            if not self.has_view_permission(request, agreement):
                continue
            try:
                document = services.generate_agreement_pdf(
                    agreement=agreement, user=request.user, request=request
                )
            except SigningNotConfigured as error:
                messages.error(request, error.message)
                return
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("%(agreement)s: PDF version %(version)s is signed and saved.")
                    % {"agreement": agreement.worksite.display_name, "version": document.version},
                    document.get_absolute_url(),
                    gettext("Download the PDF"),
                ),
            )


@admin.register(SignatureRequest)
class SignatureRequestAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    """Signing links and the evidence of each signature, read-only: they are sent, resent and revoked from
    the agreement's page. The link's tokens (stored as hashes) and the drawn signature are never shown."""

    list_display = [
        "agreement",
        "version_number",
        "party",
        "signer_name",
        "signer_title",
        "signer_email",
        "state",
        "sent_at",
        "expires_at",
        "signed_at",
        "revoked_at",
    ]
    list_filter = ["party", "signature_kind"]
    search_fields = ["signer_name", "signer_email", "agreement__worksite__employer_name"]
    list_select_related = ["agreement__worksite", "version"]
    fields = [
        "agreement",
        "version_number",
        "party",
        "signer_name",
        "signer_title",
        "signer_email",
        "state",
        "sent_at",
        "expires_at",
        "viewed_at",
        "revoked_at",
        "signed_at",
        "signature_kind",
        "typed_signature",
        "signed_name",
        "signed_title",
        "consent_text",
        "version_sha256",
        "ip_address",
        "user_agent",
        "created_by",
    ]
    readonly_fields = fields

    @admin.display(description=_("version"), ordering="version__number")
    def version_number(self, obj):
        return obj.version.number

    @admin.display(description=_("status"))
    def state(self, obj):
        return obj.get_state_display(timezone.now())
