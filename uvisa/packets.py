"""U-visa packets: the client's declaration, the victim information sheet (Form I-918 Supplement B,
Part 1) and its completeness check, the certification request packet for one agency, and the USCIS filing
checklist. Keyword-only, atomic, audited; no client detail in an audit summary (field names only).

The packet goes through the document engine: the letter, the sheet, the declaration and the timeline are
generated documents; they and the incidents' evidence (with its custody, never uploaded again) are the
packet's exhibits, Bates-numbered, signed, archived with a manifest, and marked confidential under
8 U.S.C. § 1367 on every page."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from power_campaign.accounts.models import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.documents import api
from power_campaign.documents.packets import EXHIBIT_TYPES

from . import documents
from .models import PART1_FIELDS, CertificationRequest, Declaration, PetitionKind
from .services import CaseError, _apply, _record

# Printed on every page of every U-visa document and packet (8 U.S.C. § 1367: information about a U-visa
# applicant may not be disclosed). Not translated: agencies and USCIS read it in English.
MARKING = "Confidential: 8 U.S.C. 1367"
DECLARATION_FIELDS = (
    "language",
    "text",
    "signed_on",
    "translation",
    "translator_name",
    "translator_languages",
    "competence",
    "translated_on",
)


@transaction.atomic
def save_declaration(*, case, user, request=None, **fields):
    declaration = Declaration.objects.filter(case=case).first()
    if declaration is None:
        declaration = Declaration.objects.create(case=case, updated_by=user, **fields)
        changed, action = sorted(fields), AuditEvent.Action.CREATE
    else:
        declaration.updated_by = user
        changed, action = _apply(declaration, fields), AuditEvent.Action.UPDATE
    _record(
        action,
        obj=case,
        user=user,
        request=request,
        summary=f"declaration saved: {', '.join(changed) or 'nothing'}",
    )
    return declaration


@transaction.atomic
def save_victim_information(*, case, answers, user, request=None, **fields):
    """The Part 1 fields and, for those left blank, the explicit answers ("N/A", "None", "Unknown")."""
    answers = {name: answer for name, answer in answers.items() if answer and fields.get(name) in (None, "")}
    changed = _apply(case, {**fields, "part1_answers": answers})
    _record(
        AuditEvent.Action.UPDATE,
        obj=case,
        user=user,
        request=request,
        summary=f"victim information sheet saved: {', '.join(changed) or 'nothing'}",
    )
    return case


def completeness(cert_request):
    """What keeps the request packet from being exported: [(label, what is wrong, fix URL name)]."""
    case = cert_request.case
    problems = [
        (label, _("Blank: give a value, or N/A, None or Unknown."), "uvisa:victim_information", name)
        for name, label in case.part1_missing()
    ]
    declaration = Declaration.objects.filter(case=case).first()
    if declaration is None:
        problems.append((_("Declaration"), _("Not written yet."), "uvisa:declaration", ""))
    else:
        for label in declaration.missing():
            problems.append((label, _("Blank."), "uvisa:declaration", ""))
    return problems


def evidence_for_packet(case):
    """The incidents' evidence that can be an exhibit (PDF or image), and what cannot (audio, video)."""
    included, left_out = [], []
    for evidence in case.evidence.select_related("incident__worksite", "uploaded_by").order_by("uploaded_at"):
        if evidence.kind == evidence.Kind.PHOTO or evidence.content_type in EXHIBIT_TYPES:
            included.append(evidence)
        else:
            left_out.append(evidence)
    return included, left_out


def packets_for(cert_request, user):
    return api.Packet.objects.for_user(user).filter(subject=api.reference_of(cert_request))


def _require_legal(user, organization):
    if user.role_in(organization) != Role.LEGAL:
        raise PermissionDenied


def _timeline(case, cert_request):
    rows = [
        (incident.local_date, incident.get_type_display(), incident.place, incident.description)
        for incident in case.incidents.select_related("worksite").order_by("occurred_at")
    ]
    if cert_request.sent_on:
        rows.append((cert_request.sent_on, "Certification request sent to the agency", "", ""))
    return sorted(rows, key=lambda row: row[0])


def export_request_packet(*, cert_request, user, request=None):
    """Generate the packet for one agency and queue it: refused (CaseError listing what is missing) until
    the victim information sheet and the declaration are complete. Legal staff only."""
    case = cert_request.case
    _require_legal(user, case.organization)
    problems = completeness(cert_request)
    if problems:
        raise CaseError(
            _("The packet cannot be exported until these are complete: %(fields)s.")
            % {"fields": ", ".join(str(label) for label, *_rest in problems)},
            code="incomplete",
        )
    evidence, _left_out = evidence_for_packet(case)
    stored = []  # files written so far: deleted again if the export fails (the rows roll back)
    try:
        packet = _export(cert_request, case, evidence, user, request, stored)
    except Exception:
        for file in stored:
            file.storage.delete(file.name)
        raise
    packet.refresh_from_db()
    return packet


def activity_phrases(case, activities):
    """How the cover letter names each requested activity, in English, as screening recorded it: an attempt,
    conspiracy or solicitation as such, and a similar activity as the offense it is, similar to the listed
    one ("intimidation (720 ILCS 5/12-6), similar to extortion")."""
    screened = {s.activity_id: s for s in case.activities.all()}
    phrases = []
    for activity in activities:
        name, found = activity.label_en.lower(), screened.get(activity.pk)
        if found is not None and found.similar_activity:
            offense = found.charged_offense or "an offense"
            cited = f" ({found.statute_citation})" if found.statute_citation else ""
            phrases.append(f"{offense}{cited}, similar to {name}")
            continue
        modifiers = [words for field, words in MODIFIER_WORDS if found is not None and getattr(found, field)]
        phrases.append(f"{' or '.join(modifiers)} {name}" if modifiers else name)
    return phrases


MODIFIER_WORDS = [
    ("attempt", "attempted"),
    ("conspiracy", "conspiracy to commit"),
    ("solicitation", "solicitation of"),
]


@transaction.atomic
def _export(cert_request, case, evidence, user, request, stored):
    """The export itself, in one transaction; `stored` collects the files it writes."""
    cert_request = CertificationRequest.objects.select_for_update().get(pk=cert_request.pk)
    subject = api.reference_of(cert_request)
    context = {
        "case": case,
        "cert_request": cert_request,
        "agency": cert_request.agency,
        "activities": activity_phrases(case, cert_request.activities.all()),
        "organization": case.organization,
        "user": user,
        "part1": [(case._meta.get_field(n).verbose_name, case.part1_value(n)) for n in PART1_FIELDS],
        "declaration": case.declaration,
        "timeline": _timeline(case, cert_request),
        "evidence": evidence,
        "today": timezone.localdate(),
    }
    parts = [
        (documents.COVER_LETTER, "Request for U nonimmigrant status certification", "cover_letter"),
        (documents.VICTIM_INFORMATION, "Victim information (Form I-918 Supplement B, Part 1)", "part1"),
        (
            documents.DECLARATION,
            "Declaration, English translation and translator's certificate",
            "declaration",
        ),
        (documents.TIMELINE, "Incident timeline", "timeline"),
    ]
    generated = []
    for kind, title, template in parts:
        document = api.create_document(
            organization=case.organization,
            kind=kind,
            title=f"{title} · {case.code}",
            template=f"pdf/uvisa_{template}.html",
            context=context,
            language="en",
            user=user,
            subject=subject,
            access=api.Access.LEGAL,
            sign=False,
            confidentiality=MARKING,
        )
        stored.append(document.file)
        generated.append(document)
    # The cover letter comes first, before the packet's cover and index: the agency reads it first.
    letter, *generated = generated
    packet = api.create_packet(
        organization=case.organization,
        title=f"U-visa certification request · {cert_request.agency.name} · {case.code}",
        bates_prefix=f"UV{case.code}",
        access=api.Access.LEGAL,
        language="en",
        user=user,
        subject=subject,
        confidentiality=MARKING,
        preface=letter,
        request=request,
    )
    for document in generated:
        exhibit = api.add_exhibit_from_record(
            packet=packet, record=document, description=document.title, user=user, request=request
        )
        stored.append(exhibit.file)
    try:
        for item in evidence:
            exhibit = api.add_exhibit_from_record(packet=packet, record=item, user=user, request=request)
            stored.append(exhibit.file)
    except api.ExhibitError as error:
        raise CaseError(str(error), code="exhibit") from None
    _record(
        AuditEvent.Action.EXPORT,
        obj=cert_request,
        user=user,
        request=request,
        summary=(
            f"certification request packet {packet.uuid} exported ({len(generated) + len(evidence)} exhibits)"
        ),
    )
    api.queue_packet(packet=packet, user=user, request=request)
    return packet


# The USCIS filing checklist (Form I-918 required initial evidence)

PRESENT, MISSING, CONFIRM, NOT_NEEDED = "present", "missing", "confirm", "not_needed"


def filing_checklist(case, today):
    """[(item, status, note)]: each required initial evidence item present, missing, to confirm (the case
    desk does not record it) or not needed."""
    petitions = list(case.petitions.select_related("family_member"))
    principal = [p for p in petitions if p.kind == PetitionKind.PRINCIPAL]
    signed = [
        r
        for r in case.requests.select_related("agency")
        if r.signed_on and r.expires_on and r.expires_on >= today
    ]
    originals = [r for r in signed if r.original_in_hand]
    declaration = Declaration.objects.filter(case=case).first()
    derivatives = [m for m in case.family.all() if m.may_be_derivative(today)]
    with_petition = {p.family_member_id for p in petitions if p.kind == PetitionKind.DERIVATIVE}
    has_evidence, harm_described = case.evidence.exists(), bool(case.harm_types or case.harm_narrative)
    items = [
        (_("Form I-918, Petition for U Nonimmigrant Status"), PRESENT if principal else MISSING, ""),
        (
            _("Form I-918 Supplement B, signed within the six months before filing (the original)"),
            PRESENT if originals else MISSING,
            ", ".join(str(r.agency) for r in originals)
            or (_("Signed, but the original is not in hand.") if signed else ""),
        ),
        (
            _("Signed personal statement"),
            PRESENT if declaration and declaration.text and declaration.signed_on else MISSING,
            "",
        ),
        (
            _("Certified English translation of the statement"),
            NOT_NEEDED
            if declaration and declaration.is_english
            else (PRESENT if declaration and not declaration.missing() else MISSING),
            "",
        ),
        # Evidence is what is on file: an incident logged or a harm described at intake is what happened,
        # not the records that show it.
        (
            _("Evidence of the qualifying criminal activity"),
            PRESENT if has_evidence and case.activities.exists() else MISSING,
            ""
            if has_evidence
            else _("No evidence file is linked to the case (logged incidents are not evidence)."),
        ),
        (
            _("Evidence of substantial physical or mental abuse"),
            CONFIRM if harm_described else MISSING,
            _("Described at intake: attach the records that show it (medical, counseling, statements).")
            if harm_described
            else "",
        ),
        (_("Evidence of helpfulness to the authorities"), PRESENT if case.requests.exists() else MISSING, ""),
        (
            _("Form I-918 Supplement A for each qualifying family member"),
            NOT_NEEDED
            if not derivatives
            else (PRESENT if all(m.pk in with_petition for m in derivatives) else MISSING),
            ", ".join(str(m) for m in derivatives if m.pk not in with_petition),
        ),
        (_("Form I-192, if the client is inadmissible"), CONFIRM, ""),
        (_("Form I-765, for a work permit (recommended)"), CONFIRM, ""),
        (_("Form G-28, notice of appearance of the representative"), CONFIRM, ""),
        (_("Identity documents (passport, birth certificate with certified translation)"), CONFIRM, ""),
    ]
    return items


STATUS_LABELS = {
    PRESENT: "Present",
    MISSING: "Missing",
    CONFIRM: "Not recorded here: confirm",
    NOT_NEEDED: "Not needed",
}


@transaction.atomic
def generate_filing_checklist(*, case, user, request=None):
    _require_legal(user, case.organization)
    today = timezone.localdate()
    with translation.override("en"):
        items = [(str(item), status, str(note)) for item, status, note in filing_checklist(case, today)]
    document = api.create_document(
        organization=case.organization,
        kind=documents.FILING_CHECKLIST,
        title=f"USCIS filing checklist (Form I-918) · {case.code}",
        template="pdf/uvisa_filing_checklist.html",
        context={"case": case, "items": items, "labels": STATUS_LABELS, "today": today},
        language="en",
        user=user,
        subject=api.reference_of(case),
        access=api.Access.LEGAL,
        confidentiality=MARKING,
    )
    _record(
        AuditEvent.Action.EXPORT,
        obj=case,
        user=user,
        request=request,
        summary=f"filing checklist v{document.version} generated: "
        f"{sum(1 for _i, status, _n in items if status == MISSING)} missing",
    )
    return document
