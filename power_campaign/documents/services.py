import logging
import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.audit.models import AuditEvent

from . import packets
from .models import Document, Exhibit, Packet, sha256_of
from .rendering import render_pdf
from .signing import SigningNotConfigured, check_signature, sign_pdf

logger = logging.getLogger(__name__)


def store_document(
    *, organization, kind, title, pdf, signed, language, user, subject="", access, doc_uuid=None
):
    """Record a generated PDF as the next version of (kind, subject); the file is never changed again.

    Two people generating the same document at once: the later one takes the next version number.
    """
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
):
    """Render a template under templates/pdf/, sign it, and store it as a new document version."""
    doc_uuid = uuid.uuid4()
    pdf = render_pdf(
        template, context, language, title=title, document_id=str(doc_uuid), confidentiality=confidentiality
    )
    if sign:
        pdf = sign_pdf(pdf, reason=title)
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
    )


@transaction.atomic
def create_packet(*, organization, title, bates_prefix, access, language, user, request=None):
    packet = Packet.objects.create(
        organization=organization,
        title=title,
        bates_prefix=bates_prefix,
        access=access,
        language=language,
        created_by=user,
    )
    AuditEvent.objects.record(action=AuditEvent.Action.CREATE, request=request, actor=user, obj=packet)
    return packet


def add_exhibit(*, packet, upload, description, user, request=None):
    """Check an uploaded file and add it to a draft packet. Raises ExhibitError (naming the file)."""
    if not packet.is_editable:
        raise packets.ExhibitError(
            _("This packet is already generated: start a new packet to change its exhibits.")
        )
    data = upload.read()
    inspected = packets.inspect_upload(upload.name, data)
    with transaction.atomic():
        last = packet.exhibits.order_by("-position").values_list("position", flat=True).first() or 0
        exhibit = Exhibit(
            packet=packet,
            position=last + 1,
            description=description,
            original_name=upload.name[:255],
            file_type=inspected.file_type,
            sha256=sha256_of(data),
            size=len(data),
            page_count=inspected.page_count,
            uploaded_by=user,
            uploaded_at=timezone.now(),
        )
        exhibit.file.save("exhibit", ContentFile(data), save=False)
        try:
            exhibit.save()
        except Exception:
            exhibit.file.delete(save=False)
            raise
        AuditEvent.objects.record(
            action=AuditEvent.Action.CREATE,
            request=request,
            actor=user,
            obj=exhibit,
            organization=packet.organization,
            summary=f"exhibit uploaded to packet {packet.uuid}; sha256 {exhibit.sha256}",
        )
    return exhibit


@transaction.atomic
def queue_packet(*, packet, user, request=None):
    """Ask the background worker to generate the packet."""
    from .tasks import build_packet_task

    if not packet.exhibits.exists():
        raise packets.ExhibitError(_("Add at least one exhibit first."))
    if not (packet.is_editable or packet.is_stuck):
        raise packets.ExhibitError(_("This packet is already being generated or is ready."))
    Packet.objects.filter(pk=packet.pk).update(
        status=Packet.Status.QUEUED, progress=0, error="", queued_at=timezone.now()
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=packet,
        summary="packet generation requested",
    )
    build_packet_task.enqueue(str(packet.uuid))


def _read(exhibit):
    with exhibit.file.open("rb") as handle:
        return handle.read()


def build_packet(*, packet_uuid):
    """The background work: assemble, sign and archive a queued packet. Failure leaves no partial files."""
    packet = Packet.objects.select_related("organization", "created_by").get(uuid=packet_uuid)
    if packet.status != Packet.Status.QUEUED:
        return
    Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.RUNNING, progress=1)
    exhibits = list(packet.exhibits.select_related("uploaded_by"))
    saved = []

    def progress(percent):
        Packet.objects.filter(pk=packet.pk).update(progress=percent)

    try:
        assembled = packets.assemble(packet, exhibits, _read, progress)
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
            bundle = packets.archive(
                packet, exhibits, assembled.ranges, assembled.page_count, signed_pdf, document.sha256, _read
            )
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


def verify(*, data=None, sha256=None, request=None):
    """Public verification of an uploaded PDF or a SHA-256: signature state and the matching record."""
    result = {"sha256": sha256 or sha256_of(data), "check": None, "readable": True}
    result["configured"] = True
    if data is not None:
        try:
            result["check"] = check_signature(data)
        except ValueError:
            result["readable"] = False
        except SigningNotConfigured:
            result["configured"] = False
    match = Document.objects.filter(sha256=result["sha256"]).first()
    result["document"] = match
    result["state"] = _verification_state(result)
    AuditEvent.objects.record(
        action=AuditEvent.Action.VERIFY,
        request=request,
        obj=match,
        summary=(
            f"verification: {result['state']}; sha256 {result['sha256']}; "
            f"{'matches a record' if match else 'no record'}"
        ),
    )
    return result


def _verification_state(result):
    check = result["check"]
    if not result["readable"]:
        return "unreadable"
    if not result["configured"]:
        return "unconfigured"
    if check is None:
        return "hash"
    if check.valid:
        return "valid"
    if check.modified:
        return "modified"
    return "foreign" if check.signed else "unsigned"
