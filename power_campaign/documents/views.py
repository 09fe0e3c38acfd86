from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from power_campaign import throttle
from power_campaign.accounts.models import Role

from . import services
from .downloads import send_file
from .forms import AddToPacketForm, ExhibitForm, PacketForm, VerifyForm
from .models import Access, Document, Exhibit, Packet
from .packets import ExhibitError, exhibit_label
from .sources import resolve_reference


@require_GET
def download(request, uuid):
    document = Document.objects.get_for_user(request.user, uuid=uuid)
    return send_file(
        request,
        file=document.file,
        filename=document.download_name(),
        content_type="application/pdf",
        obj=document,
    )


@require_http_methods(["GET", "POST"])
def packet_list(request):
    form = PacketForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        packet = services.create_packet(
            organization=form.cleaned_data["organization"],
            title=form.cleaned_data["title"],
            bates_prefix=form.cleaned_data["bates_prefix"],
            access=form.cleaned_data["access"],
            language=form.cleaned_data["language"],
            user=request.user,
            request=request,
        )
        return redirect(packet)
    packets = Packet.objects.for_user(request.user).select_related("organization")
    return render(request, "documents/packet_list.html", {"form": form, "packets": packets})


@require_http_methods(["GET", "POST"])
def document_to_packet(request, uuid):
    """ "Add to packet" for a generated document (a chronology, an executed agreement...): legal staff."""
    document = Document.objects.select_related("organization", "created_by").get_for_user(
        request.user, roles=[Role.LEGAL], uuid=uuid
    )
    subject = resolve_reference(document.subject, request.user) if document.subject else None
    back_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back_url, {request.get_host()}, request.is_secure()):
        back_url = subject.get_absolute_url() if subject else reverse("documents:packet_list")
    return add_to_packet(
        request,
        record=document,
        organization=document.organization,
        subject=document.subject,
        back_url=back_url,
    )


def _packet_page(request, packet, form, status=200):
    """The packet page: its subject, its exhibits with the letters the PDF gives them, the upload form."""
    exhibits = packet.exhibits.select_related("uploaded_by")
    context = {
        "packet": packet,
        "exhibits": [(exhibit_label(index), exhibit) for index, exhibit in enumerate(exhibits)],
        "subject": resolve_reference(packet.subject, request.user) if packet.subject else None,
        "form": form,
    }
    return render(request, "documents/packet_detail.html", context, status=status)


@require_GET
def packet_detail(request, uuid):
    packet = Packet.objects.select_related("organization", "document", "preface").get_for_user(
        request.user, uuid=uuid
    )
    return _packet_page(request, packet, ExhibitForm())


@require_POST
def exhibit_add(request, uuid):
    packet = Packet.objects.get_for_user(request.user, uuid=uuid)
    form = ExhibitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_exhibit(
                packet=packet,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                user=request.user,
                request=request,
            )
        except ExhibitError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Exhibit added."))
            return redirect(packet)
    return _packet_page(request, packet, form, status=400)


def _exhibit(request, uuid):
    return Exhibit.objects.select_related("packet__organization").get_for_user(request.user, uuid=uuid)


@require_POST
def exhibit_remove(request, uuid):
    exhibit = _exhibit(request, uuid)
    try:
        services.remove_exhibit(exhibit=exhibit, user=request.user, request=request)
    except ExhibitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Exhibit removed: %(name)s.") % {"name": exhibit.original_name})
    return redirect(exhibit.packet)


@require_POST
def exhibit_move(request, uuid, up):
    exhibit = _exhibit(request, uuid)
    try:
        services.move_exhibit(exhibit=exhibit, user=request.user, up=up, request=request)
    except ExhibitError as error:
        messages.error(request, str(error))
    return redirect(exhibit.packet)


def add_to_packet(request, *, record, organization, subject, back_url, photo=False):
    """The "Add to packet" page of a record (a domain app's view calls this after its access check).

    GET shows the organization's draft packets and the fields of a new one; POST adds the record as an
    exhibit (starting the packet, about `subject`, if asked) and opens the packet. A refused record
    leaves nothing behind, not even the new packet."""
    form = AddToPacketForm(request.POST or None, user=request.user, organization=organization, photo=photo)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                packet = data["packet"] or services.create_packet(
                    organization=organization,
                    title=data["title"].strip(),
                    bates_prefix=data["bates_prefix"],
                    access=Access.LEGAL,
                    language=get_supported_language_variant(get_language()),
                    user=request.user,
                    subject=subject,
                    request=request,
                )
                exhibit = services.add_exhibit_from_record(
                    packet=packet,
                    record=record,
                    user=request.user,
                    description=data["description"],
                    with_location=data.get("with_location", False),
                    request=request,
                )
        except ExhibitError as error:
            form.add_error(None, str(error))
        else:
            letter = exhibit_label(packet.exhibits.filter(position__lt=exhibit.position).count())
            messages.success(
                request,
                _("Added to %(packet)s as exhibit %(letter)s.") % {"packet": packet.title, "letter": letter},
            )
            return redirect(packet)
    context = {"form": form, "record": record.exhibit_source(), "back_url": back_url}
    status = 400 if form.is_bound else 200
    return render(request, "documents/add_to_packet.html", context, status=status)


@require_POST
def packet_generate(request, uuid):
    packet = Packet.objects.get_for_user(request.user, uuid=uuid)
    try:
        services.queue_packet(packet=packet, user=request.user, request=request)
    except ExhibitError as error:
        messages.error(request, str(error))
    return redirect(packet)


@require_GET
def packet_status(request, uuid):
    """The status panel, polled by htmx while the packet is being generated."""
    packet = Packet.objects.select_related("document").get_for_user(request.user, uuid=uuid)
    return render(request, "documents/_packet_status.html", {"packet": packet})


@require_GET
def packet_archive(request, uuid):
    packet = Packet.objects.get_for_user(request.user, uuid=uuid, status=Packet.Status.DONE)
    filename = f"packet-{packet.bates_prefix}-{str(packet.uuid)[:8]}.zip"
    return send_file(
        request, file=packet.archive, filename=filename, content_type="application/zip", obj=packet
    )


@require_GET
def exhibit_download(request, uuid):
    exhibit = _exhibit(request, uuid)
    return send_file(
        request,
        file=exhibit.file,
        filename=exhibit.original_name,
        content_type=exhibit.file_type,
        obj=exhibit,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Public: does a PDF carry this organization's valid signature, and which record does it match?"""
    data = request.POST if request.method == "POST" else (request.GET if "sha256" in request.GET else None)
    form = VerifyForm(data, request.FILES or None)
    context = {
        "form": form,
        "result": None,
        "per_minute": _verifications_per_minute(request),
        "max_revisions": settings.VERIFY_MAX_REVISIONS,
    }
    if form.is_bound and not _verification_allowed(request, context["per_minute"]):
        context.update(form=VerifyForm(), limited=True)
        return render(request, "documents/verify.html", context, status=429)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("file")
        context["result"] = services.verify(
            data=upload.read() if upload else None,
            sha256=form.cleaned_data.get("sha256") or None,
            request=request,
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "documents/verify.html", context, status=status)


def _verifications_per_minute(request):
    # Signed-in users get a higher limit, counted per account: they are known, audited, and may check a
    # packet's documents one after another; anonymous visitors are counted per address.
    if request.user.is_authenticated:
        return settings.VERIFY_PER_MINUTE_SIGNED_IN
    return settings.VERIFY_PER_MINUTE_ANONYMOUS


def _verification_allowed(request, per_minute):
    if request.user.is_authenticated:
        key = f"user:{request.user.pk}"
    else:
        key = f"address:{get_client_ip_address(request) or 'unknown'}"
    return throttle.allow("verify", key, per_minute)
