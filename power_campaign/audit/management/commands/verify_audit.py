from django.core.management.base import BaseCommand, CommandError

from power_campaign.audit.models import AuditEvent, verify_chain


class Command(BaseCommand):
    help = (
        "Recompute the audit trail's hash chain; report the first broken or missing link and exit non-zero."
    )

    def handle(self, *args, **options):
        events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)
        count, problem = verify_chain(events)
        if problem:
            raise CommandError(f"Audit trail BROKEN after {count} intact event(s): {problem}.")
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} event(s) verified."))
