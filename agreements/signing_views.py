"""Electronic signature: administrators send an approved agreement for signature, revoke or resend a link;
signers sign on a public page reached by their link (no account); staff and signers download the executed
agreement."""

import functools

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from power_campaign import throttle
from power_campaign.accounts.models import Role
from power_campaign.documents.api import SigningNotConfigured, send_file

from . import signing
from .forms import SendForSignatureForm, SignForm
from .models import SignatureRequest
from .views import _agreement

# The public pages send no Referer (the token is in their address), so a browser sends "Origin: null" with
# their forms: the signing form is not CSRF-checked (the token in its address is the secret an attacker would
# need, and with it they could sign directly), and the language is chosen with a GET form.
PRIVATE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
}


@require_http_methods(["GET", "POST"])
def send_for_signature(request, uuid):
    agreement = _agreement(request, uuid, roles=[Role.ADMIN])
    if not signing.sendable(agreement) or not signing.parties_to_send(agreement):
        messages.error(
            request, _("Only an approved agreement, unchanged since its approval, can be sent for signature.")
        )
        return redirect(agreement)
    form = SendForSignatureForm(request.POST or None, parties=signing.parties_to_send(agreement))
    if form.is_valid():
        try:
            signing.send_for_signature(
                agreement=agreement,
                signers=form.signers(),
                expires_at=form.expires_at(),
                user=request.user,
                request=request,
            )
        except signing.SigningError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Signing links sent by email."))
            return redirect(agreement)
    return render(request, "agreements/send_for_signature.html", {"form": form, "agreement": agreement})


def _signature_request(request, uuid):
    return SignatureRequest.objects.select_related("agreement__worksite__organization").get_for_user(
        request.user, roles=[Role.ADMIN], uuid=uuid
    )


@require_POST
def signature_revoke(request, uuid):
    signature_request = _signature_request(request, uuid)
    try:
        signing.revoke_request(signature_request=signature_request, user=request.user, request=request)
    except signing.SigningError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The signing link was revoked."))
    return redirect(signature_request.agreement)


@require_POST
def signature_resend(request, uuid):
    signature_request = _signature_request(request, uuid)
    try:
        signing.resend_request(signature_request=signature_request, user=request.user, request=request)
    except signing.SigningError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("A new signing link was sent; the previous one no longer works."))
    return redirect(signature_request.agreement)


# The public pages of the signing link


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def public_page(view):
    """A page reached by a signing link: no account, the language chosen with ?language=, private headers."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request.GET.get("language")
        chosen = language in dict(settings.LANGUAGES)
        if chosen:
            request.LANGUAGE_CODE = language
        with translation.override(language if chosen else translation.get_language()):
            response = _private(view(request, *args, **kwargs))
        if chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return login_not_required(wrapper)


def _address(request):
    return get_client_ip_address(request) or "unknown"


def _limited(request):
    return not throttle.allow("signing", f"address:{_address(request)}", signing.signing_per_minute())


def _unusable(request, reason, status=None):
    status = status or (404 if reason == "unknown" else 410)
    context = {"reason": signing.PROBLEMS.get(reason, ""), "limited": reason == "limited"}
    if reason == "limited":
        context["per_minute"] = settings.SIGNING_LINKS_PER_MINUTE
    return render(request, "agreements/sign_unusable.html", context, status=status)


@csrf_exempt
@public_page
@require_http_methods(["GET", "POST"])
def sign(request, token):
    if _limited(request):
        return _unusable(request, "limited", status=429)
    signature_request = signing.find_request(token)
    problem = signing.link_problem(signature_request, timezone.now())
    if problem:
        return _unusable(request, problem)
    agreement = signature_request.agreement
    if request.method == "POST":
        form = SignForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                signing.sign(
                    token=token,
                    kind=data["signature_kind"],
                    png=data.get("png", b""),
                    typed=data["typed_signature"],
                    name=data["signed_name"],
                    title=data["signed_title"],
                    consent_text=form.fields["consent"].label,
                    request=request,
                )
            except signing.LinkUnusable as error:
                return _unusable(request, error.reason)
            except signing.SigningError as error:
                form.add_error(None, error)
            except SigningNotConfigured:
                return render(request, "agreements/sign_unavailable.html", status=503)
            else:
                return redirect("agreements:sign_done", token=token)
    else:
        form = SignForm(
            initial={
                "signed_name": signature_request.signer_name,
                "signed_title": signature_request.signer_title,
            }
        )
        signing.record_view(signature_request=signature_request, request=request)
    version = signature_request.version
    context = {
        "form": form,
        "signature_request": signature_request,
        "agreement": agreement,
        "sections": signing._sections(version, agreement.language),
        "version": version,
        "text_language": agreement.language,
    }
    status = 400 if form.is_bound else 200
    return render(request, "agreements/sign.html", context, status=status)


@public_page
@require_GET
def sign_done(request, token):
    if _limited(request):
        return _unusable(request, "limited", status=429)
    signature_request = signing.find_request(token)
    if signature_request is None or not signature_request.signed_at:
        return _unusable(request, "unknown")
    download = signing.find_signer_for_download(token)
    context = {
        "signature_request": signature_request,
        "download_url": download and token,
        "download_until": signing.download_until(signature_request.agreement) if download else None,
    }
    return render(request, "agreements/sign_done.html", context)


@public_page
@require_GET
def signer_executed_pdf(request, token):
    if _limited(request):
        return _unusable(request, "limited", status=429)
    signer = signing.find_signer_for_download(token)
    if signer is None:
        return _unusable(request, "unknown")
    document = signer.agreement.executed_document
    return send_file(
        request,
        file=document.file,
        filename=f"executed-agreement-{str(signer.agreement.uuid)[:8]}.pdf",
        content_type="application/pdf",
        obj=document,
        summary=f"executed agreement downloaded by the {signer.party} signer through their link",
    )
