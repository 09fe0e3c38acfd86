from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Worksites and incidents")

    def ready(self):
        from .dashboard import incident_written

        for signal in (post_save, post_delete):
            signal.connect(incident_written, sender="cases.Incident", dispatch_uid=f"cases.{signal}")
