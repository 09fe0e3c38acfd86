"""Document kinds: an open list. The platform declares its own; each app declares the kinds it makes.

An app with a `documents` module exposing `KINDS = {"code": _("Label")}` adds its kinds, found by module
name as the dashboard panels are (INSTALLED_APPS order). No migration is needed for a new kind: the
`Document.kind` column has no `choices`; labels come from here. A code declared twice is a
configuration error, reported at the first look-up.
"""

from functools import cache
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

PACKET = "packet"
NOTICE = "notice"
PLATFORM_KINDS = {
    PACKET: _("Exhibit packet"),
    NOTICE: _("Notice"),
}
HOOK = "documents"


@cache
def document_kinds():
    """{code: label} of every declared kind: the platform's first, then each app's."""
    found = dict(PLATFORM_KINDS)
    for config in apps.get_app_configs():
        if config.name == "power_campaign" or not module_has_submodule(config.module, HOOK):
            continue
        declared = getattr(import_module(f"{config.name}.{HOOK}"), "KINDS", {})
        for code, label in declared.items():
            if code in found:
                raise ImproperlyConfigured(f"Document kind {code!r} of {config.name} is already declared.")
            found[code] = label
    return found


def is_declared(kind):
    return kind in document_kinds()


def kind_label(kind):
    """The kind's label in the active language (the code itself for a kind no app declares any more)."""
    return document_kinds().get(kind, kind)


@receiver(setting_changed)
def _apps_changed(*, setting, **kwargs):
    if setting == "INSTALLED_APPS":
        document_kinds.cache_clear()
