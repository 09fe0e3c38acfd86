"""Signature test helpers: an approved agreement, the links in the sent emails, signature PNGs."""

import base64
import io
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from PIL import Image, ImageDraw

from agreements import services, signing

LINK = re.compile(r"(?:https?://[^/\s]+)?(/agreements/sign/([A-Za-z0-9_-]{43})/(?:executed\.pdf)?)")
SIGNERS = {
    "union": {"name": "Rosa Martínez", "title": "President, Local 705", "email": "rosa@local705.example"},
    "employer": {"name": "John Whitfield", "title": "Plant manager", "email": "jwhitfield@acme.example"},
}


def approve(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    services.approve(agreement=agreement, user=admin)
    agreement.refresh_from_db()
    return agreement


def send(agreement, admin, days=14, signers=None):
    """Send for signature; return {party: token} taken from the emails sent."""
    before = len(mail.outbox)
    signing.send_for_signature(
        agreement=agreement,
        signers=signers or SIGNERS,
        expires_at=timezone.now() + timedelta(days=days),
        user=admin,
    )
    return tokens_in(mail.outbox[before:])


def tokens_in(messages):
    found = {}
    for message in messages:
        party = next(p for p, s in SIGNERS.items() if message.to == [s["email"]])
        found[party] = LINK.search(message.body)[2]
    return found


def png_data_url(size=(600, 200), blank=False):
    """A signature-like drawing on a transparent background, as the signing page sends it."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line(
            [(20, 150), (120, 40), (220, 160), (340, 50), (560, 120)], fill="black", width=6
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def sign_form(kind="typed", name="Rosa Martínez", title="President", **extra):
    data = {"consent": "on", "signed_name": name, "signed_title": title, "signature_kind": kind}
    if kind == "typed":
        data["typed_signature"] = name
    else:
        data["signature_data"] = png_data_url()
    data.update(extra)
    return data
