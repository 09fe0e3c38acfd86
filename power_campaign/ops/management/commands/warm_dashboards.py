from django.core.management.base import BaseCommand

from power_campaign.dashboard import daily_warm_task, next_midnight, warm_dashboards_task
from power_campaign.ops.scheduling import schedule_once


class Command(BaseCommand):
    help = (
        "Make the dashboard of every user who read theirs in the last two weeks, in the language they read "
        "it in, so that their next visit reads it ready (after a restore, for instance). With --schedule, "
        "only make sure the task worker does it every night, just after midnight."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the nightly warm-up for the task worker unless it is already queued",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            queued = schedule_once(daily_warm_task, after=next_midnight())
            self.stdout.write(
                "Nightly dashboard warm-up queued for the task worker."
                if queued
                else "Not queued: it already is, or the task backend cannot run tasks later "
                "(then run `manage.py warm_dashboards` just after midnight from cron)."
            )
            return
        warmed = warm_dashboards_task.call()["warmed"]
        self.stdout.write(self.style.SUCCESS(f"{warmed} dashboard(s) made."))
