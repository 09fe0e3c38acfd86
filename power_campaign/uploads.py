"""One inspector for uploaded files, used by every app that accepts them (evidence, packet exhibits...).

- `sniff(head)`: what a file is, from its first bytes (never from its name or the browser's word).
- `open_image(data, name)`: the one way to open an uploaded image, with the one pixel limit
  (settings.UPLOAD_MAX_IMAGE_PIXELS) and the one set of exceptions that mean "damaged".
- `check_image(data, name)`: the image opens and decodes completely.

Problems raise `UploadError`, whose message names the file; an app raises its own subclass from it
(`EvidenceError`, `ExhibitError`) so its views keep catching what they caught.
"""

import io
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

HEAD_SIZE = 16  # bytes `sniff` needs

PHOTO, PDF, AUDIO, VIDEO, ARCHIVE = "photo", "pdf", "audio", "video", "archive"

HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
ARCHIVE_MAGIC = {
    b"PK\x03\x04": "application/zip",
    b"\x1f\x8b": "application/gzip",
    b"7z\xbc\xaf": "application/x-7z-compressed",
    b"Rar!": "application/vnd.rar",
    b"BZh": "application/x-bzip2",
}

# What Pillow raises for a file that is not the image it claims to be, or is cut short or malformed.
IMAGE_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)


class UploadError(ValueError):
    """A file that cannot be accepted; the message names the file."""


@dataclass(frozen=True)
class Sniffed:
    kind: str  # PHOTO, PDF, AUDIO, VIDEO or ARCHIVE
    content_type: str


def sniff(head):
    """What the file starting with `head` (at least HEAD_SIZE bytes when the file has them) is, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed(PHOTO, "image/jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed(PHOTO, "image/png")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed(PHOTO, "image/webp")
    if head.startswith(b"%PDF-"):
        return Sniffed(PDF, "application/pdf")
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return Sniffed(AUDIO, "audio/mpeg")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Sniffed(AUDIO, "audio/wav")
    if head.startswith(b"OggS"):
        return Sniffed(AUDIO, "audio/ogg")
    if head.startswith(b"fLaC"):
        return Sniffed(AUDIO, "audio/flac")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in HEIF_BRANDS:
            return Sniffed(PHOTO, "image/heic")
        if brand in (b"M4A ", b"M4B "):
            return Sniffed(AUDIO, "audio/mp4")
        if brand == b"qt  ":
            return Sniffed(VIDEO, "video/quicktime")
        return Sniffed(VIDEO, "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed(VIDEO, "video/webm")
    for magic, content_type in ARCHIVE_MAGIC.items():
        if head.startswith(magic):
            return Sniffed(ARCHIVE, content_type)
    return None


def _millions(pixels):
    value = pixels / 1_000_000
    return number_format(int(value) if value == int(value) else round(value, 1))


@contextmanager
def open_image(data, name):
    """The image in `data`, opened (not yet decoded) once its size is known to be within the limit.

    Decode it inside the `with` block: whatever Pillow raises there (a truncated or malformed file)
    becomes an UploadError saying the image is damaged.
    """
    limit = settings.UPLOAD_MAX_IMAGE_PIXELS
    # WeasyPrint, once imported, makes Pillow pad a cut-short file with grey instead of refusing it
    # (a process-wide switch). An upload must be whole: switch it back before decoding one.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > limit:
                raise UploadError(
                    _("%(name)s: the image is too large (%(width)d × %(height)d pixels; the limit is %(limit)s million).")  # noqa: E501
                    % {"name": name, "width": width, "height": height, "limit": _millions(limit)}
                )
            yield image
    except UploadError:
        raise
    except Image.DecompressionBombError:  # past Pillow's own limit (twice Image.MAX_IMAGE_PIXELS)
        raise UploadError(
            _("%(name)s: the image is too large (more than %(limit)s million pixels).")
            % {"name": name, "limit": _millions(min(limit, 2 * Image.MAX_IMAGE_PIXELS))}
        ) from None
    except IMAGE_ERRORS:  # DecompressionBombError is caught above
        raise UploadError(_("%(name)s: the image is damaged or cannot be read.") % {"name": name}) from None


def check_image(data, name):
    """Raise UploadError unless `data` is an image within the pixel limit that decodes completely."""
    with open_image(data, name) as image:
        image.load()
