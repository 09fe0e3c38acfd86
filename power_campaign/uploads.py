"""One inspector for uploaded files, used by every app that accepts them (evidence, packet exhibits...).

- `sniff(head)`: what a file is, from its first bytes (never from its name or the browser's word).
- `open_image(data, name)`: the one way to open an uploaded image, with the one pixel limit
  (settings.UPLOAD_MAX_IMAGE_PIXELS) and the one set of exceptions that mean "damaged".
- `check_image(data, name)`: the image opens and decodes completely.
- `clean_image(data, name, max_side=...)`: the pixels only (upright, reduced while decoding where the
  format allows, every metadata block left behind): what a copy that is shown or exported is made from.

Problems raise `UploadError`, whose message names the file; an app raises its own subclass from it
(`EvidenceError`, `ExhibitError`) so its views keep catching what they caught.
"""

import io
import logging
import math
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError

logger = logging.getLogger(__name__)

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

# What Pillow raises for a file that is not the image it claims to be, or is cut short or malformed. A
# malformed file can make it raise almost anything (struct.error, KeyError, TypeError, IndexError,
# RecursionError for looping structures...): `open_image` turns every Exception into "damaged".
IMAGE_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)
REDUCED_DECODING = ("JPEG", "MPO")  # formats Pillow can decode at 1/2, 1/4 or 1/8 scale (draft mode)


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


def _bytes_per_pixel(mode):
    """What Pillow stores a decoded pixel of `mode` in (RGB is padded to 4 bytes)."""
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


@contextmanager
def open_image(data, name):
    """The image in `data`, opened (not yet decoded) once its size is known to be within the limit.

    The limit (settings.UPLOAD_MAX_IMAGE_PIXELS) is a number of pixels; it is also the memory, in bytes,
    that an image decoded at full size may take. JPEG can be decoded at a reduced scale (see
    `clean_image`), so a 48-megapixel phone photo passes; a PNG or WebP must fit once decoded (at the
    default, 50 million grey or palette pixels, 12.5 million in colour), so that no small, highly
    compressed file can make the server hold hundreds of megabytes.

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
            if image.format not in REDUCED_DECODING and width * height * _bytes_per_pixel(image.mode) > limit:
                raise UploadError(
                    _(
                        "%(name)s: the image is too large to open safely (%(width)d × %(height)d pixels). "
                        "Save it as JPEG, or at a lower resolution, and upload it again."
                    )
                    % {"name": name, "width": width, "height": height}
                )
            yield image
    except UploadError:
        raise
    except Image.DecompressionBombError:  # past Pillow's own limit (twice Image.MAX_IMAGE_PIXELS)
        raise UploadError(
            _("%(name)s: the image is too large (more than %(limit)s million pixels).")
            % {"name": name, "limit": _millions(min(limit, 2 * Image.MAX_IMAGE_PIXELS))}
        ) from None
    except Exception as error:  # DecompressionBombError is caught above; see IMAGE_ERRORS
        if not isinstance(error, IMAGE_ERRORS):
            # Not the file's name: names of evidence files can name the people in them.
            logger.info("An image was refused as damaged: %s", type(error).__name__)
        raise UploadError(_("%(name)s: the image is damaged or cannot be read.") % {"name": name}) from None


def check_image(data, name):
    """Raise UploadError unless `data` is an image within the pixel limit that decodes completely.

    A JPEG is decoded at 1/8 scale: every byte of it is still read and checked, in an eighth of the
    memory along each side."""
    with open_image(data, name) as image:
        if image.format in REDUCED_DECODING:
            image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()


SRGB = ImageCms.createProfile("sRGB")
ORIENTATION = 0x0112  # EXIF tag: how the camera was held
_UPRIGHT = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


def orientation(image):
    """The image's EXIF orientation (1 to 8), or 1 when it has none or a malformed one (a string, a
    tuple, a number out of range, an unreadable EXIF block)."""
    try:
        value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # whatever a malformed EXIF block makes Pillow raise: the photo is shown as stored
        return 1
    return value if type(value) is int and 1 <= value <= 8 else 1


def _fit(size, max_side):
    width, height = size
    scale = min(1, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _plain_mode(image):
    """RGB, RGBA or L: modes every encoder takes, keeping transparency."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if _has_alpha(image) else "RGB")


STRIP_PIXELS = 1_000_000  # pixels of the full-size image converted at a time


def _has_alpha(image):
    return "A" in image.getbands() or "transparency" in image.info


def _reduced(image, target):
    """`image` (decoded) brought to `target` size, or a little under it, without a second full-size copy:
    strips of rows are converted to a plain mode and box-reduced by a whole factor one by one, then the
    small result is resampled to `target`. Palette and bilevel images are averaged, not sampled. An image
    with transparency keeps the reduced size (at least half of `target`): resampling it would make a
    premultiplied copy at full size."""
    width, height = image.size
    alpha = _has_alpha(image)
    if alpha:
        factor = max(1, math.ceil(max(width / target[0], height / target[1])))
    else:
        factor = max(1, min(width // target[0], height // target[1]))
        if factor == 1 and image.mode in ("RGB", "L"):
            return image.resize(target, Image.Resampling.LANCZOS)
    rows = max(1, STRIP_PIXELS // (width * factor)) * factor
    reduced = None
    for top in range(0, height, rows):
        strip = _plain_mode(image.crop((0, top, width, min(height, top + rows))))
        if factor > 1:
            strip = strip.reduce(factor)
        if reduced is None:
            reduced = Image.new(strip.mode, (-(-width // factor), -(-height // factor)))
        reduced.paste(strip, (0, top // factor))
    if not alpha and reduced.size != target:
        reduced = reduced.resize(target, Image.Resampling.LANCZOS)
    return reduced


def _to_srgb(image, profile):
    """The colours as the file's ICC profile meant them, in sRGB (the profile itself is not kept: the
    copy carries no metadata, and sRGB is what a browser assumes). A profile that cannot be read is
    ignored."""
    try:
        return ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode=image.mode
        )
    except Exception:  # a malformed or unsupported profile: the pixels as they are
        return image


def clean_image(data, name, *, max_side):
    """A new image holding only the pixels of the image in `data`: turned upright by its EXIF orientation,
    at most `max_side` pixels on each side, in mode RGB, RGBA or L, with no metadata at all (no EXIF, XMP,
    IPTC, ICC profile, comment or text chunk: the result's `info` is empty).

    Memory stays near the size of the result for JPEG, which is decoded at 1/2, 1/4 or 1/8 scale when
    that is enough (draft mode); other formats are decoded once at full size, within the pixel limit.
    Raises UploadError naming the file.
    """
    with open_image(data, name) as opened:
        turn = orientation(opened)
        profile = opened.info.get("icc_profile")
        target = _fit(opened.size, max_side)
        if opened.format in ("JPEG", "MPO"):
            opened.draft(None, target)  # decode at the smallest scale still at least `target`
        opened.load()
        image = _reduced(opened, target) if opened.size != target else opened
        image = _plain_mode(image)
        if profile and image.mode in ("RGB", "RGBA"):
            image = _to_srgb(image, profile)
        for method in _UPRIGHT.get(turn, ()):
            image = image.transpose(method)
        clean = Image.new(image.mode, image.size)  # a new image: nothing of the file's `info` comes along
        clean.paste(image)
        return clean
