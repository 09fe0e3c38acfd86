from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "power_campaign.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self):
        from . import signals  # noqa: F401  (login and failed-login audit events)
