from django.core.management.base import BaseCommand, CommandError

from power_campaign.audit.models import AuditEvent, verify_chain


class Command(BaseCommand):
    help = (
        "Recompute the audit trail's hash chain; report the first broken or missing link and exit non-zero."
    )

    def handle(self, *args, **options):
        count, problem = verify_chain(self.events_in_order())
        if problem:
            raise CommandError(f"Audit trail BROKEN after {count} intact event(s): {problem}.")
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} event(s) verified."))

    @staticmethod
    def events_in_order(batch=2000):
        """Every event by sequence, in batches (no server-side cursor is left open on a break)."""
        last = 0
        while events := list(AuditEvent.objects.filter(sequence__gt=last).order_by("sequence")[:batch]):
            yield from events
            last = events[-1].sequence
