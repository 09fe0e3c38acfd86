from django.core.management.base import BaseCommand

from agreements import services
from agreements.tasks import schedule_daily_expiry


class Command(BaseCommand):
    help = (
        "Move every active agreement whose term has ended (expires on a day before today) to expired; "
        "running it again changes nothing. With --schedule, only make sure the task worker runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily expiry task for the worker unless it is already queued",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            queued = schedule_daily_expiry()
            self.stdout.write(
                "Daily agreement expiry queued for the task worker."
                if queued
                else "Not queued: it already is, or the task backend cannot run tasks later "
                "(then run `manage.py expire_agreements` daily from cron)."
            )
            return
        expired = services.expire_agreements()
        self.stdout.write(self.style.SUCCESS(f"{len(expired)} agreement(s) expired."))
