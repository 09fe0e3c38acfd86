"""Workflows that touch several records and write audit events."""

from django.db import transaction
from django.utils import timezone

from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import transition

from .models import Referral, StageChange


def _changed(form):
    return ", ".join(form.changed_data) or "nothing"


@transaction.atomic
def save_worksite(*, form, user, request=None):
    """Create or update a worksite from a valid WorksiteForm; a new worksite starts at first contact."""
    creating = form.instance.pk is None
    worksite = form.save(commit=False)
    if creating:
        worksite.created_by = user
    worksite.save()
    form.save_m2m()
    if creating:
        StageChange.objects.create(
            worksite=worksite,
            stage=worksite.current_stage,
            date=timezone.localdate(worksite.created_at),  # the local day, not UTC's
            recorded_by=user,
        )
        worksite.refresh_current_stage()
    worksite.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary="worksite created" if creating else f"worksite changed: {_changed(form)}",
    )
    return worksite


@transaction.atomic
def record_stage(*, worksite, stage, date, note="", user, request=None):
    change = StageChange.objects.create(
        worksite=worksite, stage=stage, date=date, note=note, recorded_by=user
    )
    worksite.refresh_current_stage()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=worksite,
        summary=f"stage recorded: {stage} on {date.isoformat()}",
    )
    return change


@transaction.atomic
def save_child(*, form, worksite, user, request=None, label):
    """Create or update a record that belongs to a worksite (contact, incident, filing, activity)."""
    creating = form.instance.pk is None
    record = form.save(commit=False)
    if creating:
        record.worksite = worksite
        record.created_by = user
    record.save()
    form.save_m2m()
    if hasattr(record, "update_search_vector"):
        record.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=record,
        summary=f"{label} created" if creating else f"{label} changed: {_changed(form)}",
    )
    return record


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
