"""Evidence and printed chronologies into exhibit packets ("Add to packet", legal staff only).

The documents app does the work (power_campaign.documents.api): these views check access to the record
and name the packet's subject, the worksite."""

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from power_campaign.accounts.models import Role
from power_campaign.documents.api import Document, add_to_packet_view, reference_of

from .documents import CHRONOLOGY
from .models import Evidence, Worksite


@require_http_methods(["GET", "POST"])
def evidence_to_packet(request, uuid):
    evidence = Evidence.objects.select_related(
        "incident__worksite__organization", "uploaded_by"
    ).get_for_user(request.user, roles=[Role.LEGAL], uuid=uuid)
    incident = evidence.incident
    from_incident = request.GET.get("from") == "incident"
    return add_to_packet_view(
        request,
        record=evidence,
        organization=incident.worksite.organization,
        subject=reference_of(incident.worksite),
        back_url=(incident if from_incident else evidence).get_absolute_url(),
        photo=evidence.kind == Evidence.Kind.PHOTO,
    )


@require_http_methods(["GET", "POST"])
def chronology_to_packet(request, uuid):
    document = Document.objects.select_related("organization", "created_by").get_for_user(
        request.user, roles=[Role.LEGAL], uuid=uuid, kind=CHRONOLOGY
    )
    worksite_uuid = document.subject.partition(":")[2]
    worksite = Worksite.objects.get_for_user(request.user, roles=[Role.LEGAL], uuid=worksite_uuid)
    return add_to_packet_view(
        request,
        record=document,
        organization=document.organization,
        subject=reference_of(worksite),
        back_url=reverse("cases:chronology", args=[worksite.uuid]),
    )
