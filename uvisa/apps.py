from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UvisaConfig(AppConfig):
    name = "uvisa"
    verbose_name = _("U visas")
