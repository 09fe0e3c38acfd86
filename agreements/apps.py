from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def incident_saved(sender, instance, raw=False, **kwargs):
    """An immigration-related incident saved (logged, or its type corrected): once the transaction commits,
    flag it as a possible breach of any active agreement covering its worksite (services.flag_incident;
    idempotent, as an incident is linked to an agreement once)."""
    from . import services

    if raw or instance.type not in services.IMMIGRATION_INCIDENT_TYPES:
        return
    incident_id = instance.pk
    transaction.on_commit(lambda: services.flag_incident(incident_id))


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Neutrality agreements")

    def ready(self):
        # cases offers no hook for new incidents and must not know this app: listen to its model instead.
        post_save.connect(incident_saved, sender="cases.Incident", dispatch_uid="agreements.incident_saved")
