"""manage.py backup and restore: a backup restored into an empty database (a new PostgreSQL database, or a
new SQLite file) holds every record and file, and a backup that was changed is refused."""

import datetime
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Evidence
from cases.services import create_incident, create_worksite
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import ContactFactory
from tests.factories import jpeg, member, simple_pdf, upload
from tests.ops.test_task_workers import database_url

ROOT = Path(__file__).resolve().parent.parent.parent
PHONE = "+13125550142"
SHOW = (
    "from cases.models import Contact, Evidence, Worksite; "
    "from power_campaign.audit.models import AuditEvent; "
    "print([w.employer_name for w in Worksite.objects.order_by('pk')]); "
    "print([c.phone for c in Contact.objects.order_by('pk')]); "
    "print(sorted(e.sha256 for e in Evidence.objects.all())); "
    "print(AuditEvent.objects.order_by('-sequence').first().summary.split(':')[0])"
)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def records(organization):
    user = member("organizer", organization, username="organizer")
    worksite = create_worksite(
        organization=organization, user=user, employer_name="Lakeside Packing LLC", city="Joliet", state="IL"
    )
    ContactFactory(worksite=worksite, name="Rosa Delgado", phone=PHONE, created_by=user)
    create_incident(
        worksite=worksite,
        user=user,
        type="wage_theft",
        occurred_at=datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC),
        description="Unpaid overtime",
        photo=upload("timecard.jpg", jpeg(color="olive")),
    )
    default_storage.save("documents/2026/notice.pdf", ContentFile(simple_pdf(), name="notice.pdf"))
    return worksite


def stored_files():
    """{name: SHA-256} of every file under MEDIA_ROOT."""
    from power_campaign.ops.backups import stored_names

    return {name: sha256(default_storage.open(name).read()) for name in stored_names()}


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of a new, empty database of the kind the tests run on; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"test_restore_{uuid.uuid4().hex[:12]}"
    server = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url({**settings_dict, "NAME": name})
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database, media):
    env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(media), "LOG_FORMAT": "plain"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def tables_in(database):
    script = "from django.db import connection; print(len(connection.introspection.table_names()))"
    return manage("shell", "--no-imports", "-c", script, database=database, media="/nonexistent")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_holds_every_record_and_file(
    records, tmp_path, empty_database
):
    files_before = stored_files()
    evidence_hashes = sorted(Evidence.objects.values_list("sha256", flat=True))
    assert len(files_before) == 3  # the photo, its copy without location, the notice

    call_command("backup", output=str(tmp_path / "backup"))

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert sorted(entry["name"] for entry in manifest["files"]) == sorted(files_before)
    assert {entry["name"]: entry["sha256"] for entry in manifest["files"]} == files_before
    assert manifest["tables"]["cases_worksite"] == 1
    assert manifest["tables"]["cases_contact"] == 1
    assert manifest["tables"]["cases_evidence"] == 1
    backup_event = AuditEvent.objects.order_by("-sequence").first()
    assert backup_event.action == AuditEvent.Action.EXPORT
    assert backup_event.summary.startswith("backup made: database (")
    assert oct((tmp_path / "backup").stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / "backup" / "manifest.json").stat().st_mode & 0o777) == "0o600"

    media = tmp_path / "restored-media"
    restored = manage("restore", str(tmp_path / "backup"), database=empty_database, media=media)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {sum(manifest['tables'].values())} row(s) in ")
    assert " table(s) and 3 stored file(s) from " in restored.stdout

    shown = manage("shell", "--no-imports", "-c", SHOW, database=empty_database, media=media)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "['Lakeside Packing LLC']",
        f"['{PHONE}']",  # encrypted in the database, read with the same key
        str(evidence_hashes),
        "restored from the backup made " + manifest["created_at"].split(":")[0],
    ]
    audit = manage("verify_audit", database=empty_database, media=media)
    assert audit.returncode == 0, audit.stderr
    assert audit.stdout.startswith("Audit trail intact: ")
    restored_files = {
        path.relative_to(media).as_posix(): sha256(path.read_bytes())
        for path in media.rglob("*")
        if path.is_file()
    }
    assert restored_files == files_before

    again = manage("restore", str(tmp_path / "backup"), database=empty_database, media=media)
    assert again.returncode == 1
    assert "The database is not empty (" in again.stderr
    forced = manage("restore", "--force", str(tmp_path / "backup"), database=empty_database, media=media)
    assert forced.returncode == 0, forced.stderr
    assert " table(s) and 0 stored file(s) from " in forced.stdout  # the files were there already, unchanged
    shown = manage("shell", "--no-imports", "-c", SHOW, database=empty_database, media=media)
    assert shown.stdout.splitlines()[:3] == ["['Lakeside Packing LLC']", f"['{PHONE}']", str(evidence_hashes)]


@pytest.mark.django_db(transaction=True)
def test_a_changed_file_in_the_backup_refuses_the_restore_and_touches_nothing(
    records, tmp_path, empty_database
):
    call_command("backup", output=str(tmp_path / "backup"))
    [photo] = (tmp_path / "backup" / "files" / "evidence").rglob("*-shown")
    photo.write_bytes(photo.read_bytes() + b"\0")
    (tmp_path / "backup" / "files" / "extra.txt").write_text("added later")

    media = tmp_path / "restored-media"
    result = manage("restore", str(tmp_path / "backup"), database=empty_database, media=media)

    assert result.returncode == 1
    relative = photo.relative_to(tmp_path / "backup").as_posix()
    assert "The backup does not match its manifest (2 problem(s)); nothing was restored:" in result.stderr
    assert f"  checksum does not match: {relative}\n" in result.stderr
    assert "  not in the manifest: files/extra.txt" in result.stderr
    assert not media.exists()
    counted = tables_in(empty_database)
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == "0\n"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(records, tmp_path):
    call_command("backup", output=str(tmp_path / "backup"))
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "backup"))
    assert str(refused.value).startswith("The database is not empty (")
    assert str(refused.value).endswith(
        "tables): nothing was restored. Restore into a new, empty database, or pass --force to replace its "
        "contents."
    )
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("an older backup")
    with pytest.raises(CommandError) as refused:
        call_command("backup", output=str(tmp_path / "backup"))
    assert str(refused.value) == f"{tmp_path / 'backup'} is not an empty folder: give a new or empty folder."


def test_restore_refuses_a_folder_without_manifest(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path))
    assert str(refused.value) == f"{tmp_path} holds no manifest.json: it is not a backup folder."


@pytest.mark.django_db
def test_backup_and_restore_events_are_shown_in_the_readers_language():
    from django.utils import translation

    from power_campaign.audit.display import translate_summary

    sha = "ab" * 32
    made = AuditEvent.objects.record(
        action=AuditEvent.Action.EXPORT,
        summary=f"backup made: database (120 rows) and 1 stored file(s); manifest SHA-256 {sha}",
    )
    restored = AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        summary="restored from the backup made 2026-03-10T02:30:00+00:00: database (121 rows) and 3 stored "
        f"file(s); manifest SHA-256 {sha}",
    )
    with translation.override("es"):
        assert translate_summary(made) == (
            f"Copia de seguridad hecha: 120 filas de la base de datos y 1 archivo guardado; SHA-256 del "
            f"manifiesto {sha}"
        )
        assert translate_summary(restored) == (
            "Restaurado desde la copia de seguridad del 10 de marzo de 2026: 121 filas de la base de datos "
            f"y 3 archivos guardados; SHA-256 del manifiesto {sha}"
        )
