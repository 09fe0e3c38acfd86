from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Model contract language")

    def ready(self):
        # The worksite page's timeline takes other apps' entries from cases.timeline.SOURCES.
        from cases import timeline

        from .timeline import adopted_entries

        if adopted_entries not in timeline.SOURCES:
            timeline.SOURCES.append(adopted_entries)
