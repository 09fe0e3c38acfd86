from django.core.management.base import BaseCommand, CommandError

from power_campaign.audit.checkpoints import write_checkpoint
from power_campaign.audit.tasks import schedule_daily_checkpoint
from power_campaign.documents.signing import SigningNotConfigured


class Command(BaseCommand):
    help = (
        "Sign a checkpoint of the audit trail's head now (written to --output or AUDIT_CHECKPOINT_DIR, "
        "mailed to AUDIT_CHECKPOINT_EMAILS). With --schedule, only make sure the task worker takes one daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="where to write the checkpoint file")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily checkpoint task for the worker unless it is already queued",
        )

    def handle(self, *args, output=None, schedule=False, **options):
        if schedule:
            queued = schedule_daily_checkpoint()
            self.stdout.write(
                "Daily audit checkpoint queued for the task worker."
                if queued
                else "Not queued: it already is, or the task backend cannot run tasks later "
                "(then run `manage.py audit_checkpoint` daily from cron)."
            )
            return
        try:
            path, statement = write_checkpoint(output=output)
        except SigningNotConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Checkpoint written to {path}: event #{statement['sequence']}, hash {statement['hash']}."
            )
        )
