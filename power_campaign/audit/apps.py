from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "power_campaign.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from power_campaign.freshness import audit_event_written

        post_save.connect(audit_event_written, sender="audit.AuditEvent", dispatch_uid="audit.freshness")
