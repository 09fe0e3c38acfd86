"""Access rules of the documents URLs. The records here are legal-only: other roles of the same
organization are refused (403)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from power_campaign.documents.models import Document, Exhibit, Packet
from tests.matrix import GET, GET_POST, LEGAL_ONLY, POST, SIGNED_IN, Rule, uuid_of

RULES = {
    "documents:packet_list": Rule(GET_POST, roles=SIGNED_IN),
    "documents:download": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("document"), org_scoped=True),
    "documents:packet": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:exhibit_add": Rule(
        POST, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True, ok=frozenset({400})
    ),
    "documents:packet_generate": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:packet_status": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:packet_archive": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("packet"), org_scoped=True),
    "documents:exhibit_download": Rule(GET, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_remove": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_up": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    "documents:exhibit_down": Rule(POST, roles=LEGAL_ONLY, kwargs=uuid_of("exhibit"), org_scoped=True),
    # Adding a stored record to a packet is for legal staff, whoever may open the record.
    "documents:document_packet": Rule(
        GET_POST, roles=LEGAL_ONLY, kwargs=uuid_of("document"), org_scoped=True
    ),
}


def records(organization, owner):
    """A legal-only document, and a generated packet with one exhibit, created directly (no rendering)."""
    now = timezone.now()
    document = Document(
        organization=organization,
        kind="packet",
        title="t",
        subject=f"test:{organization.uuid}",
        version=1,
        language="en",
        access="legal",
        sha256="0" * 64,
        size=4,
        signed=False,
        created_by=owner,
        created_at=now,
    )
    document.file.save("d.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    packet = Packet(
        organization=organization,
        title="t",
        bates_prefix="AB",
        access="legal",
        language="en",
        created_by=owner,
        status="done",
        created_at=now,
        document=document,
        archive_sha256="0" * 64,
        page_count=1,
    )
    packet.archive.save("p.zip", ContentFile(b"PK"), save=False)
    packet.save()
    exhibit = Exhibit(
        packet=packet,
        position=1,
        description="d",
        original_name="a.pdf",
        file_type="application/pdf",
        sha256="0" * 64,
        size=4,
        page_count=1,
        uploaded_by=owner,
        uploaded_at=now,
    )
    exhibit.file.save("e", ContentFile(b"%PDF"), save=False)
    exhibit.save()
    return {"document": document, "packet": packet, "exhibit": exhibit}
