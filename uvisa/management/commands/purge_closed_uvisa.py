"""manage.py purge_closed_uvisa --older-than YEARS [--dry-run] [--yes]

Purges closed U-visa cases closed more than YEARS years ago (see uvisa/retention.py): lists them, asks
for confirmation (or takes --yes), and purges each, leaving a tombstone and an audit event. Cases under
legal hold are never purged (and are named, so that nobody wonders where they went)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from uvisa import retention
from uvisa.models import ClientCase


class Command(BaseCommand):
    help = "Purge the sensitive fields and files of U-visa cases closed more than N years ago."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, required=True, metavar="YEARS")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; change nothing."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation (for scripts).")

    def handle(self, *args, older_than, dry_run, yes, **options):
        if older_than <= 0:
            raise CommandError("--older-than must be a number of years above 0.")
        cases = list(retention.purgeable(older_than).select_related("organization"))
        held = retention.purgeable(older_than).model.objects.filter(
            status=ClientCase.Status.CLOSED, legal_hold=True, purged_at__isnull=True
        )
        for case in held.order_by("pk"):
            self.stdout.write(f"Under legal hold, kept: {case.code} ({case.organization})")
        if not cases:
            self.stdout.write("No closed case to purge.")
            return
        plans = [retention.plan(case) for case in cases]
        for found in plans:
            case, counts = found.case, found.counts()
            removed = ", ".join(f"{key} {value}" for key, value in counts.items())
            closed = case.closed_at.date().isoformat()
            self.stdout.write(f"{case.code} ({case.organization}), closed {closed}: {removed}")
            for name in found.files:
                self.stdout.write(f"  file {name}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(plans)} case(s) would be purged. Nothing was changed.")
            return
        if not yes:
            answer = input(f"Purge {len(plans)} case(s)? This cannot be undone. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                self.stdout.write("Cancelled. Nothing was changed.")
                return
        purged = 0
        for found in plans:
            try:
                retention.purge_case(case=found.case)
            except (retention.RetentionError, ProtectedError) as error:  # held or changed meanwhile
                self.stderr.write(f"Not purged: {found.case.code}: {error}")
                continue
            purged += 1
        self.stdout.write(f"Purged {purged} case(s).")
