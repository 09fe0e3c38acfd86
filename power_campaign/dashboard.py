"""Dashboard panels contributed by the domain apps.

An app with a `dashboard` module exposing `panels(request)` adds panels to the home page: each is a
(template name, context) pair, shown in the order of `hooks.collect`. The platform imports no domain app.
"""

from .hooks import collect


def panels(request):
    return collect("dashboard", "panels", request)
