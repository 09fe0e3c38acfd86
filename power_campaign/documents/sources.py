"""Stored records as packet exhibits: the small protocol a record implements, and record references.

A record that can go into a packet has a method

    exhibit_source(with_location=False) -> ExhibitSource

returning the stored file to copy and its custody facts: the SHA-256 recorded when the file was stored,
who uploaded (or generated) it and when, where its custody trail is shown. `with_location=True` asks for
the original photo with its location (GPS) data; without it a photo is given as its copy without
location data, with that copy's own recorded SHA-256.

A record is named by its reference 'app_label.model_name:uuid' (as Document.subject and Packet.subject).
"""

import io
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825


@dataclass(frozen=True)
class ExhibitSource:
    file: object  # the stored FieldFile whose bytes are copied into the packet
    name: str  # file name shown in the packet and the archive
    sha256: str  # of those bytes, recorded when they were stored
    uploaded_by: object  # the user who uploaded or generated it (not who adds it to a packet)
    uploaded_at: object  # datetime
    custody_url: str  # where its custody trail (or verification) is shown
    reference: str  # 'app_label.model_name:uuid'
    label: str  # a human name for the record
    organization: object  # the organization that owns the record
    includes_location: bool = False  # True only for an original photo chosen with its location data
    legal_only: bool = False  # a record only legal staff may open goes only into legal-only packets
    description: str = ""  # the record's own description, the exhibit's default one


def reference_of(record):
    return f"{record._meta.app_label}.{record._meta.model_name}:{record.uuid}"


def resolve_reference(reference, user):
    """The record named by `reference` if `user` may open it (its model's `for_user`), else None."""
    label, _sep, key = reference.partition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    manager = model._default_manager
    if not key or not hasattr(manager, "for_user"):
        return None
    try:
        return manager.for_user(user).filter(uuid=key).first()
    except (ValueError, ValidationError):  # a malformed UUID in a stored reference: nothing to link to
        return None


def verification_url(sha256):
    return f"{reverse('verify')}?sha256={sha256}"


def has_location(data):
    """Whether an image carries GPS data in its EXIF (False for anything that is not a readable image)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return bool(image.getexif().get_ifd(GPS_IFD))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
