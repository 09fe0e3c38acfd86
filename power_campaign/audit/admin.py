from django.contrib import admin

from power_campaign.accounts.admin_scoping import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "sequence",
        "created_at",
        "actor_username",
        "action",
        "object_type",
        "object_id",
        "organization",
    ]
    list_filter = ["action", "organization"]
    search_fields = ["actor_username", "object_id", "object_type"]
