"""Backup and restore: the database and every stored file, with a manifest of SHA-256 checksums.

A backup is a folder:

    manifest.json      format, time, database engine, SHA-256 and size of the dump and of every file,
                       and the number of rows of every table
    database.dump      PostgreSQL: pg_dump's custom format; or
    database.sqlite3   SQLite: a copy made with SQLite's online backup API
    files/<name>       every file of the default storage (MEDIA_ROOT or the S3 bucket), by its stored name

On PostgreSQL the row counts and the dump come from one snapshot (pg_dump --snapshot), so they agree
while the site keeps running. The dump is taken before the files are copied: every file the dump refers
to is in the copy. `restore_backup` checks every checksum before it touches anything, refuses a database
that is not empty (or stored files of the same name with other content) unless forced, then checks the
row counts of the restored database against the manifest.

The backup holds everything in plain text except the encrypted fields: keep it encrypted and away from
FIELD_ENCRYPTION_KEYS and AUDIT_CHAIN_KEYS (docs/deploy.md, "Backups").
"""

import hashlib
import json
import os
import posixpath
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from power_campaign import freshness
from power_campaign.audit.models import AuditEvent

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
SKIPPED_FOLDERS = ("health/",)  # the health check's probe files, written and deleted within a request
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what was left untouched."""


@dataclass
class Restored:
    tables: int
    rows: int
    files: int
    manifest_sha256: str


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def private_file(path):
    """A new file readable by its owner only."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def stored_names(storage=default_storage, folder=""):
    """Every file name in the storage, folders walked (S3 too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder not created yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, sub))


def model_tables():
    """The database tables of every model (many-to-many tables included), sorted."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def count_rows(cursor, tables, quote):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the models)
        counts[table] = cursor.fetchone()[0]
    return counts


def postgres_environment(settings_dict):
    """libpq's variables for pg_dump and pg_restore: the password never appears on a command line."""
    env = dict(os.environ)
    for key, variable in {
        "NAME": "PGDATABASE",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "HOST": "PGHOST",
        "PORT": "PGPORT",
    }.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in {
        "sslmode": "PGSSLMODE",
        "sslrootcert": "PGSSLROOTCERT",
        "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY",
    }.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return env


def run_tool(command, settings_dict):
    try:
        result = subprocess.run(  # noqa: S603 (fixed programs, arguments from the settings)
            command, env=postgres_environment(settings_dict), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client of the server's version "
            "(Debian: postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


# Backup


def dump_database(folder):
    """Write the dump into `folder`; return its file name and the row count of every table."""
    tables = model_tables()
    if connection.vendor == "postgresql":
        path = folder / DUMPS["postgresql"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(cursor, tables, connection.ops.quote_name)
            run_tool(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
                connection.settings_dict,
            )
        path.chmod(0o600)
    elif connection.vendor == "sqlite":
        path = folder / DUMPS["sqlite"]
        private_file(path).close()
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
            counts = count_rows(copy.cursor(), tables, connection.ops.quote_name)
        finally:
            copy.close()
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return path.name, counts


def copy_stored_files(folder):
    files = []
    for name in stored_names():
        if name.startswith(SKIPPED_FOLDERS):
            continue
        target = folder / FILES / name
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with default_storage.open(name, "rb") as source, private_file(target) as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        files.append({"name": name, "sha256": digest.hexdigest(), "size": size})
    return files


def make_backup(*, output):
    """Back up the database and every stored file into the folder `output` (new or empty); return the
    manifest's SHA-256."""
    output = Path(output)
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise BackupError(f"{output} is not an empty folder: give a new or empty folder.")
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    created_at = timezone.now()
    dump_name, counts = dump_database(output)
    files = copy_stored_files(output)
    manifest = {
        "format": FORMAT,
        "created_at": created_at.isoformat(),
        "engine": connection.vendor,
        "database": {
            "file": dump_name,
            "sha256": sha256_of(output / dump_name),
            "size": (output / dump_name).stat().st_size,
        },
        "tables": counts,
        "files": files,
    }
    with private_file(output / MANIFEST) as file:
        file.write(json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n")
    manifest_sha256 = sha256_of(output / MANIFEST)
    AuditEvent.objects.record(
        action=AuditEvent.Action.EXPORT,
        summary=f"backup made: database ({sum(counts.values())} rows) and {len(files)} stored file(s); "
        f"manifest SHA-256 {manifest_sha256}",
    )
    return manifest_sha256


# Restore


def read_manifest(source):
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} holds no {MANIFEST}: it is not a backup folder.") from None
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{source / MANIFEST} is not a readable manifest.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} is not a manifest of format {FORMAT}.")
    return manifest


def backup_problems(source, manifest):
    """Every difference between the folder and its manifest, as sentences (empty: intact)."""
    problems = []
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {posixpath.join(FILES, entry["name"]): entry["sha256"] for entry in manifest["files"]}
    for relative, sha256 in expected.items():
        path = source / relative
        if ".." in Path(relative).parts or not path.is_file():
            problems.append(f"missing: {relative}")
        elif sha256_of(path) != sha256:
            problems.append(f"checksum does not match: {relative}")
    present = {
        path.relative_to(source).as_posix() for path in (source / FILES).rglob("*") if path.is_file()
    }
    problems += [f"not in the manifest: {relative}" for relative in sorted(present - set(expected))]
    return problems


def storage_conflicts(source, manifest):
    """Stored files that already exist under a backed-up name with other content."""
    conflicts = []
    for entry in manifest["files"]:
        if default_storage.exists(entry["name"]):
            with default_storage.open(entry["name"], "rb") as stored:
                digest = hashlib.sha256()
                while chunk := stored.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != entry["sha256"]:
                conflicts.append(entry["name"])
    return conflicts


def restore_database(source, manifest, *, force):
    path = source / manifest["database"]["file"]
    settings_dict = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if force:
            command += ["--clean", "--if-exists"]
        run_tool([*command, f"--dbname={settings_dict['NAME']}", str(path)], settings_dict)
    else:
        backup = sqlite3.connect(path)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            backup.backup(target)
        finally:
            backup.close()
            target.close()


def restore_files(source, manifest):
    restored = 0
    for entry in manifest["files"]:
        name = entry["name"]
        if default_storage.exists(name):
            if name not in storage_conflicts(source, {"files": [entry]}):
                continue  # already there, same content
            default_storage.delete(name)  # only with force: conflicts refuse the restore otherwise
        with open(source / FILES / name, "rb") as file:
            saved = default_storage.save(name, File(file, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}: the records would not find it.")
        restored += 1
    return restored


def restore_backup(*, source, force=False):
    """Restore the backup folder `source` into this site's database and file storage. Nothing is touched
    unless every checksum matches and, without `force`, the database is empty and no stored file of the
    same name differs. Return what was restored."""
    source = Path(source)
    manifest = read_manifest(source)
    manifest_sha256 = sha256_of(source / MANIFEST)
    problems = backup_problems(source, manifest)
    if problems:
        raise BackupError(
            f"The backup does not match its manifest ({len(problems)} problem(s)); nothing was restored:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['engine']} backup and the database is {connection.vendor}: nothing was "
            "restored. Set DATABASE_URL to a database of the same kind."
        )
    tables = connection.introspection.table_names()
    conflicts = storage_conflicts(source, manifest)
    if not force and tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): nothing was restored. Restore into a new, "
            "empty database, or pass --force to replace its contents."
        )
    if not force and conflicts:
        raise BackupError(
            f"{len(conflicts)} stored file(s) already exist with other content (first: {conflicts[0]}): "
            "nothing was restored. Restore into empty storage, or pass --force to overwrite them."
        )
    restore_database(source, manifest, force=force)
    restored_files = restore_files(source, manifest)
    with connection.cursor() as cursor:
        counts = count_rows(cursor, list(manifest["tables"]), connection.ops.quote_name)
    different = [table for table, count in manifest["tables"].items() if counts[table] != count]
    if different:
        raise BackupError(
            "The restored database does not hold the rows the manifest lists, in: " + ", ".join(different)
        )
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        summary=f"restored from the backup made {manifest['created_at']}: database "
        f"({sum(counts.values())} rows) and {len(manifest['files'])} stored file(s); "
        f"manifest SHA-256 {manifest_sha256}",
    )
    freshness.everything_changed()  # the dashboards' panels, made from the records before, are made again
    return Restored(
        tables=len(counts), rows=sum(counts.values()), files=restored_files, manifest_sha256=manifest_sha256
    )

