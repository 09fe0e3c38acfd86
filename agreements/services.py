"""Agreement workflows: templates (new version, publish), drafting (create, save), review (submit, request
changes, approve). Keyword-only, atomic, audited."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from power_campaign.accounts.access import Role, require_role
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed, transition

from . import seed_text
from .models import (
    SECTION_KEYS,
    Agreement,
    AgreementComponent,
    AgreementTemplate,
    AgreementVersion,
    ReviewComment,
    TemplateSection,
)

PLACEHOLDER = re.compile(r"\{(" + "|".join(map(re.escape, seed_text.PLACEHOLDERS)) + r")\}")


class AgreementError(ValidationError):
    """A refused agreement change, with a message in the user's language; nothing was saved."""


def placeholders_in(sections):
    """The placeholder names the sections use, in the order of PLACEHOLDERS."""
    used = {m for s in sections for key in SECTION_KEYS[1:] for m in PLACEHOLDER.findall(s[key])}
    return [name for name in seed_text.PLACEHOLDERS if name in used]


def placeholder_label(name):
    english, spanish = seed_text.PLACEHOLDERS[name]
    return spanish if (get_language() or "").startswith("es") else english


def clean_values(values, sections):
    """The values stripped of surrounding spaces; AgreementError naming every placeholder without a value."""
    cleaned = {name: str(values.get(name, "") or "").strip() for name in seed_text.PLACEHOLDERS}
    missing = [name for name in placeholders_in(sections) if not cleaned[name]]
    if missing:
        raise AgreementError(
            _("Fill in every placeholder: %(names)s.")
            % {"names": ", ".join(map(placeholder_label, missing))},
            code="missing_placeholder",
        )
    return {name: value for name, value in cleaned.items() if value}


def fill(sections, values):
    """The sections with every placeholder replaced by its value (a placeholder without one stays)."""

    def replace(text):
        return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)

    return [
        {key: (section[key] if key == "component" else replace(section[key])) for key in SECTION_KEYS}
        for section in sections
    ]


def template_text(agreement):
    """The agreement's template version with the agreement's values filled in."""
    return fill(agreement.template.section_dicts(), agreement.values)


# Templates


@transaction.atomic
def new_template_version(*, template, user, request=None):
    """A draft copy of `template` (its sections included) numbered after the name's latest version."""
    latest = AgreementTemplate.objects.filter(name=template.name).aggregate(n=Max("version"))["n"]
    copy = AgreementTemplate.objects.create(name=template.name, version=latest + 1, created_by=user)
    TemplateSection.objects.bulk_create(
        TemplateSection(
            template=copy,
            component=s.component,
            order=s.order,
            heading_en=s.heading_en,
            heading_es=s.heading_es,
            body_en=s.body_en,
            body_es=s.body_es,
        )
        for s in template.sections.order_by("order", "pk")
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=copy,
        summary=f"agreement template version {copy.version} drafted from version {template.version}",
    )
    return copy


@transaction.atomic
def publish_template(*, template, user, request=None):
    """Publish a draft template version: from now on it never changes."""
    if template.stored_status() != AgreementTemplate.Status.DRAFT:
        raise AgreementError(_("This template version is already published."), code="published")
    template.status = AgreementTemplate.Status.PUBLISHED
    template.published_at = timezone.now()
    template.save()
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=template,
        summary=f"agreement template version {template.version} published",
    )
    return template


# Drafting


def _clean_sections(sections):
    known = set(AgreementComponent.objects.values_list("code", flat=True))
    cleaned = []
    for section in sections:
        row = {key: str(section.get(key, "") or "").strip() for key in SECTION_KEYS}
        if row["component"] not in known:
            raise AgreementError(_("Unknown agreement component."), code="component")
        cleaned.append(row)
    return cleaned


def _add_version(agreement, sections, user):
    number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return AgreementVersion.objects.create(
        agreement=agreement, number=number, sections=sections, created_by=user
    )


@transaction.atomic
def create_agreement(*, worksite, template, values, user, language="en", request=None):
    """An agreement for `worksite` from a published `template` version, its first version being the
    template with `values` filled in. A placeholder without a value: AgreementError, nothing saved."""
    require_role(user, worksite.organization, Role.ORGANIZER, Role.LEGAL, Role.ADMIN)
    if template.status != AgreementTemplate.Status.PUBLISHED:
        raise AgreementError(_("Choose a published template version."), code="template")
    sections = template.section_dicts()
    values = clean_values(values, sections)
    agreement = Agreement.objects.create(
        worksite=worksite, template=template, values=values, language=language, created_by=user
    )
    version = _add_version(agreement, fill(sections, values), user)
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=agreement,
        summary=f"agreement drafted from template version {template.version} (version 1, {version.sha256})",
    )
    return agreement


@transaction.atomic
def save_draft(*, agreement, sections, values, user, request=None):
    """Save the edited sections as a new version. Allowed while a draft, after changes were requested, or
    once approved and until both parties have signed (which sends it back to review, and the signing links
    already sent stop working). Saving the latest text unchanged adds no version."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    approved = (
        Agreement.Status.APPROVED,
        Agreement.Status.OUT_FOR_SIGNATURE,
        Agreement.Status.PARTIALLY_SIGNED,
    )
    editable = (Agreement.Status.DRAFT, Agreement.Status.CHANGES_REQUESTED, *approved)
    if agreement.status not in editable:
        raise AgreementError(
            _("This agreement cannot be edited while it is “%(status)s”.")
            % {"status": agreement.get_status_display()},
            code="status",
        )
    sections = _clean_sections(sections)
    values = clean_values(values, agreement.template.section_dicts())
    latest = agreement.latest_version()
    if latest is not None and latest.sections == sections and agreement.values == values:
        return latest
    agreement.values = values
    agreement.save(update_fields=["values", "updated_at"])
    version = _add_version(agreement, sections, user)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=agreement,
        summary=f"agreement version {version.number} saved ({version.sha256})",
    )
    if agreement.status in approved:  # back to review: links already sent can no longer be signed
        agreement.approved_version = None
        agreement.save(update_fields=["approved_version", "updated_at"])
        transition(agreement, Agreement.Status.IN_REVIEW, user=user, request=request)
    return version


# Review


@transaction.atomic
def submit_for_review(*, agreement, user, request=None):
    """Send a draft (or one whose changes were requested) to the administrators' review queue."""
    require_role(user, agreement.organization)
    if agreement.status not in (Agreement.Status.DRAFT, Agreement.Status.CHANGES_REQUESTED):
        raise TransitionNotAllowed(agreement, agreement.status, Agreement.Status.IN_REVIEW)
    return transition(agreement, Agreement.Status.IN_REVIEW, user=user, request=request)


def _require_admin(agreement, user):
    if user.role_in(agreement.organization) != Role.ADMIN:
        raise PermissionDenied


@transaction.atomic
def request_changes(*, agreement, comment, user, component="", request=None):
    """An administrator sends the agreement back to its drafters with a comment on the latest version."""
    _require_admin(agreement, user)
    comment = (comment or "").strip()
    if not comment:
        raise AgreementError(_("Say what should change."), code="comment")
    transition(agreement, Agreement.Status.CHANGES_REQUESTED, user=user, request=request)
    return ReviewComment.objects.create(
        agreement=agreement,
        version=agreement.latest_version(),
        component=component,
        text=comment,
        author=user,
    )


@transaction.atomic
def approve(*, agreement, user, version=None, request=None):
    """An administrator approves the latest version (`version`, when given, is the number reviewed: a newer
    one saved meanwhile refuses the approval)."""
    _require_admin(agreement, user)
    latest = agreement.latest_version()
    if version is not None and version != latest.number:
        raise AgreementError(
            _("A newer version was saved while you reviewed: review version %(number)s.")
            % {"number": latest.number},
            code="stale",
        )
    transition(agreement, Agreement.Status.APPROVED, user=user, request=request)
    agreement.approved_version = latest
    agreement.save(update_fields=["approved_version", "updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=agreement,
        summary=f"agreement version {latest.number} approved ({latest.sha256})",
    )
    return agreement


__all__ = [
    "AgreementError",
    "TransitionNotAllowed",
    "approve",
    "clean_values",
    "create_agreement",
    "fill",
    "new_template_version",
    "publish_template",
    "request_changes",
    "save_draft",
    "submit_for_review",
    "template_text",
]
