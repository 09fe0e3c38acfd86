from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "power_campaign.crypto"
    label = "crypto"
    verbose_name = "Field encryption"
