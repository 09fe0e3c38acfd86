from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Worksites and incidents")

    def ready(self):
        from .models import incident_deleted

        post_delete.connect(incident_deleted, sender="cases.Incident", dispatch_uid="cases.incident_deleted")
