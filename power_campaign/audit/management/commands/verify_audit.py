from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from power_campaign.audit.checkpoints import CheckpointError, check_trail, read_checkpoint
from power_campaign.audit.models import AuditEvent, verify_chain


class Command(BaseCommand):
    help = (
        "Recompute the audit trail's keyed hash chain; report the first broken or missing link and exit "
        "non-zero. With --checkpoint, also check that the trail still holds the signed head of that file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            metavar="FILE",
            help="a checkpoint file (manage.py audit_checkpoint): its signature is checked, then that the "
            "trail still holds the event it names with the same hash (nothing removed or rewritten)",
        )

    def handle(self, *args, checkpoint=None, **options):
        statement = self.read(checkpoint) if checkpoint else None
        count, problem = verify_chain(self.events_in_order())
        if problem:
            raise CommandError(f"Audit trail BROKEN after {count} intact event(s): {problem}.")
        if statement is not None:
            problem = check_trail(statement)
            if problem:
                raise CommandError(f"Audit trail does NOT match the checkpoint {checkpoint}: {problem}.")
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} event(s) verified."))
        if statement is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Checkpoint {checkpoint} matches: signed on {statement['created_at']} at event "
                    f"#{statement['sequence']}, which the trail still holds unchanged."
                )
            )

    @staticmethod
    def read(path):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read the checkpoint {path}: {error.strerror}.") from None
        try:
            return read_checkpoint(data)
        except CheckpointError as error:
            raise CommandError(f"Checkpoint {path} REFUSED: {error}.") from None

    @staticmethod
    def events_in_order(batch=2000):
        """Every event by sequence, in batches (no server-side cursor is left open on a break)."""
        last = 0
        while events := list(AuditEvent.objects.filter(sequence__gt=last).order_by("sequence")[:batch]):
            yield from events
            last = events[-1].sequence
