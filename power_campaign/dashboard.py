"""Dashboard panels contributed by the domain apps.

An app with a `dashboard` module exposing `panels(request)` adds panels to the home page: each is a
(template name, context) pair, shown in INSTALLED_APPS order. The platform imports no domain app.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def panels(request):
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "dashboard") and config.name != "power_campaign":
            found.extend(import_module(f"{config.name}.dashboard").panels(request))
    return found
