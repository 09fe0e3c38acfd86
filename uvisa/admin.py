from django.contrib import admin

from power_campaign.accounts.admin_scoping import ReferenceDataAdmin

from .models import ActivityModifier, CertifyingAgency, QualifyingActivity


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
