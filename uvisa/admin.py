from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.admin_scoping import OrganizationScopedAdmin, ReadOnlyAdmin, ReferenceDataAdmin
from power_campaign.accounts.models import Role
from power_campaign.documents.api import ExhibitError, SigningNotConfigured

from . import packets
from .models import ActivityModifier, CertificationRequest, CertifyingAgency, QualifyingActivity
from .services import CaseError


@admin.register(QualifyingActivity)
class QualifyingActivityAdmin(ReferenceDataAdmin):
    list_display = ["statutory_order", "code", "label_en", "label_es", "added_by", "source", "last_verified"]
    ordering = ["statutory_order"]
    search_fields = ["code", "label_en", "label_es"]


@admin.register(ActivityModifier)
class ActivityModifierAdmin(ReferenceDataAdmin):
    list_display = ["code", "label_en", "label_es", "source", "last_verified"]


@admin.register(CertifyingAgency)
class CertifyingAgencyAdmin(ReferenceDataAdmin):
    list_display = ["name", "level", "kind", "state", "any_activity", "active", "last_verified"]
    list_filter = ["level", "kind", "active"]
    search_fields = ["code", "name", "conditions", "source"]
    filter_horizontal = ["activities"]


@admin.register(CertificationRequest)
class CertificationRequestAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    """Certification requests, read-only; legal staff export the packet for an agency from here, with the
    same checks and audit events as the packet page (legal staff of the case only; complete sheet)."""

    view_roles = (Role.LEGAL, Role.ADMIN)
    list_display = ["case_code", "agency", "status", "sent_on", "signed_on"]
    list_filter = ["status"]
    list_select_related = ["case__organization", "agency"]
    fields = ["case_code", "agency", "status", "sent_on", "method", "agency_case_number", "signed_on"]
    readonly_fields = fields
    actions = ["export_packet"]

    @admin.display(description=_("case"))
    def case_code(self, obj):
        return obj.case.code

    @admin.action(description=_("Export the certification request packet"))
    def export_packet(self, request, queryset):
        for cert_request in queryset.select_related("case__organization", "agency"):
            if not self.has_view_permission(request, cert_request):
                continue
            name = f"{cert_request.agency} · {cert_request.case.code}"
            try:
                packet = packets.export_request_packet(
                    cert_request=cert_request, user=request.user, request=request
                )
            except PermissionDenied:
                messages.error(
                    request, gettext("%(request)s: only legal staff can export a packet.") % {"request": name}
                )
            except CaseError as error:
                messages.error(request, f"{name}: {error.messages[0]}")
            except (ExhibitError, SigningNotConfigured) as error:
                messages.error(request, f"{name}: {error}")
            else:
                messages.success(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        gettext("%(request)s: the packet is being generated.") % {"request": name},
                        packet.get_absolute_url(),
                        gettext("Open the packet"),
                    ),
                )
