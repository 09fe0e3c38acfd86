"""Pages for packets: the client's declaration, the victim information sheet, the certification request
packet for one agency (completeness check, then export), and the USCIS filing checklist."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from power_campaign.accounts.models import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.documents import api

from . import packets, services
from .forms import DeclarationForm, VictimInformationForm
from .models import CertificationRequest, ClientCase, Declaration
from .views import _case, _posted


def _legal_case(request, uuid):
    case = ClientCase.objects.select_related("organization").get_for_user(
        request.user, roles=[Role.LEGAL], uuid=uuid
    )
    if request.method == "GET":
        AuditEvent.objects.record(
            action=AuditEvent.Action.VIEW_SENSITIVE,
            request=request,
            obj=case,
            summary=request.resolver_match.url_name,
        )
    return case


@require_http_methods(["GET", "POST"])
def declaration(request, uuid):
    case = _case(request, uuid)
    instance = Declaration.objects.filter(case=case).first()
    if instance is None:
        language = case.other_language or case.get_preferred_language_display()
        instance = Declaration(case=case, language=language)
    form = DeclarationForm(_posted(request), instance=copy.copy(instance))
    if form.is_valid():
        packets.save_declaration(case=case, user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Declaration saved."))
        return redirect("uvisa:declaration", uuid=case.uuid)
    context = {"case": case, "form": form, "title": _("Declaration"), "missing": instance.missing()}
    return render(request, "uvisa/declaration.html", context)


@require_http_methods(["GET", "POST"])
def victim_information(request, uuid):
    case = _case(request, uuid)
    form = VictimInformationForm(_posted(request), instance=copy.copy(case))
    if form.is_valid():
        fields, answers = form.split()
        packets.save_victim_information(
            case=case, answers=answers, user=request.user, request=request, **fields
        )
        messages.success(request, _("Victim information saved."))
        return redirect("uvisa:victim_information", uuid=case.uuid)
    context = {
        "case": case,
        "form": form,
        "title": _("Victim information (Form I-918 Supplement B, Part 1)"),
        "missing": case.part1_missing(),
    }
    return render(request, "uvisa/victim_information.html", context)


@require_http_methods(["GET", "POST"])
def request_packet(request, uuid):
    """The certification request packet for one agency: what is still missing (with links to fix it),
    the export (refused until complete), and the packets exported so far. Legal staff only."""
    cert_request = CertificationRequest.objects.select_related("case__organization", "agency").get_for_user(
        request.user, roles=[Role.LEGAL], uuid=uuid
    )
    case = cert_request.case
    if request.method == "POST":
        try:
            packet = packets.export_request_packet(
                cert_request=cert_request, user=request.user, request=request
            )
        except (services.CaseError, api.ExhibitError, api.SigningNotConfigured) as error:
            messages.error(request, error.messages[0] if hasattr(error, "messages") else str(error))
            return redirect("uvisa:request_packet", uuid=cert_request.uuid)
        messages.success(request, _("The packet is being generated."))
        return redirect(packet)
    AuditEvent.objects.record(
        action=AuditEvent.Action.VIEW_SENSITIVE, request=request, obj=case, summary="request_packet"
    )
    included, left_out = packets.evidence_for_packet(case)
    context = {
        "case": case,
        "cert_request": cert_request,
        "problems": packets.completeness(cert_request),
        "evidence": included,
        "left_out": left_out,
        "packets": packets.packets_for(cert_request, request.user).select_related("document"),
    }
    return render(request, "uvisa/request_packet.html", context)


@require_http_methods(["GET", "POST"])
def filing_checklist(request, uuid):
    """The USCIS filing checklist: each required item present or missing; POST generates the PDF."""
    case = _legal_case(request, uuid)
    if request.method == "POST":
        try:
            document = packets.generate_filing_checklist(case=case, user=request.user, request=request)
        except api.SigningNotConfigured as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Checklist generated (version %(version)s).") % {"version": document.version}
            )
        return redirect("uvisa:filing_checklist", uuid=case.uuid)
    context = {
        "case": case,
        "items": packets.filing_checklist(case, timezone.localdate()),
        "documents": api.Document.objects.for_user(request.user)
        .filter(kind="uvisa_filing_checklist", subject=api.reference_of(case))
        .order_by("-version"),
    }
    return render(request, "uvisa/filing_checklist.html", context)
