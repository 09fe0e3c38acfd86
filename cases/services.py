"""Workflows that touch several records and write audit events.

They take model fields, never forms: every writer (the site's views with `form.cleaned_data`, the admin,
the CSV import, the demo data, the benchmark seeding) creates worksites and their records through them, so
what a new record needs (a worksite's first stage, current stage and search vector; an audit event) is
decided here once.
"""

from django.db import transaction

from power_campaign import zones
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import transition

from .evidence import add_evidence
from .models import (
    AgencyFiling,
    Contact,
    Incident,
    IncidentCount,
    ProtectedActivity,
    Referral,
    Stage,
    StageChange,
    Worksite,
)

# How the audit trail names each kind of record that belongs to a worksite.
CHILD_LABELS = {
    Contact: "contact",
    Incident: "incident",
    AgencyFiling: "filing",
    ProtectedActivity: "protected activity",
}
SEARCH_BATCH = 5000


def _history(history, first_contact_on=None):
    """A new worksite's stage history, (stage, date, note) oldest first: `history`, with first contact on
    `first_contact_on` ahead of it when that date is known and not already in it.

    Never an entry dated on the day the worksite was typed in: a drive whose first contact is not known
    has no first-contact entry (its current stage is still first contact, on no date).
    """
    history = [tuple(item) for item in history]
    known = {(stage, date) for stage, date, _note in history}
    if first_contact_on and (Stage.FIRST_CONTACT, first_contact_on) not in known:
        history.insert(0, (Stage.FIRST_CONTACT, first_contact_on, ""))
    return history


def _start(worksite, history, user):
    """A new worksite's author and current stage: the latest of its history (the last listed on a tie)."""
    worksite.created_by = user
    if not history:
        worksite.current_stage, worksite.current_stage_on = Stage.FIRST_CONTACT, None
        return
    latest = max(range(len(history)), key=lambda index: (history[index][1], index))
    worksite.current_stage, worksite.current_stage_on = history[latest][:2]


def _stage_changes(worksite, history, user):
    return [
        StageChange(worksite=worksite, stage=stage, date=date, note=note, recorded_by=user)
        for stage, date, note in history
    ]


def _refresh_search_vectors(model, records):
    """What Searchable.update_search_vector does, for many records in few queries."""
    pks = [record.pk for record in records]
    for start in range(0, len(pks), SEARCH_BATCH):
        model.objects.filter(pk__in=pks[start : start + SEARCH_BATCH]).refresh_search_vectors()


def _apply(record, changes, fixed):
    """Set `changes` on a saved record and save it (many-to-many fields after); returns the names of the
    fields whose value differs from the stored one (a ModelForm may already have set them on `record`).

    The `fixed` fields (the record's parent) are set once, at creation: changing them is a programming error.
    """
    stored = type(record)._base_manager.get(pk=record.pk)
    changed, links = [], {}
    for name, value in changes.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            if set(getattr(stored, name).all()) != set(value):
                changed.append(name)
                links[name] = value
            continue
        if field.is_relation:
            differs = getattr(stored, field.attname) != (value.pk if value is not None else None)
        else:
            differs = getattr(stored, name) != value
        if differs:
            if name in fixed:
                raise ValueError(f"The {name} of a {record._meta.model_name} cannot change.")
            changed.append(name)
        setattr(record, name, value)
    record.save()
    for name, value in links.items():
        getattr(record, name).set(value)
    return changed


@transaction.atomic
def create_worksite(
    *,
    organization,
    user,
    request=None,
    organizers=(),
    first_contact_on=None,
    history=(),
    summary="worksite created",
    **fields,
):
    """Create a worksite from its fields, with what every new worksite needs.

    Its stage history starts at first contact on `first_contact_on` when that date is known (and goes on
    with `history`, [(stage, date, note)] oldest first, for a drive that began before it was entered); with
    neither it is empty, and the drive is at first contact on no known date. The current stage is the
    latest of the history; the search vector is filled in; one audit event (`summary`) is written. Without
    a time zone it has its town's (zones.for_place), as in the worksite form and the import.
    """
    fields.setdefault("time_zone", zones.for_place(fields.get("city"), fields.get("state")))
    worksite = Worksite(organization=organization, **fields)
    history = _history(history, first_contact_on)
    _start(worksite, history, user)
    worksite.save()
    worksite.organizers.set(organizers)
    StageChange.objects.bulk_create(_stage_changes(worksite, history, user))
    worksite.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE, request=request, actor=user, obj=worksite, summary=summary
    )
    return worksite


@transaction.atomic
def create_worksites(*, worksites, user, histories=None, batch_size=None):
    """Many new worksites at once (unsaved Worksite instances, each with its organization), made as
    `create_worksite` makes one, in a few queries: the given stage histories (one per worksite, oldest
    first; none by default), current stage, search vectors.

    No audit event per worksite: the caller writes one for the whole batch (an event per record would hold
    the audit chain's lock, and so every other audited action, for the whole batch).
    """
    histories = [_history(history) for history in (histories or [()] * len(worksites))]
    for worksite, history in zip(worksites, histories, strict=True):
        _start(worksite, history, user)
    Worksite.objects.bulk_create(worksites, batch_size=batch_size)
    StageChange.objects.bulk_create(
        [
            change
            for worksite, history in zip(worksites, histories, strict=True)
            for change in _stage_changes(worksite, history, user)
        ],
        batch_size=batch_size,
    )
    _refresh_search_vectors(Worksite, worksites)
    return worksites


_FIRST_CONTACT_UNSET = object()


@transaction.atomic
def update_worksite(*, worksite, user, request=None, first_contact_on=_FIRST_CONTACT_UNSET, **changes):
    """Change a worksite's fields (`organizers` included; its organization is set once), and its date of
    first contact when `first_contact_on` is given (None: not known; see `set_first_contact`)."""
    changed = _apply(worksite, changes, fixed={"organization"})
    worksite.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary=f"worksite changed: {', '.join(changed) or 'nothing'}",
    )
    if first_contact_on is not _FIRST_CONTACT_UNSET:
        set_first_contact(worksite=worksite, date=first_contact_on, user=user, request=request)
    return worksite


def _stage_summary(stage, date):
    return f"{stage} on {date.isoformat()}"


@transaction.atomic
def record_stage(*, worksite, stage, date, note="", user, request=None):
    """Add an entry to the stage history; the current stage is worked out again (the latest by date)."""
    change = StageChange.objects.create(
        worksite=worksite, stage=stage, date=date, note=note, recorded_by=user
    )
    worksite.refresh_current_stage()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary=f"stage recorded: {_stage_summary(stage, date)}",
    )
    return change


@transaction.atomic
def correct_stage(*, change, stage, date, note="", user, request=None):
    """Correct an entry of the stage history; the audit event keeps the previous stage and date (the
    note's words stay out of the trail: it only says that it changed). The current stage follows."""
    change = StageChange.objects.select_for_update().select_related("worksite").get(pk=change.pk)
    differences = []
    if change.stage != stage:
        differences.append(f"stage {change.stage} → {stage}")
    if change.date != date:
        differences.append(f"date {change.date.isoformat()} → {date.isoformat()}")
    if change.note != note:
        differences.append("note changed")
    change.stage, change.date, change.note = stage, date, note
    change.save(update_fields=["stage", "date", "note"])
    worksite = change.worksite
    worksite.refresh_current_stage()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary=f"stage entry corrected: {', '.join(differences) or 'nothing changed'}",
    )
    return change


@transaction.atomic
def remove_stage(*, change, user, request=None):
    """Remove an entry of the stage history (the audit event names its stage and date); the current
    stage follows."""
    change = StageChange.objects.select_for_update().select_related("worksite").get(pk=change.pk)
    worksite = change.worksite
    removed = _stage_summary(change.stage, change.date)
    change.delete()
    worksite.refresh_current_stage()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary=f"stage entry removed: {removed}",
    )
    return worksite


@transaction.atomic
def set_first_contact(*, worksite, date, user, request=None):
    """Set the date of first contact (the earliest first-contact entry of the stage history): corrected if
    there is one, recorded if not; `date` None removes it (the date is not known). Audited by the
    stage services; nothing is written when the date is already that one."""
    first = (
        worksite.stage_changes.filter(stage=Stage.FIRST_CONTACT).order_by("date", "recorded_at", "pk").first()
    )
    if first is None:
        if date is not None:
            record_stage(worksite=worksite, stage=Stage.FIRST_CONTACT, date=date, user=user, request=request)
    elif date is None:
        remove_stage(change=first, user=user, request=request)
    elif first.date != date:
        correct_stage(change=first, stage=first.stage, date=date, note=first.note, user=user, request=request)
    return worksite


@transaction.atomic
def create_child(*, model, worksite, user, request=None, **fields):
    """Create a record that belongs to a worksite (Contact, Incident, AgencyFiling, ProtectedActivity)
    from its fields, many-to-many ones included; its search vector is filled in and the creation audited."""
    many = {field.name for field in model._meta.many_to_many}
    record = model.objects.create(
        worksite=worksite,
        created_by=user,
        **{name: value for name, value in fields.items() if name not in many},
    )
    for name in many & fields.keys():
        getattr(record, name).set(fields[name])
    if hasattr(record, "update_search_vector"):
        record.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=record,
        summary=f"{CHILD_LABELS[model]} created",
    )
    return record


@transaction.atomic
def create_children(*, records, user, batch_size=None):
    """Many new records of one kind that belong to worksites (unsaved instances, each with its worksite), as
    `create_child` makes one, in a few queries. No audit event per record: the caller writes one for all."""
    for record in records:
        record.created_by = user
    if records:
        model = type(records[0])
        model.objects.bulk_create(records, batch_size=batch_size)
        if hasattr(model, "update_search_vector"):
            _refresh_search_vectors(model, records)
        if model is Incident:  # bulk_create calls no save(): the monthly counts, as Incident.save
            IncidentCount.objects.counted(records)
    return records


@transaction.atomic
def update_child(*, record, user, request=None, **changes):
    """Change the fields of a record that belongs to a worksite (its worksite is set once)."""
    changed = _apply(record, changes, fixed={"worksite"})
    if hasattr(record, "update_search_vector"):
        record.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=record,
        summary=f"{CHILD_LABELS[type(record)]} changed: {', '.join(changed) or 'nothing'}",
    )
    return record


@transaction.atomic
def create_incident(*, worksite, user, request=None, photo=None, **fields):
    """Log an incident, with the photo taken on the spot if there is one: both, or neither if the photo
    cannot be evidence (EvidenceError)."""
    incident = create_child(model=Incident, worksite=worksite, user=user, request=request, **fields)
    if photo:
        add_evidence(incident=incident, upload=photo, description="", user=user, request=request)
    return incident


@transaction.atomic
def refer_to_legal(*, incident, reason, user, request=None):
    referral = Referral.objects.create(incident=incident, reason=reason, referred_by=user)
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=referral,
        summary="referred to legal",
    )
    return referral


@transaction.atomic
def set_referral_status(*, referral, status, user, request=None):
    """Move the referral to `status` if its declared transitions allow it (else TransitionNotAllowed),
    audited with who and from → to."""
    return transition(referral, status, user=user, request=request)


@transaction.atomic
def assign_referral(*, referral, assignee, user, request=None):
    """Give the referral to `assignee` (a legal staff member of its organization) or to nobody (None).
    The audit event names who now holds it."""
    if assignee is not None and not referral.assignable_staff().filter(pk=assignee.pk).exists():
        raise ValueError("the assignee must be legal staff of the referral's organization")
    referral.assigned_to = assignee
    referral.save(update_fields=["assigned_to"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=referral,
        summary=f"referral assigned to {assignee.username}" if assignee else "referral unassigned",
    )
    return referral


@transaction.atomic
def set_referral_notes(*, referral, notes, user, request=None):
    """Replace legal's notes on the referral (stored encrypted); the audit event never holds their text."""
    referral.notes = notes
    referral.save(update_fields=["notes"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=referral,
        summary="referral notes changed",
    )
    return referral
