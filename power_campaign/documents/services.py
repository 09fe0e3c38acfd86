import logging
import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.audit.models import AuditEvent

from . import kinds, packets
from .models import Access, Document, Exhibit, Packet, sha256_of
from .rendering import render_pdf
from .signing import (
    CannotCheck,
    SigningNotConfigured,
    carries_validation_data,
    check_signature,
    sign_pdf,
    signature_time,
)
from .sources import has_location

logger = logging.getLogger(__name__)


def store_document(
    *,
    organization,
    kind,
    title,
    pdf,
    signed,
    language,
    user,
    subject="",
    access,
    doc_uuid=None,
    long_term=False,
):
    """Record a generated PDF as the next version of (kind, subject); the file is never changed again.

    Two people generating the same document at once: the later one takes the next version number.
    `kind` must be declared (kinds.py: the platform's, or an app's `<app>/documents.py`). `long_term`: the
    document must be signed with its validation data embedded (as create_document(long_term=True) makes
    it), or nothing is stored (ValueError).
    """
    if not kinds.is_declared(kind):
        raise ValueError(f"Undeclared document kind {kind!r}: declare it in KINDS of <app>/documents.py.")
    if long_term and not (signed and carries_validation_data(pdf)):
        raise ValueError("A long-term document must be signed with its validation data embedded (PAdES B-LT)")
    fields = {
        "organization": organization,
        "kind": kind,
        "title": title,
        "pdf": pdf,
        "signed": signed,
        "language": language,
    }
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _store_document(**fields, user=user, subject=subject, access=access, doc_uuid=doc_uuid)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store_document(*, organization, kind, title, pdf, signed, language, user, subject, access, doc_uuid):
    document = Document(
        uuid=doc_uuid or uuid.uuid4(),
        organization=organization,
        kind=kind,
        title=title,
        subject=subject,
        version=Document.objects.next_version(kind=kind, subject=subject),
        language=language,
        access=access,
        sha256=sha256_of(pdf),
        size=len(pdf),
        signed=signed,
        created_by=user,
        created_at=timezone.now(),
    )
    document.file.save("document.pdf", ContentFile(pdf), save=False)
    try:
        document.save()
    except IntegrityError:
        document.file.storage.delete(document.file.name)
        raise
    AuditEvent.objects.record(
        action=AuditEvent.Action.SIGN if signed else AuditEvent.Action.CREATE,
        actor=user,
        obj=document,
        summary=f"{kind} v{document.version} {'signed' if signed else 'generated'}; sha256 {document.sha256}",
    )
    return document


def create_document(
    *,
    organization,
    kind,
    title,
    template,
    context,
    language,
    user,
    subject="",
    access,
    sign=True,
    confidentiality="",
    long_term=False,
    images=None,
):
    """Render a template under templates/pdf/, sign it, and store it as a new document version. `images`:
    {name: PNG bytes} the template shows as `<img src="images/<name>">` (nothing else is fetched).

    The signature carries a trusted timestamp when SIGNING_TSA_URL is set (the footer says which time the
    document carries). `long_term` embeds the validation data too (PAdES B-LT: executed agreements), so
    that the signature can still be validated after the certificates expire. Raises SigningNotConfigured
    (SigningFailed, saying why, when the timestamp authority or the validation data cannot be reached):
    then nothing is stored.
    """
    if long_term and not sign:
        raise ValueError("A long-term document must be signed.")
    doc_uuid = uuid.uuid4()
    pdf = render_pdf(
        template,
        context,
        language,
        title=title,
        document_id=str(doc_uuid),
        confidentiality=confidentiality,
        signature_time=signature_time() if sign else "",
        images=images,
    )
    if sign:
        pdf = sign_pdf(pdf, reason=title, long_term=long_term)
    return store_document(
        organization=organization,
        kind=kind,
        title=title,
        pdf=pdf,
        signed=sign,
        language=language,
        user=user,
        subject=subject,
        access=access,
        doc_uuid=doc_uuid,
        long_term=long_term,
    )


@transaction.atomic
def create_packet(
    *,
    organization,
    title,
    bates_prefix,
    access,
    language,
    user,
    subject="",
    confidentiality="",
    preface=None,
    request=None,
):
    """A draft packet. `subject` names the record it is about ('app.model:uuid'), if any.
    `confidentiality`: a marking printed on every page (cover, index, separators and every exhibit page)
    instead of the default one of a legal-only packet, e.g. "Confidential: 8 U.S.C. 1367". `preface`: a
    stored PDF document of the organization placed first, before the cover and the index (a cover letter):
    Bates-numbered with the rest, not an exhibit."""
    if preface is not None and preface.organization_id != organization.pk:
        raise ValueError("A packet's preface is a document of the packet's organization.")
    if preface is not None and preface.access == Access.LEGAL and access != Access.LEGAL:
        raise ValueError("A legal-only preface goes into a legal-only packet.")
    packet = Packet.objects.create(
        preface=preface,
        organization=organization,
        title=title,
        bates_prefix=bates_prefix,
        access=access,
        language=language,
        subject=subject,
        confidentiality=confidentiality,
        created_by=user,
    )
    AuditEvent.objects.record(action=AuditEvent.Action.CREATE, request=request, actor=user, obj=packet)
    return packet


def _locked_editable(packet):
    """The packet's row, locked until the transaction ends; ExhibitError unless exhibits may change."""
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if not locked.is_editable:
        raise packets.ExhibitError(
            _("This packet is already generated: start a new packet to change its exhibits.")
        )
    return locked


def _store_exhibit(*, packet, data, name, description, **fields):
    """Check the bytes and add them as the packet's last exhibit (inside the caller's transaction)."""
    inspected = packets.inspect_upload(name, data)
    last = packet.exhibits.order_by("-position").values_list("position", flat=True).first() or 0
    exhibit = Exhibit(
        packet=packet,
        position=last + 1,
        description=description[:300],
        original_name=name[:255],
        file_type=inspected.file_type,
        sha256=sha256_of(data),
        size=len(data),
        page_count=inspected.page_count,
        **fields,
    )
    exhibit.file.save("exhibit", ContentFile(data), save=False)
    try:
        exhibit.save()
    except Exception:
        exhibit.file.delete(save=False)
        raise
    return exhibit


def add_exhibit(*, packet, upload, description, user, request=None):
    """Check an uploaded file and add it to a draft packet. Raises ExhibitError (naming the file)."""
    if not packet.is_editable:
        raise packets.ExhibitError(
            _("This packet is already generated: start a new packet to change its exhibits.")
        )
    data = upload.read()
    with transaction.atomic():
        _locked_editable(packet)
        digest = sha256_of(data)
        exhibit = _store_exhibit(
            packet=packet,
            data=data,
            name=upload.name,
            description=description,
            sha256_at_upload=digest,
            uploaded_by=user,
            uploaded_at=timezone.now(),
            includes_location=has_location(data),
        )
        AuditEvent.objects.record(
            action=AuditEvent.Action.CREATE,
            request=request,
            actor=user,
            obj=exhibit,
            organization=packet.organization,
            summary=f"exhibit uploaded to packet {packet.uuid}; sha256 {exhibit.sha256}",
        )
    return exhibit


def add_exhibit_from_record(*, packet, record, user, description="", with_location=False, request=None):
    """Copy a stored record's file into a draft packet, with its custody: where it came from, the SHA-256
    recorded when it was stored, who uploaded it and when.

    `record` implements `exhibit_source(with_location=False)` (see sources.py). A photo goes in as its copy
    without location data unless `with_location` (legal staff chose the original for this exhibit). The
    bytes copied must have the SHA-256 recorded at upload, or nothing is added. Raises ExhibitError.
    """
    source = record.exhibit_source(with_location=with_location)
    if source.organization != packet.organization:
        raise packets.ExhibitError(_("Only records of the packet's own organization can be its exhibits."))
    if source.legal_only and packet.access != Access.LEGAL:
        raise packets.ExhibitError(
            _("%(name)s is for legal staff only: add it to a legal-only packet.") % {"name": source.name}
        )
    if source.uploaded_by is None:
        raise packets.ExhibitError(
            _("%(name)s: nobody is recorded as its author, so it cannot be an exhibit.")
            % {"name": source.name}
        )
    missing = packets.ExhibitError(_("%(name)s: the stored file is missing.") % {"name": source.name})
    if not source.file:
        raise missing
    try:
        with source.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        raise missing from None
    digest = sha256_of(data)
    if not source.sha256 or digest != source.sha256:
        raise packets.ExhibitError(
            _(
                "%(name)s: the stored file no longer matches the SHA-256 recorded when it was uploaded "
                "(%(recorded)s; the file now gives %(actual)s). It was not added."
            )
            % {"name": source.name, "recorded": source.sha256 or "—", "actual": digest}
        )
    if not source.includes_location and has_location(data):
        raise packets.ExhibitError(
            _("%(name)s: the copy still carries location (GPS) data, so it was not added.")
            % {"name": source.name}
        )
    custody_url = request.build_absolute_uri(source.custody_url) if request else source.custody_url
    with transaction.atomic():
        _locked_editable(packet)
        if packet.exhibits.filter(source=source.reference).exists():
            raise packets.ExhibitError(
                _("%(name)s is already an exhibit of this packet.") % {"name": source.name}
            )
        exhibit = _store_exhibit(
            packet=packet,
            data=data,
            name=source.name,
            description=description or source.description or source.label,
            sha256_at_upload=source.sha256,
            uploaded_by=source.uploaded_by,
            uploaded_at=source.uploaded_at,
            source=source.reference,
            source_label=source.label[:300],
            custody_url=custody_url[:500],
            includes_location=source.includes_location,
        )
        copy = "original with location data" if source.includes_location else "copy"
        AuditEvent.objects.record(
            action=AuditEvent.Action.CREATE,
            request=request,
            actor=user,
            obj=exhibit,
            organization=packet.organization,
            summary=(
                f"exhibit added to packet {packet.uuid} from {source.reference} ({copy}); sha256 {digest}"
            ),
        )
        AuditEvent.objects.record(
            action=AuditEvent.Action.EXPORT,
            request=request,
            actor=user,
            obj=record,
            organization=packet.organization,
            summary=f"copied into packet {packet.uuid} as an exhibit ({copy}); sha256 {digest}",
        )
    return exhibit


@transaction.atomic
def remove_exhibit(*, exhibit, user, request=None):
    """Take an exhibit out of a draft packet; its stored copy is deleted once the change is committed."""
    packet = _locked_editable(exhibit.packet)
    file = exhibit.file
    AuditEvent.objects.record(
        action=AuditEvent.Action.DELETE,
        request=request,
        actor=user,
        obj=exhibit,
        organization=packet.organization,
        summary=f"exhibit removed from packet {packet.uuid}; sha256 {exhibit.sha256}",
    )
    exhibit.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))


@transaction.atomic
def move_exhibit(*, exhibit, user, up, request=None):
    """Swap an exhibit with the one before (`up`) or after it in a draft packet; False at either end."""
    packet = _locked_editable(exhibit.packet)
    exhibit = Exhibit.objects.get(pk=exhibit.pk)  # its position as of the lock
    neighbours = packet.exhibits.exclude(pk=exhibit.pk)
    if up:
        other = neighbours.filter(position__lt=exhibit.position).order_by("-position").first()
    else:
        other = neighbours.filter(position__gt=exhibit.position).order_by("position").first()
    if other is None:
        return False
    mine, theirs = exhibit.position, other.position
    Exhibit.objects.filter(pk=exhibit.pk).update(position=0)  # free the place: positions are unique
    Exhibit.objects.filter(pk=other.pk).update(position=mine)
    Exhibit.objects.filter(pk=exhibit.pk).update(position=theirs)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=exhibit,
        organization=packet.organization,
        summary=f"exhibit moved {'up' if up else 'down'} in packet {packet.uuid}",
    )
    return True


@transaction.atomic
def queue_packet(*, packet, user, request=None):
    """Ask the background worker to generate the packet."""
    from .tasks import build_packet_task

    if not packet.exhibits.exists():
        raise packets.ExhibitError(_("Add at least one exhibit first."))
    if not (packet.is_editable or packet.is_stuck):
        raise packets.ExhibitError(_("This packet is already being generated or is ready."))
    # Compare and set: only the state just checked is changed, so two requests queue it once.
    unchanged = Packet.objects.filter(pk=packet.pk, status=packet.status, queued_at=packet.queued_at)
    if not unchanged.update(status=Packet.Status.QUEUED, progress=0, error="", queued_at=timezone.now()):
        raise packets.ExhibitError(_("This packet is already being generated or is ready."))
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=packet,
        summary="packet generation requested",
    )
    build_packet_task.enqueue(str(packet.uuid))


def _read(stored):
    """An exhibit's stored bytes (or the preface's, a document), checked against the SHA-256 taken when
    they were stored."""
    with stored.file.open("rb") as handle:
        data = handle.read()
    if sha256_of(data) != stored.sha256:
        raise packets.ExhibitError(
            _(
                "%(name)s: the stored copy changed after it was added (its SHA-256 differs). "
                "Nothing was built."
            )
            % {"name": getattr(stored, "original_name", None) or stored.title}
        )
    return data


def build_packet(*, packet_uuid):
    """The background work: assemble, sign and archive a queued packet. Failure leaves no partial files.

    The job is claimed first (queued -> generating in one UPDATE): of two workers or two calls, only the
    one whose UPDATE changed the row builds; the other returns at once. Returns whether this call built.
    """
    claimed = Packet.objects.filter(uuid=packet_uuid, status=Packet.Status.QUEUED).update(
        status=Packet.Status.RUNNING, progress=1
    )
    if claimed != 1:
        return False
    packet = Packet.objects.select_related("organization", "created_by", "preface").get(uuid=packet_uuid)
    exhibits = list(packet.exhibits.select_related("uploaded_by"))
    saved = []

    def progress(percent):
        Packet.objects.filter(pk=packet.pk).update(progress=percent)

    try:
        preface = _read(packet.preface) if packet.preface else None
        assembled = packets.assemble(packet, exhibits, _read, progress, preface=preface)
        signed_pdf = sign_pdf(assembled.pdf, reason=f"Exhibit packet {packet.bates_prefix}")
        progress(92)
        with transaction.atomic():
            document = store_document(
                organization=packet.organization,
                kind=Document.Kind.PACKET,
                title=packet.title,
                pdf=signed_pdf,
                signed=True,
                language=packet.language,
                user=packet.created_by,
                subject=f"documents.packet:{packet.uuid}",
                access=packet.access,
                doc_uuid=packet.uuid,  # the ID printed on every page is the one the verification page shows
            )
            saved.append(document.file)
            bundle = packets.archive(packet, exhibits, assembled, signed_pdf, document.sha256, _read, preface)
            packet.archive.save("packet.zip", ContentFile(bundle), save=False)
            saved.append(packet.archive)
            packet.archive_sha256 = sha256_of(bundle)
            packet.document = document
            packet.page_count = assembled.page_count
            packet.status = Packet.Status.DONE
            packet.progress = 100
            packet.error = ""
            packet.finished_at = timezone.now()
            packet.save()
            AuditEvent.objects.record(
                action=AuditEvent.Action.EXPORT,
                actor=packet.created_by,
                obj=packet,
                summary=(
                    f"packet generated: {assembled.page_count} pages; PDF sha256 {document.sha256}; "
                    f"archive sha256 {packet.archive_sha256}"
                ),
            )
    except Exception as error:
        for stored in saved:
            stored.storage.delete(stored.name)
        if isinstance(error, (packets.ExhibitError, SigningNotConfigured)):
            message = str(error)
        else:
            logger.exception("Packet %s failed", packet.uuid)
            message = _(
                "The packet could not be generated because of an unexpected error. Nothing was stored."
            )
        Packet.objects.filter(pk=packet.pk).update(
            status=Packet.Status.FAILED, progress=0, error=message[:500]
        )
    return True


def verify(*, data=None, sha256=None, request=None):
    """Public verification of an uploaded PDF or a SHA-256: signature state and the matching record.

    A file that cannot be checked gives the state "unreadable" (not a PDF that can be read) or
    "uncheckable" with `reason` (signing.CannotCheck.REASONS): never an exception.
    """
    result = {"sha256": sha256 or sha256_of(data), "check": None, "readable": True, "reason": ""}
    result["configured"] = True
    if data is not None:
        try:
            result["check"] = check_signature(data)
        except CannotCheck as error:
            result["readable"] = error.reason != CannotCheck.UNREADABLE
            result["reason"] = error.reason
        except SigningNotConfigured:
            result["configured"] = False
    match = Document.objects.filter(sha256=result["sha256"]).first()
    result["document"] = match
    result["state"] = _verification_state(result)
    reason = f" ({result['reason']})" if result["state"] == "uncheckable" else ""
    AuditEvent.objects.record(
        action=AuditEvent.Action.VERIFY,
        request=request,
        obj=match,
        summary=(
            f"verification: {result['state']}{reason}; sha256 {result['sha256']}; "
            f"{'matches a record' if match else 'no record'}"
        ),
    )
    return result


def _verification_state(result):
    check = result["check"]
    if not result["readable"]:
        return "unreadable"
    if result["reason"]:
        return "uncheckable"
    if not result["configured"]:
        return "unconfigured"
    if check is None:
        return "hash"
    if check.valid:
        return "valid"
    if check.modified:
        return "modified"
    return "foreign" if check.signed else "unsigned"
