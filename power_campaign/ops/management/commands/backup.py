from django.core.management.base import BaseCommand, CommandError

from power_campaign.ops.backups import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and every stored file into a new or "
        "empty folder, with a manifest of SHA-256 checksums. The folder is confidential: encrypt it before "
        "it leaves the server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="A new or empty folder.")

    def handle(self, *args, output, **options):
        try:
            manifest_sha256 = make_backup(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written to {output}. Manifest SHA-256: {manifest_sha256}")
