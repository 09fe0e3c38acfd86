import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.access import Access, AccessControlledQuerySet, OrganizationFromField
from power_campaign.immutable import Immutable, ImmutableError  # noqa: F401 (ImmutableError: its old home)
from power_campaign.links import record_url

from . import kinds
from .sources import ExhibitSource, reference_of, verification_url

STUCK_AFTER_MINUTES = 15


class ExhibitQuerySet(AccessControlledQuerySet):
    organization_field = "packet__organization"
    access_field = "packet__access"


class DocumentQuerySet(AccessControlledQuerySet):
    def next_version(self, *, kind, subject):
        latest = self.filter(kind=kind, subject=subject).aggregate(models.Max("version"))["version__max"]
        return (latest or 0) + 1


def document_path(instance, filename):
    return f"documents/{instance.created_at:%Y/%m}/{instance.uuid}.pdf"


class Document(Immutable, models.Model):
    """A generated document: an immutable file with its SHA-256. A new generation is a new version.

    Its `kind` is one declared in the open list of kinds.py (the platform's, or an app's)."""

    immutable_hint = "generate a new version instead"

    class Kind:
        """The platform's own kinds; apps declare theirs in `<app>/documents.py`."""

        PACKET = kinds.PACKET
        NOTICE = kinds.NOTICE

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(
        max_length=120, blank=True, help_text="The record the document is about, as 'app.model:uuid'."
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    access = models.CharField(_("who may open it"), max_length=20, choices=Access.choices)
    file = models.FileField(upload_to=document_path)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    signed = models.BooleanField(_("digitally signed"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject", "version"], name="document_unique_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="document_version_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.uuid} v{self.version}"

    def get_absolute_url(self):
        return record_url("documents:download", self.uuid)

    def download_name(self):
        """The file name: what the document is, in its own language, its ID's first characters and its
        version ("cronologia-de-represalias-1a2b3c4d-v1.pdf")."""
        with translation.override(self.language):
            what = slugify(kinds.kind_label(self.kind))[:60].strip("-") or self.kind
        return f"{what}-{str(self.uuid)[:8]}-v{self.version}.pdf"

    def get_kind_display(self):
        return kinds.kind_label(self.kind)

    def exhibit_source(self, with_location=False):
        """The signed file as a packet exhibit (see sources.py); a PDF carries no photo location."""
        return ExhibitSource(
            file=self.file,
            name=self.download_name(),
            sha256=self.sha256,
            uploaded_by=self.created_by,
            uploaded_at=self.created_at,
            custody_url=verification_url(self.sha256),
            reference=reference_of(self),
            label=f"{self.title} (v{self.version})",
            organization=self.organization,
            legal_only=self.access == Access.LEGAL,
        )


def sha256_of(data):
    return hashlib.sha256(data).hexdigest()


bates_prefix_validator = RegexValidator(
    r"^[A-Z0-9]{2,12}$", _("Use 2 to 12 capital letters or digits, for example POWER or WHD2026.")
)


def archive_path(instance, filename):
    return f"packets/{instance.created_at:%Y/%m}/{instance.uuid}.zip"


class Packet(models.Model):
    """Exhibits combined into one signed PDF with Bates numbers, and its ZIP archive."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft: add exhibits")
        QUEUED = "queued", _("Waiting to be generated")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    bates_prefix = models.CharField(_("Bates prefix"), max_length=12, validators=[bates_prefix_validator])
    access = models.CharField(
        _("who may open it"), max_length=20, choices=Access.choices, default=Access.LEGAL
    )
    language = models.CharField(
        _("language of the cover and index"), max_length=8, choices=settings.LANGUAGES
    )
    subject = models.CharField(max_length=120, blank=True)
    confidentiality = models.CharField(
        _("confidentiality marking"),
        max_length=100,
        blank=True,
        help_text=_("Printed on every page instead of the default marking, e.g. a statute's."),
    )
    preface = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("letter before the cover"),
        help_text=_("A document placed first, before the cover and the index, such as a cover letter."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    archive = models.FileField(upload_to=archive_path, blank=True)
    archive_sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AccessControlledQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("exhibit packet")
        verbose_name_plural = _("exhibit packets")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="packet_progress_at_most_100"),
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | (models.Q(document__isnull=False) & ~models.Q(archive_sha256="")),
                name="packet_done_has_files",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("documents:packet", self.uuid)

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.FAILED)

    @property
    def is_working(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_stuck(self):
        """Queued or generating for so long that the worker must have stopped: it may be tried again."""
        limit = datetime.timedelta(minutes=STUCK_AFTER_MINUTES)
        return self.is_working and self.queued_at is not None and timezone.now() - self.queued_at > limit


def exhibit_path(instance, filename):
    return f"exhibits/{instance.uploaded_at:%Y/%m}/{instance.uuid}"


class Exhibit(OrganizationFromField, models.Model):
    """A file in a packet, kept byte for byte: uploaded into the packet, or copied from a stored record.

    `sha256` is of the bytes in the packet; `sha256_at_upload` is the one recorded when the file was first
    stored (by the record it came from): they are equal, or the exhibit is refused. `uploaded_by` and
    `uploaded_at` name the original upload, not who added the exhibit to the packet (the audit trail has
    that)."""

    class FileType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    packet = models.ForeignKey(Packet, on_delete=models.PROTECT, related_name="exhibits")
    position = models.PositiveIntegerField()
    description = models.CharField(_("description"), max_length=300)
    file = models.FileField(upload_to=exhibit_path)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(max_length=20, choices=FileType.choices)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    sha256_at_upload = models.CharField(_("SHA-256 recorded at upload"), max_length=64)
    source = models.CharField(
        max_length=120, blank=True, help_text="The record it was copied from, as 'app.model:uuid'."
    )
    source_label = models.CharField(_("source record"), max_length=300, blank=True)
    custody_url = models.CharField(_("custody trail"), max_length=500, blank=True)
    includes_location = models.BooleanField(_("includes location data"), default=False)

    objects = ExhibitQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        constraints = [
            models.UniqueConstraint(fields=["packet", "position"], name="exhibit_unique_position"),
            models.UniqueConstraint(
                fields=["packet", "source"], condition=~models.Q(source=""), name="exhibit_unique_source"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256=models.F("sha256_at_upload")), name="exhibit_sha256_matches_upload"
            ),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.packet})"

    def save(self, *args, **kwargs):
        if not self.sha256_at_upload:  # uploaded into the packet: its own hash is the one taken at upload
            self.sha256_at_upload = self.sha256
        super().save(*args, **kwargs)

    @property
    def access(self):
        return self.packet.access
