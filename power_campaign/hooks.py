"""Hooks found by module name: how a domain app contributes to the platform without the platform
knowing its name.

An app contributes with a module of an agreed name holding a function of an agreed name, e.g.
`<app>/dashboard.py: panels(request)` or `<app>/menu.py: items(request)`. `collect()` calls that
function in every installed app that has it, platform apps (`power_campaign.*`) first, then the others
in INSTALLED_APPS order, and joins the lists they return.
"""

from functools import cache
from importlib import import_module

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import module_has_submodule

PLATFORM = "power_campaign"


def app_modules(module_name, having=None):
    """The installed apps' `<app>.<module_name>` modules, platform apps first, then INSTALLED_APPS order;
    with `having`, only those that define it. A module of that name without the hook's function is not a
    hook (a third-party app may have a `menu` module of its own) and is passed over."""
    return [module for module in _found(module_name) if having is None or hasattr(module, having)]


@cache
def _found(module_name):
    """Looked up once per module name, not on every request; a change of INSTALLED_APPS (tests) clears it."""
    configs = [config for config in apps.get_app_configs() if config.name != PLATFORM]
    configs.sort(key=lambda config: not config.name.startswith(f"{PLATFORM}."))  # stable: keeps the order
    return tuple(
        import_module(f"{config.name}.{module_name}")
        for config in configs
        if module_has_submodule(config.module, module_name)
    )


@receiver(setting_changed)
def _apps_changed(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _found.cache_clear()


def answers(module_name, function_name, *args, **kwargs):
    """Every app's `<app>.<module_name>.<function_name>(*args, **kwargs)`, each answer on its own."""
    modules = app_modules(module_name, having=function_name)
    return [getattr(module, function_name)(*args, **kwargs) for module in modules]


def collect(module_name, function_name, *args, **kwargs):
    """Every app's answer (`answers`), the returned lists joined."""
    return [item for answer in answers(module_name, function_name, *args, **kwargs) for item in answer]
