"""The documents' public API: what a domain app imports, and only from here.

Generated documents
    create_document(*, organization, kind, title, template, context, language, user, subject="", access,
                    sign=True, confidentiality="", long_term=False, images=None) -> Document
        signed with a trusted timestamp when SIGNING_TSA_URL is set (PAdES B-T); `long_term` also embeds
        the validation data (PAdES B-LT) so that it still validates after the certificates expire;
        images: {name: PNG bytes} (checked by the caller) that the template shows as <img src="images/name">
    store_document(*, organization, kind, title, pdf, signed, language, user, subject="", access,
                   long_term=False) -> Document
        `long_term`: refuses (ValueError) a PDF that is not signed with its validation data embedded
    SigningNotConfigured: raised by create_document(sign=True) when no signing certificate is set up;
        its subclass SigningFailed when the signature cannot be made as configured (the timestamp
        authority does not answer, validation data cannot be gathered). Its message says why. Nothing
        is stored.
    Document kinds: declared by the app that makes them, in `<app>/documents.py`:
        KINDS = {"chronology": _("Retaliation chronology")}
    document_kinds() -> {code: label};  kind_label(code) -> label

Exhibit packets
    create_packet(*, organization, title, bates_prefix, access, language, user, subject="",
                  confidentiality="", preface=None, request=None)
        `confidentiality`: the marking printed on every page of the packet, exhibits included (else a
        legal-only packet carries the default "Confidential: legal staff only"); `preface`: a stored
        document of the organization placed first, before the cover and the index (a cover letter)
    add_exhibit(*, packet, upload, description, user, request=None)               an uploaded file
    add_exhibit_from_record(*, packet, record, user, description="", with_location=False, request=None)
        a stored record implementing `exhibit_source(with_location=False) -> ExhibitSource`
    remove_exhibit(*, exhibit, user, request=None);  move_exhibit(*, exhibit, user, up, request=None)
    queue_packet(*, packet, user, request=None)                                   generate in the background
    ExhibitError: a file or record that cannot be an exhibit; its message names it, in the user's language.
    add_to_packet_view(request, *, record, organization, subject, back_url, photo=False): the
        "Add to packet" page (GET: choose a draft packet or start one; POST: add), after the access check.

Records and files
    reference_of(record) -> 'app_label.model_name:uuid';  resolve_reference(reference, user)
    send_file(request, *, file, filename, content_type, obj, inline=False, original=False, summary=None):
        an audited download ("view" when inline; `original`: an original kept for custody, marked)
    Access: who in the organization may open a document or packet.
"""

from .downloads import send_file
from .kinds import document_kinds, kind_label
from .models import Access, Document, Exhibit, Packet
from .packets import ExhibitError
from .services import (
    add_exhibit,
    add_exhibit_from_record,
    create_document,
    create_packet,
    move_exhibit,
    queue_packet,
    remove_exhibit,
    store_document,
)
from .signing import SigningFailed, SigningNotConfigured
from .sources import ExhibitSource, reference_of, resolve_reference


def add_to_packet_view(request, *, record, organization, subject, back_url, photo=False):
    """The "Add to packet" page of a record: call it from a view that has checked the user's access."""
    from .views import add_to_packet

    return add_to_packet(
        request, record=record, organization=organization, subject=subject, back_url=back_url, photo=photo
    )


__all__ = [
    "Access",
    "Document",
    "Exhibit",
    "ExhibitError",
    "ExhibitSource",
    "Packet",
    "SigningFailed",
    "SigningNotConfigured",
    "add_exhibit",
    "add_exhibit_from_record",
    "add_to_packet_view",
    "create_document",
    "create_packet",
    "document_kinds",
    "kind_label",
    "move_exhibit",
    "queue_packet",
    "reference_of",
    "remove_exhibit",
    "resolve_reference",
    "send_file",
    "store_document",
]
