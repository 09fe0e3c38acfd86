"""Retention and legal holds: closing a case, holding it, and purging a closed case after some years.

A purge keeps the case as a tombstone: the row stays (its code, organization, dates, status, the agencies
asked and their answers, which the agency statistics count) with every encrypted field emptied, its family
members and the client's declaration deleted, the notes and reasons of its screening, activities, requests
and petitions emptied, its links to incidents and evidence in `cases` cut (those records belong to the
worksite and stay), and every generated document and packet about the case or its requests deleted with
their files.
`purged_at` and `purge_counts` say when and how much. A case under legal hold is never purged.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from power_campaign.audit.models import AuditEvent
from power_campaign.crypto.fields import EncryptedCharField, EncryptedDateField, EncryptedTextField
from power_campaign.documents.api import Document, Exhibit, Packet, reference_of

from .models import ClientCase, Declaration

ENCRYPTED = (EncryptedCharField, EncryptedTextField, EncryptedDateField)
CASE_PLAIN_FIELDS = ("other_language", "crime_city")  # identifying enough to go with the identity
CHILD_TEXT_FIELDS = {
    "screening": ("harm_reason", "information_reason", "helpfulness_reason", "jurisdiction_reason"),
    "activities": ("notes", "charged_offense", "statute_citation"),
    "requests": ("contact_name", "contact_details"),
    "petitions": ("notes",),
}


class RetentionError(Exception):
    pass


def _blank(model_field):
    return None if model_field.null else ""


def sensitive_fields(model):
    """The fields a purge empties on `model`: every encrypted one."""
    return [f for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED)]


def purgeable(older_than_years, *, now=None):
    """Closed cases closed more than `older_than_years` years ago, not on hold, not yet purged."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=round(365.25 * older_than_years))
    return ClientCase.objects.filter(
        status=ClientCase.Status.CLOSED,
        closed_at__lt=cutoff,
        legal_hold=False,
        purged_at__isnull=True,
    ).order_by("closed_at", "pk")


@dataclass
class Plan:
    """What purging one case removes."""

    case: ClientCase
    fields: list = field(default_factory=list)  # "model.field" names holding a value
    family_members: int = 0
    declarations: int = 0
    links: int = 0
    documents: list = field(default_factory=list)
    packets: list = field(default_factory=list)
    exhibits: list = field(default_factory=list)

    @property
    def files(self):
        names = [d.file.name for d in self.documents if d.file]
        names += [p.archive.name for p in self.packets if p.archive]
        names += [e.file.name for e in self.exhibits if e.file]
        return names

    def counts(self):
        return {
            "fields": len(self.fields),
            "family_members": self.family_members,
            "declarations": self.declarations,
            "links": self.links,
            "documents": len(self.documents),
            "packets": len(self.packets),
            "exhibits": len(self.exhibits),
            "files": len(self.files),
        }


def _subjects(case):
    return [reference_of(case), *(reference_of(r) for r in case.requests.all())]


def plan(case):
    found = Plan(case=case)
    for f in sensitive_fields(ClientCase) + [ClientCase._meta.get_field(n) for n in CASE_PLAIN_FIELDS]:
        if getattr(case, f.attname) not in (None, ""):
            found.fields.append(f"clientcase.{f.name}")
    screening = ClientCase.screening.RelatedObjectDoesNotExist
    for relation, names in CHILD_TEXT_FIELDS.items():
        try:
            records = [case.screening] if relation == "screening" else list(getattr(case, relation).all())
        except screening:
            records = []
        for record in records:
            found.fields += [
                f"{record._meta.model_name}.{n}" for n in names if getattr(record, n) not in (None, "")
            ]
    found.family_members = case.family.count()
    found.declarations = Declaration.objects.filter(case=case).count()
    found.links = case.incidents.count() + case.evidence.count()
    subjects = _subjects(case)
    found.packets = list(Packet.objects.filter(organization=case.organization, subject__in=subjects))
    found.exhibits = list(Exhibit.objects.filter(packet__in=found.packets))
    documents = Q(subject__in=subjects) | Q(pk__in=[p.document_id for p in found.packets if p.document_id])
    found.documents = list(Document.objects.filter(documents, organization=case.organization))
    return found


@transaction.atomic
def purge_case(*, case, user=None, request=None, now=None):
    """Purge one closed case (see the module's docstring): the files leave storage once the database
    change commits. Returns the counts recorded on the tombstone."""
    case = ClientCase.objects.select_for_update().get(pk=case.pk)
    if case.legal_hold:
        raise RetentionError(f"U-visa case {case.code} is under legal hold and cannot be purged.")
    if case.status != ClientCase.Status.CLOSED:
        raise RetentionError(f"U-visa case {case.code} is not closed.")
    if case.purged_at is not None:
        raise RetentionError(f"U-visa case {case.code} was purged already.")
    found = plan(case)
    files = [
        (record.file if not isinstance(record, Packet) else record.archive)
        for record in [*found.documents, *found.packets, *found.exhibits]
    ]
    files = [f for f in files if f]
    Exhibit.objects.filter(pk__in=[e.pk for e in found.exhibits]).delete()
    Packet.objects.filter(pk__in=[p.pk for p in found.packets]).delete()
    Document.objects.filter(pk__in=[d.pk for d in found.documents]).delete()  # no instance delete()
    for f in sensitive_fields(ClientCase) + [ClientCase._meta.get_field(n) for n in CASE_PLAIN_FIELDS]:
        setattr(case, f.attname, _blank(f))
    for relation, names in CHILD_TEXT_FIELDS.items():
        if relation == "screening":
            model = ClientCase.screening.related.related_model
            model.objects.filter(case=case).update(**dict.fromkeys(names, ""))
        else:
            getattr(case, relation).update(**dict.fromkeys(names, ""))
    case.family.all().delete()
    Declaration.objects.filter(case=case).delete()
    case.incidents.clear()
    case.evidence.clear()
    counts = found.counts()
    case.purged_at = now or timezone.now()
    case.purge_counts = counts
    case.save()
    summary = "purged: " + ", ".join(f"{key} {value}" for key, value in counts.items())
    AuditEvent.objects.record(
        action=AuditEvent.Action.DELETE, request=request, actor=user, obj=case, summary=summary
    )
    storages = [(f.storage, f.name) for f in files]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in storages])
    return counts


@transaction.atomic
def close_case(*, case, user, request=None, now=None):
    case.status = ClientCase.Status.CLOSED
    case.closed_at = now or timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE, request=request, actor=user, obj=case, summary="case closed"
    )
    return case


@transaction.atomic
def set_legal_hold(*, case, reason, user, request=None):
    """Put the case under legal hold (`reason` required), or lift it (`reason` None). Audited without the
    reason's text."""
    if reason is not None and not reason.strip():
        raise RetentionError("A legal hold needs a reason.")
    held = reason is not None
    case.legal_hold = held
    case.legal_hold_reason = reason.strip() if held else ""
    case.legal_hold_set_by = user if held else None
    case.legal_hold_set_at = timezone.now() if held else None
    case.save(
        update_fields=[
            "legal_hold",
            "legal_hold_reason",
            "legal_hold_set_by",
            "legal_hold_set_at",
            "updated_at",
        ]
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=case,
        summary="legal hold set" if held else "legal hold lifted",
    )
    return case
