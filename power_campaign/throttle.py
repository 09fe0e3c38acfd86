"""A fixed-window rate limit kept in the cache: `allow(scope, key, per_minute)`.

Counts are per cache. In production the cache is shared by every process (settings.py refuses a cache of
each process alone): a file cache under VAR_DIR on one machine, Redis (REDIS_URL) across machines, where
INCR makes the count exact. The development default, local memory, counts per process.
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
