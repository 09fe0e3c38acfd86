from django.contrib import admin

from power_campaign.accounts.admin_scoping import ReferenceDataAdmin

from .models import AgreementComponent


@admin.register(AgreementComponent)
class AgreementComponentAdmin(ReferenceDataAdmin):
    list_display = ["order", "code", "label_en", "label_es", "source", "last_verified"]
    search_fields = ["code", "label_en", "label_es", "description", "source"]
