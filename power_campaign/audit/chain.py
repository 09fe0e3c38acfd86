"""The audit trail's keyed hash chain: HMAC-SHA256 with keys kept outside the database.

settings.AUDIT_CHAIN_KEYS lists the keys, newest first: the first one chains new events, and each event
records the id of the key it was chained with, so that events written before a rotation still verify.
A key's id is derived from the key (the first 8 hex digits of a SHA-256 over it): it names the key
without revealing it.
"""

import base64
import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def key_id(key):
    return hashlib.sha256(b"power-campaign audit chain key id:" + key).hexdigest()[:8]


def chain_keys():
    """{key id: key bytes} of every configured key, the signing key first."""
    keys = {}
    for raw in settings.AUDIT_CHAIN_KEYS:
        key = base64.urlsafe_b64decode(raw.encode() + b"=" * (-len(raw) % 4))
        keys[key_id(key)] = key
    if not keys:
        raise ImproperlyConfigured("AUDIT_CHAIN_KEYS is empty: audit events cannot be written or verified.")
    return keys


def signing_key():
    """(key id, key) that chains new events: the first of AUDIT_CHAIN_KEYS."""
    return next(iter(chain_keys().items()))


def canonical_content(values, key_id=""):
    """The bytes an event's hash covers: its fields in a fixed order (`values`, see AuditEvent), then the
    id of the key (none for events chained before the chain was keyed)."""
    sequence, created_at, *rest = values
    content = [sequence, created_at.astimezone(datetime.UTC).isoformat(), *rest]
    if key_id:
        content.append(key_id)
    return json.dumps(content, separators=(",", ":"), ensure_ascii=False)


def keyed_hash(content, key):
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()


def plain_hash(content):
    """The unkeyed SHA-256 the trail used before it was keyed (read by the migration that keyed it)."""
    return hashlib.sha256(content.encode()).hexdigest()
