"""Turn the existing SHA-256 chain into the keyed (HMAC) chain.

The plain chain is checked first: a trail that no longer verifies is not re-keyed (that would hide the
tampering), and the migration stops with the first break. An intact one is re-chained with the first key of
AUDIT_CHAIN_KEYS, and an event recording this is appended: from here on, nobody without the key can
recompute the chain. On PostgreSQL the append-only trigger is set aside for this one transaction, which
needs the table's owner (the role that runs migrations, docs/deployment.md section 3).
"""

from django.db import migrations
from django.utils import timezone

from power_campaign.audit import chain

GENESIS_HASH = "0" * 64
TRIGGER = "audit_event_append_only"


def _values(event):
    return [
        event.sequence,
        event.created_at,
        event.actor_id,
        event.actor_username,
        event.action,
        event.object_type,
        event.object_id,
        event.organization_id,
        event.ip_address,
        event.summary,
        event.prev_hash,
    ]


def _in_order(model, batch=2000):
    last = 0
    while events := list(model._base_manager.filter(sequence__gt=last).order_by("sequence")[:batch]):
        yield events
        last = events[-1].sequence


def _check_plain_chain(model):
    expected, prev_hash = 1, GENESIS_HASH
    for events in _in_order(model):
        for event in events:
            problem = None
            if event.sequence != expected:
                problem = f"event #{expected} is missing"
            elif event.prev_hash != prev_hash:
                problem = f"event #{event.sequence} does not link to the event before it"
            elif chain.plain_hash(chain.canonical_content(_values(event))) != event.hash:
                problem = f"event #{event.sequence} was altered after it was written"
            if problem:
                raise RuntimeError(
                    f"The audit trail is broken ({problem}), so it was not re-chained with AUDIT_CHAIN_KEYS. "
                    "Keep the database as it is (take a copy) and compare it with the last backup."
                )
            expected, prev_hash = event.sequence + 1, event.hash
    return expected - 1


def key_the_chain(apps, schema_editor):
    rechain(apps.get_model("audit", "AuditEvent"), schema_editor.connection)


def _set_trigger(connection, state):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending row events: ALTER TABLE needs that
            cursor.execute(f"ALTER TABLE audit_auditevent {state} TRIGGER {TRIGGER}")


def rechain(AuditEvent, connection):
    """Check the plain chain, re-chain it with the signing key, append the event that says so."""
    count = _check_plain_chain(AuditEvent)
    if not count:
        return
    key_id, key = chain.signing_key()
    _set_trigger(connection, "DISABLE")
    prev_hash = GENESIS_HASH
    for events in _in_order(AuditEvent):
        for event in events:
            event.prev_hash, event.key_id = prev_hash, key_id
            event.hash = prev_hash = chain.keyed_hash(chain.canonical_content(_values(event), key_id), key)
        AuditEvent._base_manager.bulk_update(events, ["prev_hash", "key_id", "hash"])
    _set_trigger(connection, "ENABLE")
    marker = AuditEvent(
        sequence=count + 1,
        created_at=timezone.now(),
        actor_username="",
        action="update",
        object_type="",
        object_id="",
        summary=f"audit trail keyed: {count} earlier events verified and re-chained with key {key_id}",
        prev_hash=prev_hash,
        key_id=key_id,
    )
    marker.hash = chain.keyed_hash(chain.canonical_content(_values(marker), key_id), key)
    marker.save(force_insert=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_keyed_chain")]
    operations = [migrations.RunPython(key_the_chain, migrations.RunPython.noop)]
