"""The home page's panels: the platform's deadlines panel, then those the domain apps contribute.

An app with a `dashboard` module exposing `panels(request)` adds panels to the home page: each is a
(template name, context) pair, shown in the order of `hooks.collect`. The platform imports no domain app.

The panels add up thousands of records in a coalition's big locals, so their HTML is kept in the shared
cache (Redis or the file cache in production), per user, language and day, and made again as soon as
anything changes in one of the user's organizations: every change the services make records an audit
event, which gives the organization a new data version (power_campaign/freshness.py), and the key holds
the versions of the user's organizations. PANEL_CACHE_SECONDS bounds what no change announces: a
deadline passing during the day, a write outside the services (a restore). The cached HTML names workers
and employers, so it is encrypted with the field-encryption key: the cache holds nothing readable.
A panel's template gets its context as `panel`, and no request: it shows only what its context holds.
"""

import hashlib

from cryptography.fernet import InvalidToken
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import deadlines, freshness
from .accounts.models import Organization
from .crypto.fields import multifernet
from .hooks import collect

PANEL_CACHE_SECONDS = 300


def panels(request):
    """[(template name, context)]: the deadlines panel, then the apps' panels."""
    return [deadlines.panel(request), *collect("dashboard", "panels", request)]


def panels_cache_key(user):
    organization_ids = Organization.objects.ids_for_user(user)
    scope = [freshness.ALL] if organization_ids is None else organization_ids
    versions = freshness.versions(freshness.DATA, [*scope, None])
    today = timezone.localdate().isoformat()
    parts = (user.pk, user.access_key(), get_language(), today, sorted(versions.values()))
    return "dashboard:panels:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def rendered_panels(request):
    """The panels' HTML: from the cache while nothing in the user's organizations changed, else made again."""
    key = panels_cache_key(request.user)
    token = cache.get(key)
    if token is not None:
        try:
            return mark_safe(multifernet().decrypt(token).decode())  # noqa: S308 - rendered below
        except InvalidToken:  # written with a key since retired: made again
            pass
    html = render_to_string("dashboard_panels.html", {"panels": panels(request)})
    cache.set(key, multifernet().encrypt(html.encode()), PANEL_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it
