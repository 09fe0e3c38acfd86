from django.core.management.base import BaseCommand, CommandError

from power_campaign.ops.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a folder written by `backup` into this site's database and file storage. Every checksum "
        "is checked first; the database must be empty unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder (the one holding manifest.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that is not empty, and overwrite stored files of the "
            "same name whose content differs.",
        )

    def handle(self, *args, source, force, **options):
        try:
            restored = restore_backup(source=source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {restored.rows} row(s) in {restored.tables} table(s) and {restored.files} stored "
            f"file(s) from {source}. Manifest SHA-256: {restored.manifest_sha256}"
        )
