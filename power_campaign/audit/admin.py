from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
