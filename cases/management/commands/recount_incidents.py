from django.core.management.base import BaseCommand

from cases.models import IncidentCount


class Command(BaseCommand):
    help = (
        "Count every incident again by organization, month and type, for the dashboard's chart: after "
        "TIME_ZONE changes, or after incidents were written with SQL rather than through the application. "
        "Writers of incidents wait until it ends."
    )

    def handle(self, *args, **options):
        IncidentCount.objects.recount()
        cells = IncidentCount.objects.count()
        self.stdout.write(f"Incidents counted again: {cells} counts by organization, month and type.")
