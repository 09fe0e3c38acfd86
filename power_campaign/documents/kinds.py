"""Document kinds: an open list. The platform declares its own; each app declares the kinds it makes.

An app with a `documents` module exposing `KINDS = {"code": _("Label")}` adds its kinds, found by module
name as the dashboard panels are (INSTALLED_APPS order). No migration is needed for a new kind: the
`Document.kind` column has no `choices`; labels come from here. A code declared twice is a
configuration error, reported at the first look-up.
"""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from power_campaign import hooks

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
    for module in hooks.app_modules(HOOK):
        for code, label in getattr(module, "KINDS", {}).items():
            if code in found:
                app = module.__name__.rpartition(".")[0]
                raise ImproperlyConfigured(f"Document kind {code!r} of {app} is already declared.")
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
