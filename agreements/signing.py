"""Electronic signature of an approved agreement: send it to both parties' representatives, revoke or resend a
link, record a signature with its evidence, and execute the agreement once both parties have signed (the
executed PDF and its certificate of completion). Keyword-only, atomic, audited.

A signing link carries a token (`secrets.token_urlsafe(32)`) that is stored only as its SHA-256; the token
itself exists only in the email sent to the signer."""

import base64
import binascii
import hashlib
import io
import re
import secrets
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from power_campaign import uploads
from power_campaign.accounts.access import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.deadlines import add_months
from power_campaign.documents.api import Access, create_document, reference_of
from power_campaign.transitions import transition

from . import seed_text
from .documents import EXECUTED_AGREEMENT, SIGNATURE_CERTIFICATE
from .models import Agreement, SignatureEvent, SignatureRequest

LINK_DAYS = 14  # the expiry offered by default
DOWNLOAD_DAYS = 30  # signers may download the executed agreement by their link this long after execution
MAX_SIGNATURE_BYTES = 500_000  # a drawn signature, as PNG
SIGNATURE_MAX_SIDE = 1200
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
PARTIES = (SignatureRequest.Party.UNION, SignatureRequest.Party.EMPLOYER)
SIGNABLE = (Agreement.Status.OUT_FOR_SIGNATURE, Agreement.Status.PARTIALLY_SIGNED)

CONSENT = gettext_lazy(
    "I agree to sign this agreement electronically. I understand that my electronic signature is as binding "
    "as my handwritten signature, that I may ask for a paper copy to sign instead, and that the time, my IP "
    "address and my browser are recorded with my signature."
)

# Why a link cannot be used, in generic terms (nothing about the agreement).
PROBLEMS = {
    "unknown": gettext_lazy("The link is not valid. Check that you copied the whole link from the email."),
    "expired": gettext_lazy("The link has expired."),
    "revoked": gettext_lazy("The link was cancelled by the sender."),
    "used": gettext_lazy("The link was already used to sign."),
    "superseded": gettext_lazy("The document changed after the link was sent."),
}


class SigningError(ValidationError):
    """A refused signature action, with a message in the user's language; nothing was saved."""


class LinkUnusable(Exception):
    """A signing link that cannot be used; `reason` is a key of PROBLEMS."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    """(token, its SHA-256): the token goes in the email, only the hash is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def find_request(token):
    """The signature request whose link carries `token`, or None (a malformed token is not looked up)."""
    if not TOKEN.fullmatch(token or ""):
        return None
    return (
        SignatureRequest.objects.select_related("agreement__worksite__organization", "version")
        .filter(token_hash=hash_token(token))
        .first()
    )


def is_current(signature_request):
    """Whether the request is for the approved version, still the latest, and out for signature."""
    agreement = signature_request.agreement
    latest = agreement.versions.order_by("-number").values_list("pk", flat=True).first()
    return (
        agreement.status in SIGNABLE
        and agreement.approved_version_id == signature_request.version_id
        and latest == signature_request.version_id
    )


def link_problem(signature_request, now):
    """Why the link cannot be used to sign (a key of PROBLEMS), or None."""
    if signature_request is None:
        return "unknown"
    if signature_request.signed_at:
        return "used"
    if signature_request.revoked_at:
        return "revoked"
    if not is_current(signature_request):
        return "superseded"
    if signature_request.expires_at <= now:
        return "expired"
    return None


def _require_admin(agreement, user):
    if user.role_in(agreement.organization) != Role.ADMIN:
        raise PermissionDenied


def _client(request):
    if request is None:
        return None, ""
    return get_client_ip_address(request) or None, request.headers.get("User-Agent", "")[:500]


def _event(signature_request, kind, request, at=None):
    ip_address, user_agent = _client(request)
    return SignatureEvent.objects.create(
        request=signature_request,
        kind=kind,
        at=at or timezone.now(),
        ip_address=ip_address,
        user_agent=user_agent,
    )


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def _email(template, *, to, language, context):
    with translation.override(language):
        subject = render_to_string(f"agreements/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"agreements/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


def _send_link(signature_request, token, request):
    agreement = signature_request.agreement
    _email(
        "signature_request",
        to=signature_request.signer_email,
        language=agreement.language,
        context={
            "signature_request": signature_request,
            "agreement": agreement,
            "employer": agreement.values.get("employer") or agreement.worksite.employer_name,
            "organization": agreement.organization.name,
            "party": signature_request.party_name,
            "url": _absolute(request, reverse("agreements:sign", args=[token])),
        },
    )


def sendable(agreement):
    """Whether the agreement's approved version may go out for signature: approved (or already out), and
    not edited since."""
    latest = agreement.latest_version()
    return (
        agreement.status in (Agreement.Status.APPROVED, *SIGNABLE)
        and agreement.approved_version_id is not None
        and latest is not None
        and agreement.approved_version_id == latest.pk
    )


def parties_to_send(agreement):
    """The parties with no live (sent and not revoked) request for the approved version, in order."""
    if agreement.approved_version_id is None:
        return list(PARTIES)
    live = set(
        agreement.signature_requests.filter(
            version_id=agreement.approved_version_id, revoked_at__isnull=True
        ).values_list("party", flat=True)
    )
    return [party for party in PARTIES if party not in live]


@transaction.atomic
def send_for_signature(*, agreement, signers, expires_at, user, request=None):
    """Email each party's representative a signing link for the approved version. `signers` maps each party
    without a live request (parties_to_send) to {"name", "title", "email"}. Moves an approved agreement out
    for signature."""
    agreement = (
        Agreement.objects.select_for_update().select_related("worksite__organization").get(pk=agreement.pk)
    )
    _require_admin(agreement, user)
    if not sendable(agreement):
        raise SigningError(
            _("Only an approved agreement, unchanged since its approval, can be sent for signature.")
        )
    missing = parties_to_send(agreement)
    if not missing or set(signers) != set(missing):
        raise SigningError(
            _("Both parties already have a signing link: revoke one to send it to someone else.")
        )
    now = timezone.now()
    if expires_at <= now:
        raise SigningError(_("Choose an expiry date in the future."))
    live = agreement.signature_requests.filter(
        version_id=agreement.approved_version_id, revoked_at__isnull=True
    ).values_list("signer_email", flat=True)
    emails = [email.strip().casefold() for email in [*live, *(each["email"] for each in signers.values())]]
    if len(set(emails)) < len(emails):  # one person cannot sign for both parties
        raise SigningError(
            _("Each party signs through its own representative: give the two signers different emails.")
        )
    created = []
    for party in missing:
        signer = signers[party]
        token, digest = new_token()
        signature_request = SignatureRequest.objects.create(
            agreement=agreement,
            version=agreement.approved_version,
            party=party,
            signer_name=signer["name"],
            signer_title=signer["title"],
            signer_email=signer["email"],
            token_hash=digest,
            expires_at=expires_at,
            sent_at=now,
            created_by=user,
        )
        _event(signature_request, SignatureEvent.Kind.SENT, request, at=now)
        AuditEvent.objects.record(
            action=AuditEvent.Action.CREATE,
            request=request,
            actor=user,
            obj=signature_request,
            summary=f"signature request sent to the {party} signer for version "
            f"{agreement.approved_version.number}, expires {timezone.localdate(expires_at).isoformat()}",
        )
        _send_link(signature_request, token, request)
        created.append(signature_request)
    if agreement.status == Agreement.Status.APPROVED:
        transition(agreement, Agreement.Status.OUT_FOR_SIGNATURE, user=user, request=request)
    return created


def _locked_outstanding(signature_request, user):
    locked = (
        SignatureRequest.objects.select_for_update()
        .select_related("agreement__worksite__organization")
        .get(pk=signature_request.pk)
    )
    _require_admin(locked.agreement, user)
    if locked.signed_at or locked.revoked_at:
        raise SigningError(_("This request is already signed or revoked."))
    return locked


@transaction.atomic
def revoke_request(*, signature_request, user, request=None):
    """Cancel an unsigned request: its link stops working at once."""
    locked = _locked_outstanding(signature_request, user)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    _event(locked, SignatureEvent.Kind.REVOKED, request, at=locked.revoked_at)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=locked,
        summary=f"signature request of the {locked.party} signer revoked",
    )
    return locked


@transaction.atomic
def resend_request(*, signature_request, user, request=None):
    """Email the signer a new link (the old one stops working), valid as long as the first one was."""
    locked = _locked_outstanding(signature_request, user)
    if not is_current(locked):
        raise SigningError(
            _("The agreement changed after this request was sent: it can no longer be signed.")
        )
    now = timezone.now()
    lifetime = max(locked.expires_at - locked.sent_at, timedelta(days=1))
    token, locked.token_hash = new_token()
    locked.sent_at, locked.expires_at = now, now + lifetime
    locked.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _event(locked, SignatureEvent.Kind.RESENT, request, at=now)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=locked,
        summary=f"signature request of the {locked.party} signer sent again with a new link, "
        f"expires {timezone.localdate(locked.expires_at).isoformat()}",
    )
    _send_link(locked, token, request)
    return locked


@transaction.atomic
def record_view(*, signature_request, request):
    """The signer opened the signing page."""
    now = timezone.now()
    SignatureRequest.objects.filter(pk=signature_request.pk, viewed_at__isnull=True).update(viewed_at=now)
    _event(signature_request, SignatureEvent.Kind.VIEWED, request, at=now)
    AuditEvent.objects.record(
        action=AuditEvent.Action.VIEW,
        request=request,
        obj=signature_request,
        summary=f"signing page opened by the {signature_request.party} signer",
    )


def signature_png(data_url):
    """The PNG of a drawn signature sent by the page as a data URL: checked, pixels only, on white, at most
    SIGNATURE_MAX_SIDE a side. SigningError if it is not a PNG, too large, damaged or blank."""
    prefix = "data:image/png;base64,"
    if not data_url:
        raise SigningError(_("Draw your signature in the box."), code="signature")
    if not data_url.startswith(prefix) or len(data_url) > MAX_SIGNATURE_BYTES * 4 // 3 + len(prefix) + 4:
        raise SigningError(_("The drawn signature could not be read: draw it again."), code="signature")
    try:
        data = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise SigningError(
            _("The drawn signature could not be read: draw it again."), code="signature"
        ) from None
    found = uploads.sniff(data[: uploads.HEAD_SIZE])
    if found is None or found.content_type != "image/png":
        raise SigningError(_("The drawn signature could not be read: draw it again."), code="signature")
    try:
        image = uploads.clean_image(data, "signature.png", max_side=SIGNATURE_MAX_SIDE)
    except uploads.UploadError:
        raise SigningError(
            _("The drawn signature could not be read: draw it again."), code="signature"
        ) from None
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    if flat.convert("L").point(lambda value: 255 if value < 200 else 0).getbbox() is None:
        raise SigningError(_("Draw your signature in the box."), code="signature")
    out = io.BytesIO()
    flat.save(out, format="PNG", optimize=True)
    return out.getvalue()


TYPED_NOT_NAME = gettext_lazy("Type your signature as your full name, as you wrote it above.")


def typed_as_named(typed, name):
    """A typed signature is the signer's full name (letter case and spaces aside): a typed "signature"
    in another name would put someone else's name over the signer's."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


def sign(*, token, kind, name, title, consent_text, png=b"", typed="", request=None):
    """Record the signature of the request whose link carries `token`. Signs once: a second submission (even
    at the same moment) raises LinkUnusable("used"). After the first party: partially signed; after both:
    active and executed. Raises LinkUnusable for a link that cannot be used, SigningError for bad input."""
    if kind == SignatureRequest.Kind.DRAWN and not png:
        raise SigningError(_("Draw your signature in the box."), code="signature")
    if kind == SignatureRequest.Kind.DRAWN and not png.startswith(b"\x89PNG\r\n\x1a\n"):  # see signature_png
        raise SigningError(_("The drawn signature could not be read: draw it again."), code="signature")
    if kind == SignatureRequest.Kind.TYPED and not typed.strip():
        raise SigningError(_("Type your signature."), code="signature")
    if kind not in SignatureRequest.Kind.values or not name.strip() or not title.strip():
        raise SigningError(_("Give your name, your title and your signature."), code="signature")
    if kind == SignatureRequest.Kind.TYPED and not typed_as_named(typed, name):
        raise SigningError(TYPED_NOT_NAME, code="signature")
    with transaction.atomic():
        found = find_request(token)
        if found is None:
            raise LinkUnusable("unknown")
        # The agreement first, then the request: both parties signing at once wait for each other here.
        agreement = (
            Agreement.objects.select_for_update()
            .select_related("worksite__organization")
            .get(pk=found.agreement_id)
        )
        signature_request = SignatureRequest.objects.select_for_update().get(pk=found.pk)
        signature_request.agreement = agreement
        now = timezone.now()
        problem = link_problem(signature_request, now)
        if problem:
            raise LinkUnusable(problem)
        ip_address, user_agent = _client(request)
        evidence = {
            "signed_at": now,
            "signature_kind": kind,
            "signature_png": png if kind == SignatureRequest.Kind.DRAWN else b"",
            "typed_signature": typed.strip() if kind == SignatureRequest.Kind.TYPED else "",
            "signed_name": name.strip(),
            "signed_title": title.strip(),
            "consent_text": str(consent_text),
            "ip_address": ip_address,
            "user_agent": user_agent,
            "version_sha256": signature_request.version.sha256,
        }
        updated = SignatureRequest.objects.filter(
            pk=signature_request.pk, signed_at__isnull=True, revoked_at__isnull=True
        ).update(**evidence)
        if not updated:
            raise LinkUnusable("used")
        for field, value in evidence.items():
            setattr(signature_request, field, value)
        _event(signature_request, SignatureEvent.Kind.SIGNED, request, at=now)
        AuditEvent.objects.record(
            action=AuditEvent.Action.SIGN,
            request=request,
            obj=signature_request,
            summary=f"agreement signed by the {signature_request.party} signer ({kind}) on version "
            f"{signature_request.version.number} ({signature_request.version_sha256})",
        )
        signed = set(
            agreement.signature_requests.filter(
                version_id=signature_request.version_id, revoked_at__isnull=True, signed_at__isnull=False
            ).values_list("party", flat=True)
        )
        if signed >= set(PARTIES):
            execute(agreement=agreement, request=request)
        elif agreement.status == Agreement.Status.OUT_FOR_SIGNATURE:
            transition(agreement, Agreement.Status.PARTIALLY_SIGNED, user=None, request=request)
    return signature_request


def signers_of(agreement):
    """The signed requests of the approved version, union first."""
    signed = agreement.signature_requests.filter(
        version_id=agreement.approved_version_id, revoked_at__isnull=True, signed_at__isnull=False
    )
    return sorted(signed, key=lambda r: PARTIES.index(r.party))


def _term_months(agreement):
    term = str(agreement.values.get("term_months", "")).strip()
    return int(term) if term.isdigit() and int(term) > 0 else None


def continues_after_term(version):
    """Does the text say that the agreement goes on after its term until a party gives notice (the model
    text does, in both languages)? Then it has no day it ends by itself: it ends when it is terminated."""
    return any(
        phrase in section[f"body_{language}"]
        for section in version.sections
        for language, phrase in seed_text.CONTINUES_AFTER_TERM.items()
    )


def _sections(version, language):
    return [
        {"heading": section[f"heading_{language}"], "body": section[f"body_{language}"]}
        for section in version.sections
    ]


def execute(*, agreement, request=None):
    """Both parties have signed: print the executed agreement (text, signature blocks, certificate of
    completion) and the certificate alone, both signed documents; the agreement becomes active. Called by
    `sign` inside its transaction, the agreement's row locked."""
    version = agreement.approved_version
    signers = signers_of(agreement)
    events = list(
        SignatureEvent.objects.filter(request__version=version, request__agreement=agreement)
        .select_related("request")
        .order_by("at", "pk")
    )
    language = agreement.language
    executed_at = max(signer.signed_at for signer in signers)
    # The day the text says it takes effect, else the day both parties have signed, at the worksite (whose
    # calendar dates its incidents, and so which of them are breaches).
    effective_on = agreement.stated_effective_date or timezone.localdate(executed_at, agreement.worksite.zone)
    months = None if continues_after_term(version) else _term_months(agreement)
    # The term's last day: 24 months from March 1, 2027 run through February 28, 2029.
    expires_on = add_months(effective_on, months) - timedelta(days=1) if months else None
    context = {
        "agreement": agreement,
        "version": version,
        "sections": _sections(version, language),
        "signers": signers,
        "events": events,
        "completed_at": executed_at,
        "effective_on": effective_on,
        "expires_on": expires_on,
        "employer": agreement.values.get("employer") or agreement.worksite.employer_name,
        "union": agreement.values.get("union", ""),
        "verify_url": _absolute(request, reverse("verify")),
    }
    subject = reference_of(agreement)
    with translation.override(language):
        title = _("Executed neutrality agreement: %(employer)s") % {"employer": context["employer"]}
        certificate_title = _("Certificate of completion: %(employer)s") % {"employer": context["employer"]}
    common = {
        "organization": agreement.organization,
        "language": language,
        "user": None,
        "subject": subject,
        "long_term": True,  # PAdES B-LT: still validates after the certificates expire
    }
    executed = create_document(
        kind=EXECUTED_AGREEMENT,
        title=title,
        template="pdf/executed_agreement.html",
        context=context,
        access=Access.ORGANIZATION,
        images={f"{s.party}.png": bytes(s.signature_png) for s in signers if s.signature_kind == "drawn"},
        **common,
    )
    certificate = create_document(
        kind=SIGNATURE_CERTIFICATE,
        title=certificate_title,
        template="pdf/signature_certificate.html",
        context={**context, "executed": executed},
        access=Access.ORGANIZATION,
        **common,
    )
    agreement.executed_at = executed_at
    agreement.effective_on = effective_on
    agreement.expires_on = expires_on
    agreement.executed_document = executed
    agreement.certificate_document = certificate
    agreement.save(
        update_fields=[
            "executed_at",
            "effective_on",
            "expires_on",
            "executed_document",
            "certificate_document",
            "updated_at",
        ]
    )
    transition(agreement, Agreement.Status.ACTIVE, user=None, request=request)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        obj=agreement,
        summary=f"agreement executed, effective {effective_on.isoformat()}; "
        f"executed document {executed.uuid} (sha256 {executed.sha256}), "
        f"certificate {certificate.uuid} (sha256 {certificate.sha256})",
    )
    for signer in signers:
        token, signer.download_token_hash = new_token()
        signer.save(update_fields=["download_token_hash"])
        _email(
            "executed",
            to=signer.signer_email,
            language=language,
            context={
                "signature_request": signer,
                "employer": context["employer"],
                "organization": agreement.organization.name,
                "effective_on": effective_on,
                "url": _absolute(request, reverse("agreements:signer_executed_pdf", args=[token])),
                "days": DOWNLOAD_DAYS,
            },
        )
    return executed


def find_signer_for_download(token):
    """The signed request whose signing link or download link carries `token`, while its executed agreement
    may still be downloaded that way (DOWNLOAD_DAYS after execution), else None."""
    if not TOKEN.fullmatch(token or ""):
        return None
    digest = hash_token(token)
    found = (
        SignatureRequest.objects.select_related(
            "agreement__executed_document", "agreement__worksite__organization"
        )
        .filter(
            Q(token_hash=digest) | Q(download_token_hash=digest),
            signed_at__isnull=False,
            revoked_at__isnull=True,
        )
        .first()
    )
    if found is None or found.agreement.executed_document_id is None:
        return None
    if found.version_id != found.agreement.approved_version_id:
        return None
    if timezone.now() > found.agreement.executed_at + timedelta(days=DOWNLOAD_DAYS):
        return None
    return found


def download_until(agreement):
    return agreement.executed_at + timedelta(days=DOWNLOAD_DAYS) if agreement.executed_at else None


def signing_per_minute():
    return settings.SIGNING_LINKS_PER_MINUTE
