from django.apps import AppConfig
from django.db.backends.signals import connection_created


class OpsConfig(AppConfig):
    name = "power_campaign.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import database

        connection_created.connect(database.connection_created, dispatch_uid="ops.database")
