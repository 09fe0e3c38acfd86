"""What `cases` holds about one person (power_campaign/inventory.py): the contacts with their name (or
named by reference), the incidents they witnessed or that are linked to them, the evidence files of
those incidents, and the referrals of those incidents to legal."""

from django.db.models import Q
from django.urls import reverse

from power_campaign.documents.api import reference_of
from power_campaign.inventory import Item

from .models import Contact, Evidence, Incident, Referral


def _uuids(person, label):
    return [ref.partition(":")[2] for ref in person.references if ref.partition(":")[0] == label]


def records(person):
    organization = person.organization
    by_name = Q(pk__in=[])
    for name in person.names:
        if name.split():
            by_name |= Q(name__icontains=name.split()[0])  # narrowed in Python: spacing and case differ
    candidates = (
        Contact.objects.filter(worksite__organization=organization)
        .filter(by_name | Q(uuid__in=_uuids(person, "cases.contact")))
        .select_related("worksite")
    )
    named = set(_uuids(person, "cases.contact"))
    contacts = [c for c in candidates if str(c.uuid) in named or person.matches(c.name)]
    incidents = list(
        Incident.objects.filter(worksite__organization=organization)
        .filter(Q(witnesses__in=contacts) | Q(uuid__in=_uuids(person, "cases.incident")))
        .select_related("worksite")
        .distinct()
    )
    evidence = Evidence.objects.filter(incident__worksite__organization=organization).filter(
        Q(incident__in=incidents) | Q(uuid__in=_uuids(person, "cases.evidence"))
    )
    referrals = Referral.objects.filter(incident__in=incidents).select_related("incident")
    found = [
        Item(
            "cases",
            str(Contact._meta.verbose_name),
            reference_of(c),
            f"{c.name} · {c.worksite.employer_name}",
            c.worksite.get_absolute_url(),
            c.created_at,
        )
        for c in contacts
    ]
    found += [
        Item(
            "cases",
            str(Incident._meta.verbose_name),
            reference_of(i),
            f"{i} · {i.worksite.employer_name}",
            i.get_absolute_url(),
            i.created_at,
        )
        for i in incidents
    ]
    for e in evidence.select_related("incident"):
        files = tuple(name for name in (e.file.name, e.shown_file.name) if name)
        found.append(
            Item(
                "cases",
                str(Evidence._meta.verbose_name),
                reference_of(e),
                e.original_name,
                e.get_absolute_url(),
                e.uploaded_at,
                files,
            )
        )
    found += [
        Item(
            "cases",
            str(Referral._meta.verbose_name),
            reference_of(r),
            str(r),
            reverse("cases:referral", args=[r.uuid]),
            r.referred_at,
        )
        for r in referrals
    ]
    return found
