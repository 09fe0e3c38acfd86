import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from power_campaign.audit.models import GENESIS_HASH, AppendOnlyError, AuditEvent
from tests.factories import member

pytestmark = pytest.mark.django_db


def record(n, **kwargs):
    return [AuditEvent.objects.record(action="update", summary=f"change {i}", **kwargs) for i in range(n)]


def test_events_are_chained_by_hash():
    first, second = record(2)
    assert (first.sequence, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.sequence, second.prev_hash) == (2, first.hash)
    assert second.hash == second.compute_hash()
    assert len(second.hash) == 64


def test_event_names_object_and_its_organization(organization):
    user = member("admin", organization)
    event = AuditEvent.objects.record(action="view_sensitive", actor=user, obj=organization)
    assert (event.object_type, event.object_id, event.organization) == (
        "accounts.organization",
        str(organization.uuid),
        organization,
    )
    assert event.actor_username == user.username


def test_verify_audit_passes_on_an_intact_chain(capsys):
    record(3)
    call_command("verify_audit")
    assert capsys.readouterr().out == "Audit trail intact: 3 event(s) verified.\n"


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    (event,) = record(1)
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _raw(sql, params=()):
    """Tamper as someone with database access would (the PostgreSQL trigger disabled first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a superuser can switch triggers off for the session
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_verify_audit_names_an_edited_event():
    record(3)
    _raw("UPDATE audit_auditevent SET summary = %s WHERE sequence = 2", ["nothing happened"])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert str(error.value) == (
        "Audit trail BROKEN after 1 intact event(s): "
        "event #2 was altered after it was written (hash mismatch)."
    )


def test_verify_audit_names_a_missing_event():
    record(3)
    _raw("DELETE FROM audit_auditevent WHERE sequence = 2")
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert str(error.value) == (
        "Audit trail BROKEN after 1 intact event(s): event #2 is missing (the next event found is #3)."
    )


def test_verify_audit_names_a_rehashed_event_that_breaks_the_link():
    events = record(3)
    forged = events[1]
    forged.summary = "forged"
    forged.hash = forged.compute_hash()
    _raw("UPDATE audit_auditevent SET summary = %s, hash = %s WHERE sequence = 2", ["forged", forged.hash])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert str(error.value) == (
        "Audit trail BROKEN after 2 intact event(s): event #3 does not link to the event before it."
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_trigger_refuses_update_and_delete():
    record(1)
    for statement, operation in [
        ("UPDATE audit_auditevent SET summary = 'x'", "UPDATE"),
        ("DELETE FROM audit_auditevent", "DELETE"),
    ]:
        refused = pytest.raises(DatabaseError, match=f"audit events are append-only: {operation} refused")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.count() == 1
