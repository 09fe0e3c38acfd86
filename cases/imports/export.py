"""CSV export of worksites and their contacts."""

import csv
from collections import Counter

from django.db.models import OuterRef, Subquery

from power_campaign.audit.models import AuditEvent
from power_campaign.spreadsheets import safe_cell as _cell  # the one escaping rule for every CSV written

from ..models import Contact, ImportBatch, Stage, StageChange

WORKSITE_EXPORT = [
    "organization",
    "employer_name",
    "dba",
    "street",
    "city",
    "state",
    "postal_code",
    "industry",
    "headcount",
    "languages",
    "time_zone",
    "first_contact_on",
    "current_stage",
    "current_stage_on",
    "notes",
]
CONTACT_EXPORT = [
    "organization",
    "employer_name",
    "city",
    "state",
    "name",
    "preferred_language",
    "phone",
    "committee_role",
    "consent_to_contact",
]


def export(*, kind, worksites, out, request):
    """Write `worksites` (or their contacts) as CSV to `out`, and record who exported how many.

    UTF-8 with a BOM, so that Excel shows accents. A contact's phone is written only when they agreed to
    be contacted. One audit event per organization exported (so each organization's admins see it).
    """
    out.write("\ufeff")
    writer = csv.writer(out)
    counts = Counter()
    if kind == ImportBatch.Kind.CONTACTS:
        writer.writerow(CONTACT_EXPORT)
        contacts = (
            Contact.objects.filter(worksite__in=worksites.values("pk"))
            .select_related("worksite__organization")
            .order_by("worksite__employer_name", "worksite__pk", "name", "pk")
        )
        for contact in contacts.iterator(chunk_size=2000):
            worksite = contact.worksite
            writer.writerow(
                _cell(value)
                for value in [
                    worksite.organization.name,
                    worksite.employer_name,
                    worksite.city,
                    worksite.state,
                    contact.name,
                    contact.preferred_language,
                    contact.shown_phone_display,
                    contact.committee_role,
                    "yes" if contact.consent_to_contact else "no",
                ]
            )
            counts[worksite.organization] += 1
    else:
        writer.writerow(WORKSITE_EXPORT)
        first_contact = (
            StageChange.objects.filter(worksite=OuterRef("pk"), stage=Stage.FIRST_CONTACT)
            .order_by("date")
            .values("date")[:1]
        )
        worksites = worksites.select_related("organization").annotate(
            exported_first_contact=Subquery(first_contact)
        )
        for worksite in worksites.iterator(chunk_size=2000):
            values = {
                "organization": worksite.organization.name,
                "first_contact_on": worksite.exported_first_contact,
            }
            writer.writerow(
                _cell(values[name] if name in values else getattr(worksite, name)) for name in WORKSITE_EXPORT
            )
            counts[worksite.organization] += 1
    for organization, count in sorted(counts.items(), key=lambda item: item[0].pk) or [(None, 0)]:
        AuditEvent.objects.record(
            action=AuditEvent.Action.EXPORT,
            request=request,
            organization=organization,
            summary=f"exported {count} {kind} as CSV",
        )
    return sum(counts.values())
