from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "power_campaign.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from power_campaign.dashboard import warm_after_change
        from power_campaign.freshness import audit_event_written

        post_save.connect(audit_event_written, sender="audit.AuditEvent", dispatch_uid="audit.freshness")
        # After freshness: its versions are new when the warm-up queued on the same commit reads them.
        post_save.connect(warm_after_change, sender="audit.AuditEvent", dispatch_uid="audit.dashboards")
