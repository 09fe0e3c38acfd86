"""The keyed chain and signed checkpoints: what someone with database access but without the keys tries."""

import base64
import datetime
import hashlib
import json
from importlib import import_module

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from power_campaign.audit import chain
from power_campaign.audit.checkpoints import make_checkpoint
from power_campaign.audit.models import GENESIS_HASH, AuditEvent
from power_campaign.audit.tasks import daily_checkpoint_task, schedule_daily_checkpoint
from tests.audit.test_chain import _raw, record
from tests.conftest import make_pkcs12

pytestmark = pytest.mark.django_db
KEY_OLD = base64.urlsafe_b64encode(b"o" * 32).decode()
KEY_NEW = base64.urlsafe_b64encode(b"n" * 32).decode()


def verify(*args):
    try:
        call_command("verify_audit", *args)
    except CommandError as error:
        return str(error)
    return None


def checkpoint_file(tmp_path, name="checkpoint.json"):
    path = tmp_path / name
    call_command("audit_checkpoint", "--output", str(path))
    return path


def test_keyed_hash_is_an_hmac_with_the_first_key_and_names_it(settings):
    settings.AUDIT_CHAIN_KEYS = [KEY_NEW, KEY_OLD]
    (event,) = record(1)
    assert event.key_id == chain.key_id(b"n" * 32)
    assert event.hash == chain.keyed_hash(event.canonical_content(), b"n" * 32)
    assert event.hash != hashlib.sha256(event.canonical_content().encode()).hexdigest()


def test_edit_rechained_with_plain_sha256_is_caught():
    record(4)
    # The attacker edits #2 and recomputes #2..#4 as a plain SHA-256 chain (the key is not in the database).
    prev_hash = AuditEvent.objects.get(sequence=1).hash
    for sequence in (2, 3, 4):
        event = AuditEvent.objects.get(sequence=sequence)
        event.summary = "nothing happened" if sequence == 2 else event.summary
        event.prev_hash = prev_hash
        prev_hash = hashlib.sha256(event.canonical_content().encode()).hexdigest()
        _raw(
            "UPDATE audit_auditevent SET summary = %s, prev_hash = %s, hash = %s WHERE sequence = %s",
            [event.summary, event.prev_hash, prev_hash, sequence],
        )
    assert verify() == (
        "Audit trail BROKEN after 1 intact event(s): "
        "event #2 was altered after it was written (hash mismatch)."
    )


def test_key_rotation_keeps_older_events_verifiable(settings, capsys):
    settings.AUDIT_CHAIN_KEYS = [KEY_OLD]
    record(2)
    settings.AUDIT_CHAIN_KEYS = [KEY_NEW, KEY_OLD]
    record(2)
    keys = list(AuditEvent.objects.order_by("sequence").values_list("key_id", flat=True))
    assert keys == [chain.key_id(b"o" * 32)] * 2 + [chain.key_id(b"n" * 32)] * 2
    assert verify() is None
    assert capsys.readouterr().out == "Audit trail intact: 4 event(s) verified.\n"


def test_dropping_a_key_still_in_use_is_named(settings):
    settings.AUDIT_CHAIN_KEYS = [KEY_OLD]
    record(1)
    settings.AUDIT_CHAIN_KEYS = [KEY_NEW]
    assert verify() == (
        "Audit trail BROKEN after 0 intact event(s): "
        f"event #1 names chain key {chain.key_id(b'o' * 32)}, which is not in AUDIT_CHAIN_KEYS."
    )


def test_checkpoint_matches_an_intact_trail(tmp_path, capsys):
    record(3)
    path = checkpoint_file(tmp_path)
    statement = json.loads(json.loads(path.read_text())["statement"])
    assert (statement["sequence"], statement["hash"]) == (3, AuditEvent.objects.get(sequence=3).hash)
    record(2)  # the trail grows after the checkpoint (the checkpoint itself is event #4)
    capsys.readouterr()
    assert verify("--checkpoint", str(path)) is None
    assert capsys.readouterr().out == (
        "Audit trail intact: 6 event(s) verified.\n"
        f"Checkpoint {path} matches: signed on {statement['created_at']} at event #3, "
        "which the trail still holds unchanged.\n"
    )


def test_deleting_the_newest_events_is_caught_against_the_last_checkpoint(tmp_path):
    record(5)
    path = checkpoint_file(tmp_path)
    statement = json.loads(json.loads(path.read_text())["statement"])
    _raw("DELETE FROM audit_auditevent WHERE sequence >= 4")
    assert verify() is None  # the chain alone cannot see it
    assert verify("--checkpoint", str(path)) == (
        f"Audit trail does NOT match the checkpoint {path}: the trail was truncated: it ends at event #3, "
        f"but on {statement['created_at']} it reached event #5."
    )


def test_rewriting_the_head_with_the_key_is_caught_against_the_checkpoint(tmp_path):
    events = record(3)
    path = checkpoint_file(tmp_path)
    _raw("DELETE FROM audit_auditevent WHERE sequence >= 3")
    forged = events[2]
    forged.summary = "forged"
    forged.hash = forged.compute_hash()  # even with the key, the signed head no longer matches
    AuditEvent.objects.bulk_create([forged])
    statement = json.loads(json.loads(path.read_text())["statement"])
    assert verify("--checkpoint", str(path)) == (
        f"Audit trail does NOT match the checkpoint {path}: event #3 is not the one signed on "
        f"{statement['created_at']} (its hash differs: the trail was rewritten)."
    )


def test_checkpoint_with_a_changed_statement_is_refused(tmp_path):
    record(2)
    path = checkpoint_file(tmp_path)
    body = json.loads(path.read_text())
    statement = json.loads(body["statement"])
    statement["sequence"] = 1  # claim an older head, to hide a truncation
    body["statement"] = json.dumps(statement, sort_keys=True, separators=(",", ":"))
    path.write_text(json.dumps(body))
    assert verify("--checkpoint", str(path)) == (
        f"Checkpoint {path} REFUSED: its signature is not valid: the file was changed, or it was not signed "
        "with this organization's signing certificate (SIGNING_PKCS12_PATH)."
    )


def test_checkpoint_signed_with_another_certificate_is_refused(tmp_path, settings):
    record(2)
    organization_pkcs12 = settings.SIGNING_PKCS12_PATH
    settings.SIGNING_PKCS12_PATH = str(make_pkcs12(tmp_path / "forger.p12", "POWER Campaign test signer"))
    forged = make_checkpoint()  # same name, another key: what someone without our key can make
    settings.SIGNING_PKCS12_PATH = organization_pkcs12
    path = tmp_path / "forged.json"
    path.write_bytes(forged)
    message = verify("--checkpoint", str(path))
    assert message.startswith(f"Checkpoint {path} REFUSED: its signature is not valid")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"{}",
        b'{"statement": "{}", "signature": "!!"}',
        b'{"statement": "[]", "signature": ""}',
    ],
)
def test_unreadable_checkpoint_is_refused_with_a_reason(tmp_path, content):
    path = tmp_path / "checkpoint.json"
    path.write_bytes(content)
    message = verify("--checkpoint", str(path))
    assert message.startswith(f"Checkpoint {path} REFUSED: ")


def test_empty_checkpoint_signature_is_refused(tmp_path):
    path = checkpoint_file(tmp_path)
    body = json.loads(path.read_text())
    body["signature"] = base64.b64encode(b"\x30\x03\x02\x01\x01").decode()
    path.write_text(json.dumps(body))
    assert "its signature is not valid" in verify("--checkpoint", str(path))


def test_audit_checkpoint_writes_into_the_folder_mails_it_and_records_it(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.AUDIT_CHECKPOINT_EMAILS = ["security@example.org"]
    record(2)
    call_command("audit_checkpoint")
    (path,) = (tmp_path / "checkpoints").iterdir()
    assert path.name.endswith("-2.json")
    assert [(m.to, m.attachments[0][0]) for m in mail.outbox] == [(["security@example.org"], path.name)]
    event = AuditEvent.objects.get(sequence=3)
    assert (event.action, event.summary) == ("sign", "audit checkpoint signed at event #2")


def test_checkpoint_of_an_empty_trail_names_the_genesis(tmp_path):
    path = checkpoint_file(tmp_path)
    statement = json.loads(json.loads(path.read_text())["statement"])
    assert (statement["sequence"], statement["hash"]) == (0, GENESIS_HASH)


def test_daily_checkpoint_task_queues_the_next_day_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    assert schedule_daily_checkpoint() is True
    assert schedule_daily_checkpoint() is False
    first = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.RUNNING)
    daily_checkpoint_task.call()
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    delay = queued.run_after - first.run_after
    assert datetime.timedelta(hours=23) < delay < datetime.timedelta(hours=25)
    assert [path.name.endswith("-0.json") for path in tmp_path.iterdir()] == [True]


def test_migration_keys_an_intact_plain_chain(settings):
    migration = import_module("power_campaign.audit.migrations.0005_key_existing_chain")
    prev_hash = GENESIS_HASH
    for sequence in (1, 2, 3):
        event = AuditEvent(
            sequence=sequence,
            created_at=datetime.datetime(2026, 1, sequence, tzinfo=datetime.UTC),
            action="update",
            summary=f"change {sequence}",
            prev_hash=prev_hash,
        )
        event.hash = prev_hash = chain.plain_hash(event.canonical_content())
        event.save(force_insert=True)
    migration.rechain(AuditEvent, connection)
    assert verify() is None
    marker = AuditEvent.objects.get(sequence=4)
    assert marker.summary == (
        f"audit trail keyed: 3 earlier events verified and re-chained with key {chain.signing_key()[0]}"
    )


def test_migration_refuses_to_key_a_broken_plain_chain():
    migration = import_module("power_campaign.audit.migrations.0005_key_existing_chain")
    for sequence in (1, 2):
        event = AuditEvent(
            sequence=sequence,
            created_at=datetime.datetime(2026, 1, sequence, tzinfo=datetime.UTC),
            action="update",
            prev_hash=GENESIS_HASH,
            hash=str(sequence) * 64,
        )
        event.save(force_insert=True)
    with pytest.raises(RuntimeError, match=r"The audit trail is broken \(event #1 was altered"):
        migration.rechain(AuditEvent, connection)
    assert AuditEvent.objects.count() == 2


def test_audit_checkpoint_schedule_queues_once(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("audit_checkpoint", "--schedule")
    call_command("audit_checkpoint", "--schedule")
    assert capsys.readouterr().out == (
        "Daily audit checkpoint queued for the task worker.\n"
        "Not queued: it already is, or the task backend cannot run tasks later "
        "(then run `manage.py audit_checkpoint` daily from cron).\n"
    )
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
