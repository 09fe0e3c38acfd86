"""Signed checkpoints of the audit trail: "on <time> the trail ended at event #N, whose hash was H",
signed with the organization's signing certificate (the one documents are signed with).

A keyed chain shows an edited or removed event in the middle of the trail, but not the removal of the
newest events: nothing is left after them to break. A checkpoint kept away from the server shows it:
`verify_audit --checkpoint FILE` checks that the trail still holds event #N with hash H.

The file is JSON: {"statement": "<the statement as JSON text>", "signature": "<base64 of a detached
CMS/PKCS#7 SignedData over the statement's UTF-8 bytes>"}.
"""

import asyncio
import base64
import binascii
import datetime
import json
from pathlib import Path

from asn1crypto import cms
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from power_campaign.documents.signing import get_signer, signing_certificate

from .models import GENESIS_HASH, AuditEvent

FORMAT = "power-campaign audit checkpoint 1"


class CheckpointError(Exception):
    """A checkpoint file that cannot be trusted or does not match the trail; the message says why."""


def make_checkpoint(now=None):
    """The signed statement of the trail's head (the newest event) as the bytes of a checkpoint file."""
    newest = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash")
    head = newest.first() or (0, GENESIS_HASH)
    statement = json.dumps(
        {
            "format": FORMAT,
            "sequence": head[0],
            "hash": head[1],
            "created_at": (now or timezone.now()).astimezone(datetime.UTC).isoformat(timespec="seconds"),
            "signer": settings.SIGNER_NAME,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    signed = asyncio.run(get_signer().async_sign_general_data(statement.encode(), "sha256", detached=True))
    body = {"statement": statement, "signature": base64.b64encode(signed.dump()).decode()}
    return (json.dumps(body, indent=2) + "\n").encode()


def write_checkpoint(*, output=None, now=None):
    """Make a checkpoint, write it to `output` (default: a new file in AUDIT_CHECKPOINT_DIR), mail it to
    AUDIT_CHECKPOINT_EMAILS and record it in the trail. Returns (path, statement)."""
    data = make_checkpoint(now=now)
    statement = read_checkpoint(data)
    if output is None:
        folder = Path(settings.AUDIT_CHECKPOINT_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = statement["created_at"].replace(":", "").replace("+0000", "Z")
        output = folder / f"audit-checkpoint-{stamp}-{statement['sequence']}.json"
    Path(output).write_bytes(data)
    if settings.AUDIT_CHECKPOINT_EMAILS:
        message = EmailMessage(
            subject=f"Audit trail checkpoint: event #{statement['sequence']}",
            body=(
                f"The audit trail ended at event #{statement['sequence']} (hash {statement['hash']}) "
                f"at {statement['created_at']}. Keep the attached signed file: "
                "`manage.py verify_audit --checkpoint FILE` checks the trail against it."
            ),
            to=settings.AUDIT_CHECKPOINT_EMAILS,
        )
        message.attach(Path(output).name, data, "application/json")
        message.send()
    AuditEvent.objects.record(
        action=AuditEvent.Action.SIGN,
        summary=f"audit checkpoint signed at event #{statement['sequence']}",
    )
    return Path(output), statement


def read_checkpoint(data):
    """The statement of a checkpoint file whose signature is valid and ours; CheckpointError otherwise."""
    try:
        body = json.loads(data)
        statement_text, signature = body["statement"], base64.b64decode(body["signature"], validate=True)
        statement = json.loads(statement_text)
        sequence, hash_ = statement["sequence"], statement["hash"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise CheckpointError("the file is not an audit checkpoint (unreadable JSON or fields)") from None
    if statement.get("format") != FORMAT or not isinstance(sequence, int) or not isinstance(hash_, str):
        raise CheckpointError("the file is not an audit checkpoint (unknown format)")
    if not _signed_by_us(statement_text.encode(), signature):
        raise CheckpointError(
            "its signature is not valid: the file was changed, or it was not signed with this "
            "organization's signing certificate (SIGNING_PKCS12_PATH)"
        )
    return statement


def _signed_by_us(data, signature):
    ours = signing_certificate()
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        context = ValidationContext(trust_roots=[ours], allow_fetching=False)
        validation = async_validate_detached_cms(data, signed_data, signer_validation_context=context)
        status = asyncio.run(validation)
    except Exception:  # any malformed CMS structure (asn1crypto and pyHanko raise many kinds)
        return False
    signer = status.signing_cert
    return bool(status.intact and status.valid and signer is not None and signer.dump() == ours.dump())


def check_trail(statement):
    """None if the trail still holds the checkpoint's event with its hash, else what is wrong."""
    sequence, hash_ = statement["sequence"], statement["hash"]
    if sequence == 0:
        return None
    event = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()
    if event is None:
        last = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        if last < sequence:
            return (
                f"the trail was truncated: it ends at event #{last}, but on {statement['created_at']} "
                f"it reached event #{sequence}"
            )
        return f"event #{sequence}, the head on {statement['created_at']}, is missing"
    if event != hash_:
        return (
            f"event #{sequence} is not the one signed on {statement['created_at']} "
            "(its hash differs: the trail was rewritten)"
        )
    return None
