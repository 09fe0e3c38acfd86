"""A fixed-window rate limit kept in the cache: `allow(scope, key, per_minute)`.

Counts are per cache: with the default local-memory cache each server process counts on its own, so
the limit a visitor meets is at most (processes times per_minute); CACHE_URL set to a shared cache makes it
exact.
"""

import time

from django.core.cache import cache

WINDOW = 60  # seconds


def allow(scope, key, per_minute, *, now=None):
    """Count one more use of `scope` by `key` in this minute; False once more than `per_minute` were made."""
    window = int((time.time() if now is None else now) // WINDOW)
    name = f"throttle:{scope}:{key}:{window}"
    cache.add(name, 0, timeout=WINDOW * 2)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=WINDOW * 2)
        count = 1
    return count <= per_minute
