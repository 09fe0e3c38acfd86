"""Exhibit packets: checking uploads, assembling the packet PDF with Bates numbers, the ZIP archive.

Everything here works on bytes and plain values; services.py stores the results.
"""

import datetime
import io
import json
import re
import string
import zipfile
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from power_campaign import spreadsheets, uploads

from .rendering import render_pdf
from .signing import signature_time

LETTER = (612, 792)  # points
MAX_PDF_PAGES = 1000
MAX_IMAGE_SIDE = 2400  # pixels kept in the packet copy (the original goes into the archive untouched)
EXHIBIT_TYPES = ("application/pdf", "image/jpeg", "image/png")


class ExhibitError(uploads.UploadError):
    """A file that cannot go into a packet; the message names the file."""


@dataclass(frozen=True)
class Inspected:
    file_type: str
    page_count: int


def inspect_upload(name, data):
    """Check that `data` is a readable PDF, JPEG or PNG; return its type and page count."""
    if not data:
        raise ExhibitError(_("%(name)s: the file is empty.") % {"name": name})
    sniffed = uploads.sniff(data[: uploads.HEAD_SIZE])
    file_type = sniffed.content_type if sniffed else None
    if file_type not in EXHIBIT_TYPES:
        if sniffed and sniffed.kind == uploads.ARCHIVE:
            message = _("%(name)s: archives are not accepted. Upload the PDF, JPEG or PNG files one by one.")
        elif name.lower().endswith(".pdf"):
            message = _("%(name)s: the name ends in .pdf but the file is not a PDF.")
        else:
            message = _("%(name)s: only PDF, JPEG and PNG files can be exhibits.")
        raise ExhibitError(message % {"name": name})
    if file_type == "application/pdf":
        return Inspected(file_type, _pdf_page_count(name, data))
    _check_image(name, data)
    return Inspected(file_type, 1)


def _pdf_page_count(name, data):
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ExhibitError(
                _("%(name)s: the PDF is password-protected. Remove the password and upload it again.")
                % {"name": name}
            )
        count = len(reader.pages)
        if count == 0:
            raise ExhibitError(_("%(name)s: the PDF has no pages.") % {"name": name})
        if count > MAX_PDF_PAGES:
            raise ExhibitError(
                _("%(name)s: the PDF has %(count)d pages; the limit is %(limit)d.")
                % {"name": name, "count": count, "limit": MAX_PDF_PAGES}
            )
        for page in reader.pages:  # decode every page now, so damage shows at upload, not later
            page.mediabox  # noqa: B018
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
    except ExhibitError:
        raise
    except LimitReachedError:
        raise ExhibitError(
            _("%(name)s: the PDF expands to an unsafe size when opened, so it was refused.") % {"name": name}
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise ExhibitError(_("%(name)s: the PDF is damaged or cannot be read.") % {"name": name}) from None
    return count


def _check_image(name, data):
    try:
        uploads.check_image(data, name)
    except uploads.UploadError as error:
        raise ExhibitError(str(error)) from None


def exhibit_label(index):
    """A, B, ... Z, AA, AB, ... for the exhibit at 0-based `index`."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def bates(prefix, number):
    return f"{prefix}-{number:06d}"


def _image_page(data, name="image"):
    """One Letter page with the image centred and scaled to fit inside 0.5-inch margins. The page holds
    the image's pixels only (upright, reduced): no EXIF, GPS, comment, XMP, IPTC or ICC block."""
    try:
        image = uploads.clean_image(data, name, max_side=MAX_IMAGE_SIDE)
    except uploads.UploadError as error:
        raise ExhibitError(str(error)) from None
    if image.mode == "RGBA":  # transparent areas print as paper, not black
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72.0)
    picture = PdfReader(buffer).pages[0]
    width, height = float(picture.mediabox.width), float(picture.mediabox.height)
    scale = min((LETTER[0] - 72) / width, (LETTER[1] - 72) / height)
    left = (LETTER[0] - width * scale) / 2
    bottom = (LETTER[1] - height * scale) / 2
    page = PageObject.create_blank_page(width=LETTER[0], height=LETTER[1])
    page.merge_transformed_page(picture, Transformation().scale(scale, scale).translate(left, bottom))
    return page


def _exhibit_pages(exhibit, data):
    if exhibit.file_type == "application/pdf":
        reader = PdfReader(io.BytesIO(data), strict=False)
        return list(reader.pages)
    return [_image_page(data, exhibit.original_name)]


def _pdf_text(text):
    """`text` as a PDF string literal in WinAnsi encoding (what the stamp's font uses)."""
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").decode("latin-1")


def confidentiality_marking(packet):
    """The marking on every page: the packet's own (`confidentiality`, as given), else for a legal-only
    packet the default one in the packet's language ("" for others)."""
    if packet.confidentiality:
        return packet.confidentiality
    if packet.access != "legal":
        return ""
    with translation.override(packet.language):
        return _("Confidential: legal staff only")


def _stamp_bates(writer, prefix, marking=""):
    """Write the Bates number in the lower right corner of every page, on a white box, and the
    confidentiality marking (if any) in the lower left corner of the same line."""
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for number, page in enumerate(writer.pages, start=1):
        if page.rotation:
            page.transfer_rotation_to_content()
        label = bates(prefix, number)
        box = page.cropbox
        size = 9
        width = 0.61 * size * len(label)
        x = float(box.right) - width - 24
        y = float(box.bottom) + 14
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject("/FBates")] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        stamp = (
            f"\nQ\nq 1 g {x - 3:.2f} {y - 3:.2f} {width + 6:.2f} {size + 5:.2f} re f Q\n"
            f"BT 0 g /FBates {size} Tf {x:.2f} {y:.2f} Td ({label}) Tj ET\n"
        )
        if marking:
            left = float(box.left) + 24
            marking_width = 0.61 * size * len(marking)
            stamp += (
                f"q 1 g {left - 3:.2f} {y - 3:.2f} {marking_width + 6:.2f} {size + 5:.2f} re f Q\n"
                f"BT 0.63 0.11 0.11 rg /FBates {size} Tf {left:.2f} {y:.2f} Td ({_pdf_text(marking)}) Tj ET\n"
            )
        after.set_data(stamp.encode("latin-1"))
        existing = page.get("/Contents")
        existing = existing.get_object() if existing is not None else ArrayObject()
        streams = list(existing) if isinstance(existing, ArrayObject) else [page["/Contents"]]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *streams, writer._add_object(after)]
        )


@dataclass
class Assembled:
    pdf: bytes
    page_count: int
    ranges: list  # per exhibit: (label, first_page, last_page)
    preface_pages: int = 0  # the preface's pages, first in the packet


def assemble(packet, exhibits, read, progress=lambda percent: None, preface=None):
    """The preface if there is one (`preface`: the bytes of packet.preface, a PDF), cover page, index, a
    separator page per exhibit, the exhibits, Bates numbers on every page.

    `read(exhibit)` returns the exhibit's stored bytes. Returns the unsigned PDF. A legal-only packet
    carries its confidentiality marking on every page: in the header of the pages printed here and in the
    Bates line of every page, the exhibits' own and the preface's included.
    """
    marking = confidentiality_marking(packet)
    preface_pages = PdfReader(io.BytesIO(preface)).pages if preface else []
    pages_by_exhibit = []
    for done, exhibit in enumerate(exhibits, start=1):
        pages_by_exhibit.append(_exhibit_pages(exhibit, read(exhibit)))
        progress(5 + 55 * done // max(len(exhibits), 1))
    separators = PdfReader(
        io.BytesIO(
            render_pdf(
                "pdf/packet_separators.html",
                {"exhibits": [(exhibit_label(i), e) for i, e in enumerate(exhibits)], "packet": packet},
                packet.language,
                title=packet.title,
                document_id=str(packet.uuid),
                confidentiality=marking,
                page_numbers=False,
                signature_time=signature_time(),
            )
        )
    ).pages
    front_length, front = 1, None
    for _attempt in range(4):  # the index's own length shifts the ranges it lists
        ranges, page = [], len(preface_pages) + front_length
        for index, exhibit_pages in enumerate(pages_by_exhibit):
            page += 1  # separator
            ranges.append((exhibit_label(index), page + 1, page + len(exhibit_pages)))
            page += len(exhibit_pages)
        rows = [
            (
                label,
                exhibit,
                bates(packet.bates_prefix, first),
                bates(packet.bates_prefix, last),
                last - first + 1,
            )
            for (label, first, last), exhibit in zip(ranges, exhibits, strict=True)
        ]
        front = PdfReader(
            io.BytesIO(
                render_pdf(
                    "pdf/packet_cover.html",
                    {
                        "packet": packet,
                        "rows": rows,
                        "total_pages": page,
                        "bates_first": bates(packet.bates_prefix, 1),
                        "bates_last": bates(packet.bates_prefix, page),
                        "preface_last": preface_pages and bates(packet.bates_prefix, len(preface_pages)),
                    },
                    packet.language,
                    title=packet.title,
                    document_id=str(packet.uuid),
                    confidentiality=marking,
                    page_numbers=False,
                    signature_time=signature_time(),
                )
            )
        )
        if len(front.pages) == front_length:
            break
        front_length = len(front.pages)
    progress(70)
    writer = PdfWriter()
    for front_page in [*preface_pages, *front.pages]:
        writer.add_page(front_page)
    for separator, exhibit_pages in zip(separators, pages_by_exhibit, strict=True):
        writer.add_page(separator)
        for exhibit_page in exhibit_pages:
            writer.add_page(exhibit_page)
    _stamp_bates(writer, packet.bates_prefix, marking)
    writer.add_metadata({"/Title": packet.title, "/Producer": "POWER Campaign case desk"})
    progress(85)
    output = io.BytesIO()
    writer.write(output)
    return Assembled(output.getvalue(), len(writer.pages), ranges, len(preface_pages))


def _archive_name(label, original_name):
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", original_name).strip("._") or "file"
    return f"exhibits/{label}-{safe[:120]}"


def manifest_rows(packet, exhibits, ranges):
    rows = []
    for (label, first, last), exhibit in zip(ranges, exhibits, strict=True):
        rows.append(
            {
                "exhibit": label,
                "path": _archive_name(label, exhibit.original_name),
                "original_name": exhibit.original_name,
                "description": exhibit.description,
                "type": exhibit.file_type,
                "sha256": exhibit.sha256,  # of the bytes in the packet (checked again when it was built)
                "sha256_at_upload": exhibit.sha256_at_upload,
                "size": exhibit.size,
                "pages": last - first + 1,
                "bates_first": bates(packet.bates_prefix, first),
                "bates_last": bates(packet.bates_prefix, last),
                "uploaded_by": exhibit.uploaded_by.get_username(),
                "uploaded_by_name": exhibit.uploaded_by.display_name,
                "uploaded_at": exhibit.uploaded_at.astimezone(datetime.UTC).isoformat(),
                "source": exhibit.source,
                "source_label": exhibit.source_label,
                "custody_url": exhibit.custody_url,
                "includes_location": exhibit.includes_location,
            }
        )
    return rows


PREFACE_PATH = "preface.pdf"


def manifests(packet, exhibits, ranges, page_count, preface_pages=0):
    """manifest.json and manifest.csv: identical inputs give identical bytes. The preface, if there is one
    (of `preface_pages` pages), is described in manifest.json's packet entry (the CSV lists exhibits)."""
    rows = manifest_rows(packet, exhibits, ranges)
    data = {
        "packet": {
            "id": str(packet.uuid),
            "title": packet.title,
            "bates_prefix": packet.bates_prefix,
            "bates_first": bates(packet.bates_prefix, 1),
            "bates_last": bates(packet.bates_prefix, page_count),
            "pages": page_count,
        },
        "files": rows,
    }
    if packet.preface:
        data["packet"]["preface"] = {
            "path": PREFACE_PATH,
            "title": packet.preface.title,
            "document_id": str(packet.preface.uuid),
            "sha256": packet.preface.sha256,
            "pages": preface_pages,
            "bates_first": bates(packet.bates_prefix, 1),
            "bates_last": bates(packet.bates_prefix, preface_pages),
        }
    manifest_json = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True).encode() + b"\n"
    buffer = io.StringIO()
    writer = spreadsheets.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["exhibit"])
    writer.writeheader()
    writer.writerows(rows)
    return manifest_json, buffer.getvalue().encode()


def archive(packet, exhibits, assembled, signed_pdf, pdf_sha256, read, preface=None):
    """The ZIP: signed packet PDF (+ its .sha256), the preface's PDF (`preface`: its bytes) and the
    exhibits' original files, manifest.json, manifest.csv."""
    pdf_name = f"packet-{packet.bates_prefix}.pdf"
    manifest_json, manifest_csv = manifests(
        packet, exhibits, assembled.ranges, assembled.page_count, assembled.preface_pages
    )
    stamp = packet.created_at.astimezone(datetime.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:

        def add(name, data):
            bundle.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)

        add(pdf_name, signed_pdf)
        add(f"{pdf_name}.sha256", f"{pdf_sha256}  {pdf_name}\n")
        if preface is not None:
            add(PREFACE_PATH, preface)
        for (label, _first, _last), exhibit in zip(assembled.ranges, exhibits, strict=True):
            add(_archive_name(label, exhibit.original_name), read(exhibit))
        add("manifest.json", manifest_json)
        add("manifest.csv", manifest_csv)
    return buffer.getvalue()
