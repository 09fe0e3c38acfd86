"""What `agreements` holds about one person (power_campaign/inventory.py): the breach reports of the
incidents found about them."""

from django.db.models import Q

from power_campaign.documents.api import reference_of
from power_campaign.inventory import Item

from .models import BreachReport


def records(person):
    incidents = [ref.partition(":")[2] for ref in person.references if ref.startswith("cases.incident:")]
    if not incidents:
        return []
    reports = BreachReport.objects.filter(
        Q(incident__uuid__in=incidents), agreement__worksite__organization=person.organization
    ).select_related("agreement", "incident")
    return [
        Item(
            "agreements",
            str(BreachReport._meta.verbose_name),
            reference_of(report),
            f"{report.agreement} · {report.incident}",
            report.get_absolute_url(),
            report.created_at,
        )
        for report in reports
    ]
