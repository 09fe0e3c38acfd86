from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Worksites and incidents")

    def ready(self):
        from .models import DeadlineRule, incident_deleted

        post_delete.connect(incident_deleted, sender="cases.Incident", dispatch_uid="cases.incident_deleted")
        # The deadline rules are read from the cache (DeadlineRule.objects.every).
        forget = DeadlineRule.objects.forget
        post_save.connect(forget, sender=DeadlineRule, dispatch_uid="cases.rule_saved")
        post_delete.connect(forget, sender=DeadlineRule, dispatch_uid="cases.rule_deleted")
        post_migrate.connect(forget, sender=self, dispatch_uid="cases.rules_migrated")  # once per migrate
