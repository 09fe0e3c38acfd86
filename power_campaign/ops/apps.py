from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "power_campaign.ops"
    label = "ops"
    verbose_name = "Operations"
