"""ICE neutrality agreements: the checklist's components, versioned bilingual templates, agreements drafted
from a template version, and their immutable text versions."""

import datetime
import hashlib
import json
import re
import uuid

from django.conf import settings
from django.db import models
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.access import OrganizationFromField, OrganizationScopedQuerySet
from power_campaign.immutable import Immutable, ImmutableError
from power_campaign.labels import ChoiceLabels
from power_campaign.links import record_url
from power_campaign.transitions import Transitions, status_constraint

SECTION_KEYS = ("component", "heading_en", "heading_es", "body_en", "body_es")


class AgreementComponent(models.Model):
    """One item of the review checklist (reference data: editable, sourced, verified)."""

    code = models.SlugField(unique=True)
    label_en = models.CharField(_("label"), max_length=200)
    label_es = models.CharField(_("label in Spanish"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"))
    source = models.CharField(_("source"), max_length=300)
    last_verified = models.DateField(_("last verified"))

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("agreement component")
        verbose_name_plural = _("agreement components")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.label_es if (get_language() or "").startswith("es") else self.label_en


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


SHIPPED_TEMPLATE = gettext_noop("ICE neutrality agreement")  # the name migration 0002 gives the model


class AgreementTemplate(models.Model):
    """A version of the model agreement. Once published it never changes: admins copy it into a new draft
    version (services.new_template_version), edit that, and publish it."""

    Status = TemplateStatus

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="agreement_template_version_unique"),
            status_constraint(TemplateStatus, name="agreement_template_status_valid"),
        ]

    def __str__(self):
        return f"{gettext(self.name)} v{self.version}"  # the shipped template's name in the reader's language

    def save(self, *args, **kwargs):
        if self.stored_status() == TemplateStatus.PUBLISHED:
            raise ImmutableError("A published agreement template never changes: publish a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_status() == TemplateStatus.PUBLISHED:
            raise ImmutableError("A published agreement template is never deleted.")
        return super().delete(*args, **kwargs)

    def stored_status(self):
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()

    def section_dicts(self):
        """The sections as plain dicts (placeholders not filled), in order."""
        return [
            {key: (s.component.code if key == "component" else getattr(s, key)) for key in SECTION_KEYS}
            for s in self.sections.select_related("component").order_by("order", "pk")
        ]


class TemplateSection(models.Model):
    template = models.ForeignKey(AgreementTemplate, on_delete=models.CASCADE, related_name="sections")
    component = models.ForeignKey(AgreementComponent, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(_("order"))
    heading_en = models.CharField(_("heading"), max_length=200)
    heading_es = models.CharField(_("heading in Spanish"), max_length=200)
    body_en = models.TextField(_("text"))
    body_es = models.TextField(_("text in Spanish"))

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")

    def __str__(self):
        return self.heading_en

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        for key in ("heading_en", "heading_es", "body_en", "body_es"):  # a browser's \r\n, stored as \n
            setattr(self, key, normalize_newlines(getattr(self, key)))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def _refuse_if_published(self):
        template_id = self.template_id
        if template_id is None:
            return
        published = AgreementTemplate._base_manager.filter(pk=template_id, status=TemplateStatus.PUBLISHED)
        if published.exists():
            raise ImmutableError("The sections of a published agreement template never change.")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    OUT_FOR_SIGNATURE = "out_for_signature", _("Out for signature")
    PARTIALLY_SIGNED = "partially_signed", _("Partially signed")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


COMMENTABLE_STATUSES = (
    AgreementStatus.DRAFT,
    AgreementStatus.IN_REVIEW,
    AgreementStatus.CHANGES_REQUESTED,
    AgreementStatus.APPROVED,
)


class AgreementLanguage(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")


EFFECTIVE_DATE = "effective_date"  # the placeholder whose value is a date (YYYY-MM-DD), or empty


def stated_date(value):
    """The date an `effective_date` value holds, or None (empty: the day both parties have signed; text
    written before the value was a date is filled as it is)."""
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


class AgreementQuerySet(OrganizationScopedQuerySet):
    organization_field = "worksite__organization"

    def review_queue(self):
        """Agreements waiting for an administrator's review, the oldest first."""
        return self.filter(status=AgreementStatus.IN_REVIEW).order_by("status_changed_at")

    def active(self):
        return self.filter(status=AgreementStatus.ACTIVE)

    def expiring(self, today, days):
        """Active agreements whose term ends within `days` days of `today` (today included), soonest first."""
        end = today + datetime.timedelta(days=days)
        return self.active().filter(expires_on__gte=today, expires_on__lte=end).order_by("expires_on", "pk")

    def status_counts(self):
        """[(value, label, count)] for every status, in the declared order: one query."""
        rows = self.order_by().values("status").annotate(count=models.Count("*"))
        counts = {row["status"]: row["count"] for row in rows}
        return [(value, label, counts.get(value, 0)) for value, label in AgreementStatus.choices]


class Agreement(ChoiceLabels, OrganizationFromField, Transitions, models.Model):
    """An agreement drafted for a worksite from one template version; its text lives in its versions."""

    Status = AgreementStatus
    Language = AgreementLanguage
    transitions = {
        Status.DRAFT: [Status.IN_REVIEW],
        Status.IN_REVIEW: [Status.CHANGES_REQUESTED, Status.APPROVED],
        Status.CHANGES_REQUESTED: [Status.IN_REVIEW],
        Status.APPROVED: [Status.IN_REVIEW, Status.OUT_FOR_SIGNATURE],
        Status.OUT_FOR_SIGNATURE: [Status.PARTIALLY_SIGNED, Status.ACTIVE, Status.IN_REVIEW],
        Status.PARTIALLY_SIGNED: [Status.ACTIVE, Status.IN_REVIEW],
        Status.ACTIVE: [Status.EXPIRED, Status.TERMINATED],
    }
    status_changed_field = "status_changed_at"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey("cases.Worksite", on_delete=models.PROTECT, related_name="agreements")
    template = models.ForeignKey(
        AgreementTemplate, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("template")
    )
    language = models.CharField(
        _("language of the signing copy"), max_length=2, choices=Language.choices, default=Language.EN
    )
    values = models.JSONField(_("placeholder values"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_version = models.ForeignKey(
        "AgreementVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    executed_at = models.DateTimeField(_("executed at"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    executed_document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    certificate_document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    terminated_at = models.DateTimeField(_("terminated at"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("neutrality agreement")
        verbose_name_plural = _("neutrality agreements")
        constraints = [status_constraint(AgreementStatus, name="agreement_status_valid")]
        indexes = [
            # The agreement list, latest change first: read in index order and stopped after a page.
            models.Index(fields=["-updated_at", "-id"], name="agreement_changed_idx"),
            # Terms ending soon (the deadlines and the administrators' panel): a range of the active ones.
            models.Index(
                fields=["expires_on", "id"],
                condition=models.Q(status="active"),
                name="agreement_active_expiry_idx",
            ),
        ]

    def __str__(self):
        return f"{self.worksite} · {self.get_status_display()}"

    def get_absolute_url(self):
        return record_url("agreements:agreement", self.uuid)

    @property
    def audit_name(self):
        """Its name in the audit history, whose events are of every status it had (power_campaign.audit)."""
        return str(self.worksite)

    @property
    def stated_effective_date(self):
        """The effective date the text states (the `effective_date` value), or None: the agreement then
        takes effect on the day both parties have signed."""
        return stated_date(self.values.get(EFFECTIVE_DATE, ""))

    def latest_version(self):
        return self.versions.order_by("-number").first()

    @property
    def is_active(self):
        return self.status == AgreementStatus.ACTIVE

    @property
    def open_to_comments(self):
        """Review comments are taken while the text may still change (before it goes out for signature)."""
        return self.status in COMMENTABLE_STATUSES

    def binding_sections(self):
        """The sections breaches are reported against: the approved text, else the latest."""
        version = self.approved_version or self.latest_version()
        return version.sections if version else []

    def section_choices(self, sections=None):
        """(component code, label) of each component of `sections` (default: the binding text), in the
        text's order: the component's label, in the reader's language."""
        labels = {c.code: c.label for c in AgreementComponent.objects.all()}
        seen, choices = set(), []
        for section in self.binding_sections() if sections is None else sections:
            code = section["component"]
            if code not in seen:
                seen.add(code)
                choices.append((code, labels.get(code, code)))
        return choices


class AgreementVersionQuerySet(OrganizationScopedQuerySet):
    organization_field = "agreement__worksite__organization"


def canonical_sha256(sections):
    """SHA-256 of the sections as canonical JSON (sorted keys, no spaces, UTF-8)."""
    data = json.dumps(sections, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


# How the model text marks a note to its drafters, which must not reach the parties (agreements/seed_text.py).
DRAFTING_NOTE = re.compile(r"\s*\[(?:Model text|Texto modelo):[^\]]*\]")


def without_drafting_notes(sections):
    """The sections with every note to the drafters deleted, as legal staff leave them after their review."""
    return [
        {**section, **{key: DRAFTING_NOTE.sub("", section[key]) for key in ("body_en", "body_es")}}
        for section in sections
    ]


class AgreementVersion(OrganizationFromField, Immutable, models.Model):
    """The full text of an agreement at one save. Written once."""

    immutable_hint = "save the draft again to make a new version"

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    sections = models.JSONField(_("sections"))
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number_unique")
        ]

    def __str__(self):
        return f"{self.agreement} · v{self.number}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.sha256 = canonical_sha256(self.sections)
        super().save(*args, **kwargs)

    def sections_with_drafting_notes(self):
        """The headings, in the reader's language, of the sections whose text in either language still holds
        a note to the drafters ("[Model text: …]", "[Texto modelo: …]")."""
        suffix = "es" if (get_language() or "").startswith("es") else "en"
        return [
            section[f"heading_{suffix}"]
            for section in self.sections
            if any(DRAFTING_NOTE.search(section[key]) for key in ("body_en", "body_es"))
        ]


class ReviewComment(OrganizationFromField, models.Model):
    """A reviewer's comment on a version, on one component's section or on the whole agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="comments")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="comments")
    component = models.CharField(_("section"), max_length=50, blank=True)
    text = models.TextField(_("comment"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self):
        return self.text[:60]


class BreachStatus(models.TextChoices):
    POSSIBLE = "possible", _("Possible breach (to review)")
    REPORTED = "reported", _("Reported")
    RAISED = "raised", _("Raised with the employer")
    GRIEVANCE = "grievance", _("Grievance or arbitration")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Not a breach")


class BreachReportQuerySet(OrganizationScopedQuerySet):
    organization_field = "agreement__worksite__organization"

    def to_review(self):
        """Possible breaches flagged automatically, waiting for an administrator, the oldest first."""
        return self.filter(status=BreachStatus.POSSIBLE).order_by("created_at", "pk")

    def open(self):
        return self.exclude(status__in=[BreachStatus.RESOLVED, BreachStatus.DISMISSED])


class BreachReport(ChoiceLabels, OrganizationFromField, Transitions, models.Model):
    """An incident from `cases` alleged to breach a section of an active agreement. An immigration-related
    incident at a covered worksite is flagged automatically as a possible breach for admins to review."""

    Status = BreachStatus
    transitions = {
        Status.POSSIBLE: [Status.REPORTED, Status.DISMISSED],
        Status.REPORTED: [Status.RAISED, Status.GRIEVANCE, Status.RESOLVED],
        Status.RAISED: [Status.GRIEVANCE, Status.RESOLVED],
        Status.GRIEVANCE: [Status.RESOLVED],
    }
    status_changed_field = "status_changed_at"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="breaches", verbose_name=_("agreement")
    )
    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.PROTECT, related_name="breach_reports", verbose_name=_("incident")
    )
    component = models.CharField(_("section breached"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REPORTED)
    description = models.TextField(_("what the employer did"), blank=True, max_length=4000)
    cure_by = models.DateField(
        _("cure period ends"),
        null=True,
        blank=True,
        help_text=_("The day by which the employer must remedy the breach once it is raised with them."),
    )
    resolution = models.TextField(_("outcome"), blank=True, max_length=4000)
    flagged_automatically = models.BooleanField(_("flagged automatically"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    objects = BreachReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("breach report")
        verbose_name_plural = _("breach reports")
        constraints = [
            status_constraint(BreachStatus, name="breach_report_status_valid"),
            models.UniqueConstraint(fields=["agreement", "incident"], name="breach_report_unique_incident"),
        ]

    def __str__(self):
        return f"{self.agreement.worksite} · {self.get_status_display()}"

    def get_absolute_url(self):
        return record_url("agreements:breach", self.uuid)

    @property
    def audit_name(self):
        """Its name in the audit history, whose events are of every status it had (power_campaign.audit)."""
        return str(self.agreement.worksite)

    def component_label(self):
        if not self.component:
            return ""
        found = AgreementComponent.objects.filter(code=self.component).first()
        return found.label if found else self.component

# Electronic signature


class SignatureParty(models.TextChoices):
    UNION = "union", _("Union")
    EMPLOYER = "employer", _("Employer")


class SignatureKind(models.TextChoices):
    DRAWN = "drawn", _("Drawn")
    TYPED = "typed", _("Typed")


class SignatureRequestQuerySet(OrganizationScopedQuerySet):
    organization_field = "agreement__worksite__organization"

    def outstanding(self):
        """Sent, neither signed nor revoked (the link may still have expired)."""
        return self.filter(signed_at__isnull=True, revoked_at__isnull=True)


class SignatureRequest(OrganizationFromField, models.Model):
    """One party's representative asked to sign the approved version of an agreement, through a link whose
    token is stored only as its SHA-256; once signed, the evidence of the signature."""

    Party = SignatureParty
    Kind = SignatureKind

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signature_requests")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signature_requests")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    signer_name = models.CharField(_("signer's name"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200)
    signer_email = models.EmailField(_("signer's email"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    download_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    expires_at = models.DateTimeField(_("link expires at"))
    sent_at = models.DateTimeField(_("sent at"))
    viewed_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # The evidence of the signature.
    signature_kind = models.CharField(_("signature"), max_length=10, choices=Kind.choices, blank=True)
    signature_png = models.BinaryField(_("drawn signature (PNG)"), blank=True, default=b"", editable=False)
    typed_signature = models.CharField(_("typed signature"), max_length=200, blank=True)
    signed_name = models.CharField(_("name given when signing"), max_length=200, blank=True)
    signed_title = models.CharField(_("title given when signing"), max_length=200, blank=True)
    consent_text = models.TextField(_("consent statement shown"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    version_sha256 = models.CharField(_("SHA-256 of the text shown"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SignatureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "party", "-sent_at"]
        verbose_name = _("signature request")
        verbose_name_plural = _("signature requests")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"],
                condition=models.Q(revoked_at__isnull=True),
                name="signature_request_one_live_per_party",
            ),
            models.CheckConstraint(
                condition=models.Q(party__in=SignatureParty.values), name="signature_request_party_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True)
                | (models.Q(signature_kind__in=SignatureKind.values) & ~models.Q(version_sha256="")),
                name="signature_request_signed_has_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.get_party_display()} · {self.signer_name}"

    def state(self, now):
        """'signed', 'revoked', 'expired' or 'waiting'."""
        if self.signed_at:
            return "signed"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= now else "waiting"

    def get_state_display(self, now):
        return {
            "signed": _("Signed"),
            "revoked": _("Revoked"),
            "expired": _("Link expired"),
            "waiting": _("Waiting for signature"),
        }[self.state(now)]

    @property
    def party_name(self):
        """Whom the signer signs for, by name: the union's or the employer's as the agreement names them,
        to end a sentence (without a period of its own: "Prairie Star Inc" + ".")."""
        values = self.agreement.values
        if self.party == SignatureParty.UNION:
            name = values.get("union") or self.get_party_display()
        else:
            name = values.get("employer") or self.agreement.worksite.employer_name
        return str(name).rstrip(".")


class SignatureEventKind(models.TextChoices):
    SENT = "sent", _("Sent")
    RESENT = "resent", _("Sent again with a new link")
    VIEWED = "viewed", _("Opened")
    SIGNED = "signed", _("Consented and signed")
    REVOKED = "revoked", _("Revoked")


class SignatureEventQuerySet(OrganizationScopedQuerySet):
    organization_field = "request__agreement__worksite__organization"


class SignatureEvent(OrganizationFromField, models.Model):
    """What happened to a signature request, with the address and browser it came from: the certificate of
    completion lists these."""

    Kind = SignatureEventKind

    request = models.ForeignKey(SignatureRequest, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    objects = SignatureEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("signature event")
        verbose_name_plural = _("signature events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SignatureEventKind.values), name="signature_event_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
