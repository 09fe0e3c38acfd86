"""U-visa workflows: open a case from a referral, assign it, save the intake step by step, screen it, and
request certifications. Keyword-only, atomic, audited; no client detail ever goes into an audit summary
(field names only)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as cases_services
from cases.models import Referral
from power_campaign.accounts.models import Role, User
from power_campaign.audit.models import AuditEvent
from power_campaign.formats import date_format
from power_campaign.transitions import transition

from .models import (
    REQUIREMENTS,
    CaseAssignment,
    CertificationRequest,
    ClientCase,
    FamilyMember,
    FollowUp,
    Petition,
    ScreenedActivity,
    Screening,
)

# The fields each intake step saves, in the order the form shows them.
INTAKE_FIELDS = {
    "client": [
        "client_name",
        "other_names",
        "date_of_birth",
        "a_number",
        "phone",
        "address",
        "safe_contact",
        "preferred_language",
        "other_language",
        "interpreter_needed",
        "worksite",
        "incidents",
        "facts",
    ],
    "harm": ["harm_types", "harm_narrative", "crime_city", "crime_state", "crime_in_us"],
    "helpfulness": ["information", "agencies_contacted", "interviews", "refused_requests", "refusal_reason"],
    "family": [],
    "trafficking": ["trafficking_indicated", "present_on_account_of_trafficking", "trafficking_notes"],
}


class CaseError(ValidationError):
    """A refused change, with a message in the user's language; nothing was saved."""


def _record(action, *, obj, user, request, summary):
    AuditEvent.objects.record(action=action, request=request, actor=user, obj=obj, summary=summary)


def _lock(record):
    """Hold `record`'s row until the transaction ends: the same form sent twice at once (a double click)
    is saved one submission after the other, and the second sees what the first added."""
    type(record)._base_manager.select_for_update().filter(pk=record.pk).values_list("pk", flat=True).get()


def _apply(record, changes):
    """Set the fields (many-to-many ones too, after saving); the names of those that changed."""
    many = {field.name for field in record._meta.many_to_many}
    changed = []
    for name, value in changes.items():
        if name in many:
            continue
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    record.save()
    for name in many & changes.keys():
        manager = getattr(record, name)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in changes[name]}:
            manager.set(changes[name])
            changed.append(name)
    return changed


def legal_staff(organization):
    return User.objects.filter(
        memberships__organization=organization, memberships__role=Role.LEGAL, is_active=True
    ).order_by("first_name", "last_name", "username")


@transaction.atomic
def open_case_from_referral(*, referral, user, request=None):
    """A U-visa case for the referral's incident: its worksite, the incident and the incident's evidence
    (references, never copies) come across, the case is assigned to `user`, and the referral is accepted
    (through its declared transitions)."""
    referral = Referral.objects.select_for_update().select_related("incident__worksite").get(pk=referral.pk)
    if ClientCase.objects.filter(referral=referral).exists():
        raise CaseError(_("A U-visa case is already open for this referral."), code="exists")
    incident = referral.incident
    case = ClientCase.objects.create(
        organization=incident.worksite.organization,
        referral=referral,
        worksite=incident.worksite,
        created_by=user,
    )
    case.incidents.set([incident])
    case.evidence.set(incident.evidence.all())
    CaseAssignment.objects.create(case=case, user=user, assigned_by=user)
    _record(
        AuditEvent.Action.CREATE,
        obj=case,
        user=user,
        request=request,
        summary=f"U-visa case opened from referral {referral.uuid}",
    )
    path = {
        Referral.Status.OPEN: [Referral.Status.IN_REVIEW, Referral.Status.ACCEPTED],
        Referral.Status.IN_REVIEW: [Referral.Status.ACCEPTED],
        Referral.Status.CLOSED: [Referral.Status.IN_REVIEW, Referral.Status.ACCEPTED],
    }.get(referral.status, [])
    for status in path:
        cases_services.set_referral_status(referral=referral, status=status, user=user, request=request)
    return case


@transaction.atomic
def assign_case(*, case, assignees, user, request=None):
    """Narrow the case to `assignees` (legal staff of its organization), or open it to all of them (none)."""
    allowed = set(legal_staff(case.organization).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in assignees):
        raise CaseError(_("Only legal staff of the organization can be assigned."), code="not_legal")
    wanted = {person.pk for person in assignees}
    case.assignments.exclude(user_id__in=wanted).delete()
    have = set(case.assignments.values_list("user_id", flat=True))
    CaseAssignment.objects.bulk_create(
        CaseAssignment(case=case, user_id=pk, assigned_by=user) for pk in sorted(wanted - have)
    )
    names = ", ".join(sorted(person.username for person in assignees))
    summary = f"U-visa case assigned to {names}" if names else "U-visa case open to all legal staff"
    _record(AuditEvent.Action.UPDATE, obj=case, user=user, request=request, summary=summary)
    return case


@transaction.atomic
def save_intake(*, case, step, user, request=None, **fields):
    """Save one intake step (saved as you go: any step, in any order, as often as needed)."""
    if step not in INTAKE_FIELDS:
        raise ValueError(f"unknown intake step {step!r}")
    unknown = set(fields) - set(INTAKE_FIELDS[step])
    if unknown:
        raise ValueError(f"fields not in step {step}: {sorted(unknown)}")
    changed = _apply(case, fields)
    if step not in case.intake_saved:
        case.intake_saved = [s for s in ClientCase.INTAKE_STEPS if s in {*case.intake_saved, step}]
        case.save(update_fields=["intake_saved"])
    _record(
        AuditEvent.Action.UPDATE,
        obj=case,
        user=user,
        request=request,
        summary=f"intake {step} saved: {', '.join(changed) or 'nothing'}",
    )
    return case


@transaction.atomic
def add_family_member(*, case, user, request=None, **fields):
    """A relative; the same one twice (same name, relationship and date of birth) is refused."""
    _lock(case)
    name = fields.get("name", "").strip().casefold()
    if any(
        (known.name.strip().casefold(), known.relationship, known.date_of_birth)
        == (name, fields.get("relationship"), fields.get("date_of_birth"))
        for known in case.family.all()  # names are encrypted: compared here, not in SQL
    ):
        raise CaseError(
            _(
                "This family member is already on the case, with the same name, relationship and date "
                "of birth."
            ),
            code="duplicate",
        )
    member = FamilyMember.objects.create(case=case, **fields)
    if "family" not in case.intake_saved:
        case.intake_saved = [s for s in ClientCase.INTAKE_STEPS if s in {*case.intake_saved, "family"}]
        case.save(update_fields=["intake_saved"])
    _record(
        AuditEvent.Action.CREATE,
        obj=member,
        user=user,
        request=request,
        summary=f"family member added: {member.relationship}",
    )
    return member


@transaction.atomic
def remove_family_member(*, member, user, request=None):
    _record(AuditEvent.Action.DELETE, obj=member, user=user, request=request, summary="family member removed")
    member.delete()


@transaction.atomic
def save_screening(*, case, user, request=None, **findings):
    """The four requirements (`harm`, `information`, `helpfulness`, `jurisdiction`), each with its
    `<name>_reason`. A requirement marked not met or unclear needs its reason."""
    missing = [
        name
        for name in REQUIREMENTS
        if findings.get(name) != Screening.Finding.MET and not str(findings.get(f"{name}_reason", "")).strip()
    ]
    if missing:
        raise CaseError(
            _("Give the reason for every requirement that is not met or unclear."), code="reason_missing"
        )
    screening = Screening.objects.filter(case=case).first() or Screening(case=case, updated_by=user)
    screening.updated_by = user
    changed = _apply(screening, findings)
    if case.status == ClientCase.Status.INTAKE:
        case.status = ClientCase.Status.SCREENING
        case.save(update_fields=["status"])
    _record(
        AuditEvent.Action.UPDATE,
        obj=case,
        user=user,
        request=request,
        summary=f"screening saved: {', '.join(changed) or 'nothing'}",
    )
    return screening


@transaction.atomic
def add_activity(*, case, activity, user, request=None, **fields):
    if ScreenedActivity.objects.filter(case=case, activity=activity).exists():
        raise CaseError(_("This activity is already on the screening."), code="duplicate")
    if fields.get("similar_activity") and not str(fields.get("charged_offense", "")).strip():
        raise CaseError(_("Name the offense for a similar activity."), code="offense_missing")
    screened = ScreenedActivity.objects.create(case=case, activity=activity, **fields)
    _record(
        AuditEvent.Action.CREATE,
        obj=screened,
        user=user,
        request=request,
        summary=f"qualifying activity screened: {activity.code}",
    )
    return screened


@transaction.atomic
def remove_activity(*, screened, user, request=None):
    _record(
        AuditEvent.Action.DELETE,
        obj=screened,
        user=user,
        request=request,
        summary=f"qualifying activity removed: {screened.activity.code}",
    )
    screened.delete()


def suggested_agencies(case):
    """The certifying agencies that may certify the activities screened for `case` (its worksite's state
    decides which state agencies; the client's age when the crime happened, whether child protective
    services are among them)."""
    from .models import CertifyingAgency

    activities = [screened.activity for screened in case.activities.select_related("activity")]
    state = case.worksite.state if case.worksite_id else ""
    minor = case.minor_at_crime(timezone.localdate())
    return CertifyingAgency.objects.suggested_for(activities, state=state, minor=minor)


@transaction.atomic
def create_request(*, case, agency, activities, user, request=None):
    """A drafted request to `agency`; refused while the case has one to that agency not answered yet
    (drafted or sent: see CertificationRequest.OPEN_STATUSES)."""
    _lock(case)
    open_request = case.requests.filter(agency=agency, status__in=CertificationRequest.OPEN_STATUSES).first()
    if open_request:
        raise CaseError(
            _(
                "This case already has a request to %(agency)s with the status “%(status)s”: a new one "
                "can be drafted once the agency has answered."
            )
            % {"agency": agency.label, "status": open_request.get_status_display()},
            code="duplicate",
        )
    cert_request = CertificationRequest.objects.create(case=case, agency=agency, created_by=user)
    cert_request.activities.set(activities)
    if case.status in (ClientCase.Status.INTAKE, ClientCase.Status.SCREENING):
        case.status = ClientCase.Status.CERTIFICATION
        case.save(update_fields=["status"])
    _record(
        AuditEvent.Action.CREATE,
        obj=cert_request,
        user=user,
        request=request,
        summary=f"certification request drafted for {agency.code}",
    )
    return cert_request


def _check_step(cert_request, step):
    """Refuse `step` ("send", "answer") when the request's status as stored (its row locked) does not
    allow it, in the user's words rather than the workflow's."""
    cert_request.status = (
        CertificationRequest.objects.select_for_update()
        .filter(pk=cert_request.pk)
        .values_list("status", flat=True)
        .get()
    )
    refusal = cert_request.refusal(step)
    if refusal:
        raise CaseError(refusal, code="status")


@transaction.atomic
def send_request(*, cert_request, sent_on, method, user, request=None, **details):
    """Record the sending (date, method, agency case number, contact) and move the request to sent."""
    _check_step(cert_request, "send")
    transition(cert_request, CertificationRequest.Status.SENT, user=user, request=request)
    _apply(cert_request, {"sent_on": sent_on, "method": method, **details})
    return cert_request


@transaction.atomic
def record_outcome(*, cert_request, outcome, decided_on, user, request=None, **fields):
    """Signed (`signed_on`, `form_edition`, `original_in_hand`) or declined (`decline_reason`)."""
    Status = CertificationRequest.Status
    _check_step(cert_request, "answer")
    if outcome == Status.SIGNED and not fields.get("signed_on"):
        raise CaseError(_("Give the date the certifying official signed."), code="signed_on")
    sent_on, signed_on = cert_request.sent_on, fields.get("signed_on") if outcome == Status.SIGNED else None
    if sent_on and min(decided_on, signed_on or decided_on) < sent_on:
        raise CaseError(
            _("The agency cannot have answered or signed before the request was sent, on %(day)s.")
            % {"day": date_format(sent_on)},
            code="before_sent",
        )
    if signed_on and signed_on > decided_on:
        raise CaseError(_("The official signed on or before the day the agency answered."), code="signed_on")
    if outcome == Status.DECLINED and not str(fields.get("decline_reason", "")).strip():
        raise CaseError(_("Give the reason the agency declined."), code="reason")
    if outcome == Status.DECLINED:
        fields = {"decline_reason": fields["decline_reason"]}
    else:
        fields.pop("decline_reason", None)
    _apply(cert_request, {"decided_on": decided_on, **fields})
    transition(cert_request, outcome, user=user, request=request)
    return cert_request


@transaction.atomic
def set_original_in_hand(*, cert_request, in_hand, user, request=None):
    cert_request.original_in_hand = in_hand
    cert_request.save(update_fields=["original_in_hand"])
    _record(
        AuditEvent.Action.UPDATE,
        obj=cert_request,
        user=user,
        request=request,
        summary=f"original certification in hand: {'yes' if in_hand else 'no'}",
    )
    return cert_request


@transaction.atomic
def add_followup(*, cert_request, due_on, note="", user, request=None):
    """A follow-up due on `due_on`; one identical to a follow-up not yet done (same date, same note) is
    refused."""
    _lock(cert_request)
    note = note.strip()
    if cert_request.followups.filter(due_on=due_on, note=note, done_on__isnull=True).exists():
        raise CaseError(
            _("This request already has a follow-up due on %(day)s with the same note, not yet done.")
            % {"day": date_format(due_on)},
            code="duplicate",
        )
    if cert_request.sent_on and due_on < cert_request.sent_on:
        raise CaseError(
            _("A follow-up cannot be due before the request was sent, on %(day)s.")
            % {"day": date_format(cert_request.sent_on)},
            code="due_on",
        )
    followup = FollowUp.objects.create(request=cert_request, due_on=due_on, note=note, created_by=user)
    _record(
        AuditEvent.Action.CREATE,
        obj=cert_request,
        user=user,
        request=request,
        summary=f"follow-up due {due_on.isoformat()}",
    )
    return followup


@transaction.atomic
def complete_followup(*, followup, done_on, user, request=None):
    followup.done_on = done_on
    followup.save(update_fields=["done_on"])
    _record(
        AuditEvent.Action.UPDATE,
        obj=followup.request,
        user=user,
        request=request,
        summary=f"follow-up done {done_on.isoformat()}",
    )
    return followup


# Petitions

PETITION_FIELDS = [
    "filed_on",
    "receipt_number",
    "bona_fide_on",
    "waiting_list_on",
    "work_permit_category",
    "work_permit_until",
    "decided_on",
    "notes",
]

# The date a status needs before a petition may take it.
STATUS_DATES = {
    Petition.Status.FILED: "filed_on",
    Petition.Status.BONA_FIDE: "bona_fide_on",
    Petition.Status.WAITING_LIST: "waiting_list_on",
    Petition.Status.APPROVED: "decided_on",
    Petition.Status.DENIED: "decided_on",
}


def _check_certification(certification, filed_on):
    """The certification must be signed within the six months before the I-918 is filed."""
    if certification is None or filed_on is None:
        return
    if not (certification.signed_on <= filed_on <= certification.expires_on):
        raise CaseError(
            _("The certification must be signed within the six months before filing: it expires on %(date)s.")
            % {"date": date_format(certification.expires_on, "DATE_FORMAT")},
            code="certification_expired",
        )


@transaction.atomic
def create_petition(*, case, kind, user, family_member=None, certification=None, request=None):
    if kind == Petition.Kind.DERIVATIVE and (family_member is None or family_member.case_id != case.pk):
        raise CaseError(_("Choose the family member the petition is for."), code="family_member")
    if kind == Petition.Kind.PRINCIPAL:
        family_member = None
    if certification is not None and (
        certification.case_id != case.pk or certification.status != CertificationRequest.Status.SIGNED
    ):
        raise CaseError(_("Choose a signed certification of this case."), code="certification")
    _lock(case)
    same_person = case.petitions.filter(
        kind=kind, family_member=family_member, status__in=Petition.OPEN_STATUSES
    ).first()
    if same_person:
        raise CaseError(
            _(
                "This case already has a petition for this person with the status “%(status)s”: a new one "
                "can be added once it is decided or withdrawn."
            )
            % {"status": same_person.get_status_display()},
            code="duplicate",
        )
    petition = Petition.objects.create(
        case=case, kind=kind, family_member=family_member, certification=certification, created_by=user
    )
    _record(
        AuditEvent.Action.CREATE,
        obj=petition,
        user=user,
        request=request,
        summary=f"petition created: {kind}",
    )
    return petition


@transaction.atomic
def update_petition(*, petition, status, user, request=None, **fields):
    """Record the petition's dates and numbers, and move it to `status` (through its declared transitions)
    when that differs. Each status needs its date: filed, bona fide, waiting list, decision."""
    date_field = STATUS_DATES.get(status)
    if status != petition.status and date_field and not fields.get(date_field):
        raise CaseError(
            _("Give the date for “%(status)s”.") % {"status": Petition.Status(status).label}, code="date"
        )
    _check_certification(petition.certification, fields.get("filed_on"))
    if status != petition.status:
        petition.check_transition(status)
    changed = _apply(petition, fields)  # the dates first: the database wants a filed petition's date
    if status != petition.status:
        transition(petition, status, user=user, request=request)
    _record(
        AuditEvent.Action.UPDATE,
        obj=petition,
        user=user,
        request=request,
        summary=f"petition saved: {', '.join(changed) or 'nothing'}",
    )
    return petition
