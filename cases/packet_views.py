"""Evidence into exhibit packets ("Add to packet", legal staff only).

The documents app does the work (power_campaign.documents.api): this view checks access to the record
and names the packet's subject, the worksite. A printed chronology is a generated document: the documents
app's own "Add to packet" page takes it (documents:document_packet)."""

from django.views.decorators.http import require_http_methods

from power_campaign.accounts.models import Role
from power_campaign.documents.api import add_to_packet_view, reference_of

from .models import Evidence


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
