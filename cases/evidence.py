"""Evidence files: type checked from the content, hashed at upload, kept byte for byte.

Photos also get a "shown" copy made of the pixels alone (no location or any other metadata): that copy
is what pages and exports use; the original stays untouched for chain of custody.
"""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.audit.models import AuditEvent
from power_campaign.uploads import HEAD_SIZE, UploadError, clean_image, open_image, sniff

from .models import Evidence

# Pixels on the longer side: a notice photographed on a wall stays readable (the original is kept whole),
# and a JPEG is decoded at a reduced scale of at most twice this a side (23 million pixels).
SHOWN_MAX_SIDE = 2400


class EvidenceError(UploadError):
    """A file that cannot be evidence; the message names the file."""


def shown_copy(data, name):
    """The photo as shown and exported: upright, at most SHOWN_MAX_SIDE pixels a side, re-encoded from
    its pixels alone, so that no metadata block of the original (EXIF with GPS, camera and thumbnail, XMP,
    IPTC, ICC profile, JPEG comment, PNG text chunks) comes along. JPEG stays JPEG; other formats become
    PNG. Raises EvidenceError naming the file."""
    try:
        with open_image(data, name) as opened:
            fmt = opened.format
        image = clean_image(data, name, max_side=SHOWN_MAX_SIDE)
    except UploadError as error:
        raise EvidenceError(str(error)) from None
    buffer = io.BytesIO()
    if fmt in ("JPEG", "MPO"):  # MPO: a phone's JPEG with extra frames; only the first is shown
        image.convert("RGB").save(buffer, "JPEG", quality=90)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def add_evidence(*, incident, upload, description, user, request=None):
    """Store an uploaded file as evidence of `incident`. Raises EvidenceError naming the file."""
    limit = settings.EVIDENCE_UPLOAD_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise EvidenceError(
            _("%(name)s is larger than %(limit)d MB.") % {"name": upload.name, "limit": limit}
        )
    if upload.size == 0:
        raise EvidenceError(_("%(name)s is empty.") % {"name": upload.name})
    upload.seek(0)
    detected = sniff(upload.read(HEAD_SIZE))
    if detected is None or detected.kind not in Evidence.Kind.values:
        raise EvidenceError(
            _("%(name)s is not a photo, PDF, audio or video file (its content was checked, not its name).")
            % {"name": upload.name}
        )
    kind, content_type = Evidence.Kind(detected.kind), detected.content_type
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    earlier = Evidence.objects.filter(incident=incident, sha256=digest.hexdigest()).first()
    if earlier is not None:  # the same bytes: a second tap, or the file sent again
        raise EvidenceError(
            _("%(name)s is already among this incident's evidence, as %(earlier)s.")
            % {"name": upload.name, "earlier": earlier.original_name}
        )
    if content_type == "image/heic":
        raise EvidenceError(
            _(
                "%(name)s is an HEIC photo, which cannot be shown without its location data yet. "
                "Upload it as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)."
            )
            % {"name": upload.name}
        )
    shown = None
    if kind == Evidence.Kind.PHOTO:
        upload.seek(0)
        shown = shown_copy(upload.read(), upload.name)
    upload.seek(0)
    evidence = Evidence(
        incident=incident,
        kind=kind,
        content_type=content_type,
        description=description,
        original_name=upload.name[:255],
        sha256=digest.hexdigest(),
        shown_sha256=hashlib.sha256(shown).hexdigest() if shown is not None else "",
        size=upload.size,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    saved = []
    try:
        with transaction.atomic():
            evidence.file.save("original", upload, save=False)
            saved.append(evidence.file)
            if shown is not None:
                evidence.shown_file.save("shown", ContentFile(shown), save=False)
                saved.append(evidence.shown_file)
            evidence.save()
            AuditEvent.objects.record(
                action=AuditEvent.Action.CREATE,
                request=request,
                actor=user,
                obj=evidence,
                summary=f"evidence uploaded to incident {incident.uuid}; sha256 {evidence.sha256}",
            )
    except Exception:
        for stored in saved:
            stored.storage.delete(stored.name)
        raise
    return evidence
