"""Deterministic factories (no randomness): sequences give every object a predictable name."""

import re

import factory
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.accounts.models import Membership, Organization, Role, User

PASSWORD = "correct horse battery staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Local {n + 100}")
    kind = Organization.Kind.UNION_LOCAL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Ana"
    last_name = "Torres"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.ORGANIZER


def without_tokens(html):
    """A page without its CSRF tokens' random values: what a check that a name is absent reads (a token of
    64 random letters and digits held "Ana" once)."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', html)


def member(role, organization=None, **user_fields):
    """A user holding `role` in `organization` (a new one if not given)."""
    organization = organization or OrganizationFactory()
    return MembershipFactory(role=role, organization=organization, user=UserFactory(**user_fields)).user


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=confirmed)


def totp_code(device, offset=0):
    """The code an authenticator app shows now (offset in 30-second steps)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def simple_pdf(pages=1, size=(612, 792)):
    """A small valid PDF with blank pages."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def jpeg(width=400, height=300, color="navy", exif=None):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png(width=400, height=300):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def packet_with_exhibits(user, organization, files, prefix="TEST", access="legal", language="en"):
    """A draft packet (through the real services) holding `files`: a list of (name, bytes)."""
    from power_campaign.documents import services

    packet = services.create_packet(
        organization=organization,
        title="Wage theft evidence",
        bates_prefix=prefix,
        access=access,
        language=language,
        user=user,
    )
    for index, (name, data) in enumerate(files, start=1):
        services.add_exhibit(
            packet=packet, upload=upload(name, data), description=f"Exhibit file {index}", user=user
        )
    return packet
