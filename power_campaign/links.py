"""URLs of pages and records without Django's `reverse` at each call.

`reverse` takes about 14 µs: it finds the pattern, fills it in, quotes it and matches the result against
the pattern again. A list of 25 records links each to its page and its worksite's, 50 of those, and the
main menu names a dozen pages on every page. Each is reversed once for each script prefix and URLconf (a
site mounted under a path, the benchmark's URLconf):

- `page_url(name)`: a page without arguments (the menu's entries);
- `record_url(name, uuid)`: a record's page, whose one argument is its uuid. The page is reversed with a
  placeholder uuid, and a record's URL is that with its own uuid put in, which is what `reverse` writes (a
  uuid's characters need no quoting). Models use it in `get_absolute_url`.
"""

import functools
import uuid

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = uuid.UUID(int=0)


@functools.cache
def _around(viewname, prefix, urlconf):
    """What comes before and after the uuid in `viewname`'s URL."""
    url = reverse(viewname, args=[_PLACEHOLDER], urlconf=urlconf)
    head, _placeholder, tail = url.partition(str(_PLACEHOLDER))
    return head, tail


def _urlconf():
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


@functools.cache
def _page(viewname, prefix, urlconf):
    return reverse(viewname, urlconf=urlconf)


def page_url(viewname):
    """`reverse(viewname)` for a page without arguments."""
    return _page(viewname, *_urlconf())


def record_url(viewname, key):
    """`reverse(viewname, args=[key])` for a page whose one argument is a uuid (`key`, a UUID)."""
    if not isinstance(key, uuid.UUID):  # a string from a form or a hand-made record: reverse checks it
        return reverse(viewname, args=[key])
    head, tail = _around(viewname, *_urlconf())
    return f"{head}{key}{tail}"
