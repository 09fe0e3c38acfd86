"""Agreement workflows: templates (new version, publish), drafting (create, save), review (submit, request
changes, approve, comment), and life after signing (breach reports, possible breaches flagged from
incidents, termination, expiry). Keyword-only, atomic, audited."""

import datetime
import logging
import re
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cases.models import Incident, IncidentType
from power_campaign import zones
from power_campaign.accounts.access import Role, require_role
from power_campaign.accounts.models import User
from power_campaign.audit.models import AuditEvent
from power_campaign.deadlines import add_business_days, add_months
from power_campaign.documents.api import Access, create_document, reference_of
from power_campaign.formats import date_format
from power_campaign.transitions import TransitionNotAllowed, transition

from . import seed_text
from .documents import AGREEMENT_TEXT
from .models import (
    EFFECTIVE_DATE,
    SECTION_KEYS,
    Agreement,
    AgreementComponent,
    AgreementTemplate,
    AgreementVersion,
    BreachReport,
    ReviewComment,
    TemplateSection,
    stated_date,
)

log = logging.getLogger(__name__)

# Incidents that may breach an ICE neutrality agreement: created at a worksite an active agreement covers,
# each is flagged as a possible breach for the organization's administrators to review.
IMMIGRATION_INCIDENT_TYPES = frozenset(
    {
        IncidentType.ICE_VISIT,
        IncidentType.I9_NOTICE,
        IncidentType.EVERIFY,
        IncidentType.NO_MATCH,
        IncidentType.IMMIGRATION_THREAT,
    }
)
# The cure period proposed when a breach is raised with the employer (business days; editable per breach).
CURE_BUSINESS_DAYS = 10

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


MAX_TERM_MONTHS = 120
EARLIEST_EFFECTIVE_DATE = datetime.date(2000, 1, 1)
MAX_YEARS_AHEAD = 10  # the latest effective date, from today


def clean_values(values, sections):
    """The values stripped of surrounding spaces; AgreementError naming every placeholder without a value
    (the effective date may be empty: the day both parties have signed), for an effective date that is not
    a date (YYYY-MM-DD) or out of range, or a term that is not a whole number of months (1 to
    MAX_TERM_MONTHS: the agreement's expiry is counted from it)."""
    cleaned = {name: str(values.get(name, "") or "").strip() for name in seed_text.PLACEHOLDERS}
    missing = [name for name in placeholders_in(sections) if not cleaned[name] and name != EFFECTIVE_DATE]
    if missing:
        raise AgreementError(
            _("Fill in every placeholder: %(names)s.")
            % {"names": ", ".join(map(placeholder_label, missing))},
            code="missing_placeholder",
        )
    if cleaned[EFFECTIVE_DATE] and stated_date(cleaned[EFFECTIVE_DATE]) is None:
        raise AgreementError(
            _(
                "The effective date must be a date, or empty: the agreement then takes effect on the day "
                "both parties have signed."
            ),
            code="effective_date",
        )
    term = cleaned["term_months"]
    if term and not (term.isascii() and term.isdigit() and 1 <= int(term) <= MAX_TERM_MONTHS):
        raise AgreementError(
            _("The term is a whole number of months, from 1 to %(max)s.") % {"max": MAX_TERM_MONTHS},
            code="term_months",
        )
    day, latest = stated_date(cleaned[EFFECTIVE_DATE]), add_months(timezone.localdate(), 12 * MAX_YEARS_AHEAD)
    if day and not EARLIEST_EFFECTIVE_DATE <= day <= latest:
        raise AgreementError(
            _("The effective date must be between %(first)s and %(last)s.")
            % {"first": date_format(EARLIEST_EFFECTIVE_DATE), "last": date_format(latest)},
            code="effective_date",
        )
    return {name: value for name, value in cleaned.items() if value}


PLACEHOLDER_AND_PERIOD = re.compile(PLACEHOLDER.pattern + r"(\.?)")


def fill(sections, values):
    """The sections with every placeholder replaced by its value, in one pass (a value is never read for
    placeholders; one without a value stays). A value that ends with its own period takes the place of
    the text's ("Acme Inc." not "Acme Inc.."). The effective date is written out in each text's language
    ("March 1, 2027", "1 de marzo de 2027"); without one, it is the day both parties have signed."""

    def value_in(name, language):
        value = values.get(name)
        if name != EFFECTIVE_DATE:
            return value
        if not value:
            return seed_text.EFFECTIVE_ON_SIGNING[language]
        day = stated_date(value)
        if day is None:  # text written before the value was a date
            return value
        with translation.override(language):
            return date_format(day, "DATE_FORMAT")

    def replace(text, language):
        def value_of(match):
            value = value_in(match[1], language)
            if value is None:
                return match[0]
            return value + ("" if value.endswith(".") else match[2])

        return PLACEHOLDER_AND_PERIOD.sub(value_of, text)

    return [
        {key: section[key] if key == "component" else replace(section[key], key[-2:]) for key in SECTION_KEYS}
        for section in sections
    ]


PLACE_CONTEXT = 40  # characters of the template's text on each side of a placeholder that say where it is


def _places(template_sections, name):
    """[(component, key, snippet)]: each place the placeholder `name` is in the template, with the words
    around it up to PLACE_CONTEXT characters, within its line and without another placeholder ("takes
    effect on {effective_date} and lasts")."""
    found = []
    for section in template_sections:
        for key in SECTION_KEYS[1:]:
            text = section[key]
            for match in PLACEHOLDER.finditer(text):
                if match[1] != name:
                    continue
                before = re.split(r"[{}\n]", text[max(match.start() - PLACE_CONTEXT, 0) : match.start()])[-1]
                after = re.split(r"[{}\n]", text[match.end() : match.end() + PLACE_CONTEXT])[0]
                before = before if match.start() - len(before) <= 0 else before.partition(" ")[2]
                after = after if match.end() + len(after) >= len(text) else after.rpartition(" ")[0]
                found.append((section["component"], key, f"{before}{match[0]}{after}"))
    return found


def refill(template_sections, sections, old_values, new_values):
    """The edited `sections` saying the placeholder values that changed: where the template put a value,
    the text that said the old one (the words around it included) now says the new one. AgreementError
    where the text there was reworded and says neither: the value and the text would disagree (the
    signed text would say one term, the desk count another)."""
    edited = {section["component"]: section for section in sections}
    sections = [dict(section) for section in sections]
    by_component = {section["component"]: section for section in sections}
    unmatched = []
    for name in seed_text.PLACEHOLDERS:
        if old_values.get(name, "") == new_values.get(name, ""):
            continue
        for component, key, snippet in _places(template_sections, name):
            if component not in by_component:  # a section deleted
                continue
            blank = dict.fromkeys(SECTION_KEYS, "") | {"component": component, key: snippet}
            old, new = (fill([blank], values)[0][key] for values in (old_values, new_values))
            section = by_component[component]
            if old in section[key]:
                section[key] = section[key].replace(old, new)
            elif new not in edited[component][key]:  # neither the old value nor the new one (typed there)
                unmatched.append((name, old))
    if unmatched:
        name, old = unmatched[0]
        raise AgreementError(
            _(
                "The text no longer reads “%(text)s” where the template puts “%(name)s”: write the new "
                "value in the text yourself, or keep the value as it was."
            )
            % {"text": old.strip(), "name": placeholder_label(name)},
            code=name,
        )
    return sections


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
        # A browser sends a textarea's line breaks as \r\n: stored as \n, as the template's text is.
        row = {key: normalize_newlines(str(section.get(key, "") or "")).strip() for key in SECTION_KEYS}
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
    template_sections = agreement.template.section_dicts()
    values = clean_values(values, template_sections)
    sections = refill(template_sections, sections, agreement.values, values)
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
def approve(*, agreement, user, version=None, comments_read=0, request=None):
    """An administrator approves the latest version (`version`, when given, is the number reviewed: a newer
    one saved meanwhile refuses the approval). Review comments made on that version were not acted on (the
    text has not changed since): `comments_read` is how many of them the administrator confirmed having
    read, and fewer than there are now refuses the approval (comments on earlier versions do not count)."""
    _require_admin(agreement, user)
    latest = agreement.latest_version()
    if version is not None and version != latest.number:
        raise AgreementError(
            _("A newer version was saved while you reviewed: review version %(number)s.")
            % {"number": latest.number},
            code="stale",
        )
    if noted := latest.sections_with_drafting_notes():
        raise AgreementError(
            _(
                "The text still holds a note to the drafters (“[Model text: …]”), which must not reach the "
                "parties: delete it from %(sections)s, then approve."
            )
            % {"sections": ", ".join(f"“{heading}”" for heading in noted)},
            code="drafting_note",
        )
    # An agreement that cannot be approved now is refused for its status (as stored), not for its comments.
    stored = Agreement.objects.filter(pk=agreement.pk).values_list("status", flat=True).get()
    agreement.check_transition(Agreement.Status.APPROVED, source=stored)
    if (made := latest.comments.count()) > comments_read:
        raise AgreementError(
            ngettext(
                "%(count)s review comment was made on version %(number)s and the text has not changed "
                "since: confirm that you have read it, then approve.",
                "%(count)s review comments were made on version %(number)s and the text has not changed "
                "since: confirm that you have read them, then approve.",
                made,
            )
            % {"count": made, "number": latest.number},
            code="unread_comments",
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


# Printing


def printed_version(agreement):
    """The version an agreement's printed text shows: the approved one, else the latest."""
    return agreement.approved_version or agreement.latest_version()


def printed_sections(version, language):
    """(heading, body) of each section of `version` in `language` ("en" or "es")."""
    suffix = "es" if language == "es" else "en"
    return [(s[f"heading_{suffix}"], s[f"body_{suffix}"]) for s in version.sections]


def verification_page(request=None):
    """Where a printed document can be checked: an absolute address when there is a request."""
    url = reverse("verify")
    return request.build_absolute_uri(url) if request is not None else url


@transaction.atomic
def generate_agreement_pdf(*, agreement, user, request=None):
    """Print the agreement's text (its approved version, else its latest) in the language of its signing
    copy, signed, as the next version of the document: an earlier PDF is never overwritten. Anyone with a
    role in the agreement's organization (and superusers, from the admin) may. Raises
    SigningNotConfigured when no signing certificate is set up (nothing is saved)."""
    if not user.is_superuser:
        require_role(user, agreement.organization)
    version = printed_version(agreement)
    language = agreement.language
    with translation.override(language):
        title = _("Neutrality agreement: %(employer)s (version %(number)s)") % {
            "employer": agreement.worksite.employer_name,
            "number": version.number,
        }
    document = create_document(
        organization=agreement.organization,
        kind=AGREEMENT_TEXT,
        title=title,
        template="pdf/agreement_text.html",
        context={
            "agreement": agreement,
            "worksite": agreement.worksite,
            "version": version,
            "approved": version == agreement.approved_version,
            "sections": printed_sections(version, language),
            "verify_url": verification_page(request),
        },
        language=language,
        user=user,
        subject=reference_of(agreement),
        access=Access.ORGANIZATION,
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        actor=user,
        obj=agreement,
        summary=(
            f"agreement text printed as PDF version {document.version} from agreement version "
            f"{version.number} ({version.sha256}); sha256 {document.sha256}"
        ),
    )
    return document
@transaction.atomic
def add_review_comment(*, agreement, text, user, component="", request=None):
    """A comment on the latest version, on one section (`component`) or on the whole agreement (""), by
    anyone of the organization, while the text may still change. The status stays as it is."""
    require_role(user, agreement.organization)
    if not agreement.open_to_comments:
        raise AgreementError(
            _("Comments are closed while the agreement is “%(status)s”.")
            % {"status": agreement.get_status_display()},
            code="status",
        )
    latest = agreement.latest_version()
    if component and component not in {section["component"] for section in latest.sections}:
        raise AgreementError(_("Choose a section of this agreement."), code="component")
    text = (text or "").strip()
    if not text:
        raise AgreementError(_("Write a comment."), code="comment")
    comment = ReviewComment.objects.create(
        agreement=agreement, version=latest, component=component, text=text, author=user
    )
    where = f"section {component}" if component else "the whole agreement"
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=agreement,
        summary=f"review comment on version {latest.number}, {where}",
    )
    return comment


# After signing: breaches


def _check_section(agreement, component):
    if component not in dict(agreement.section_choices()):
        raise AgreementError(_("Choose a section of this agreement."), code="component")


def _require_breach_admin(breach, user):
    if user.role_in(breach.organization) != Role.ADMIN:
        raise PermissionDenied


@transaction.atomic
def report_breach(*, agreement, incident, component, description, user, request=None):
    """Anyone of the organization links an incident of the agreement's worksite to the active agreement as
    a breach of one of its sections (`component`), saying what the employer did."""
    require_role(user, agreement.organization)
    if not agreement.is_active:
        raise AgreementError(_("Breaches are reported against an active agreement."), code="status")
    if incident.worksite_id != agreement.worksite_id:
        raise AgreementError(_("Choose an incident at this agreement's worksite."), code="incident")
    if not covers(agreement, incident):
        raise AgreementError(
            _("The agreement was not in force on %(day)s, the day of this incident: choose one in its term.")
            % {"day": date_format(incident.local_date)},
            code="incident",
        )
    _check_section(agreement, component)
    description = (description or "").strip()
    if not description:
        raise AgreementError(_("Say what the employer did."), code="description")
    if BreachReport.objects.filter(agreement=agreement, incident=incident).exists():
        raise AgreementError(
            _("This incident is already linked to this agreement: open its breach report."), code="duplicate"
        )
    breach = BreachReport.objects.create(
        agreement=agreement,
        incident=incident,
        component=component,
        description=description,
        status=BreachReport.Status.REPORTED,
        reported_by=user,
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=breach,
        summary=f"breach reported: incident {incident.uuid}, section {component}",
    )
    return breach


def covers(agreement, incident):
    """Does the active `agreement` cover the day `incident` happened (within its term, where dated)? The
    day is the incident's at its worksite (the worksite's time zone)."""
    day = incident.local_date
    return not (
        (agreement.effective_on and day < agreement.effective_on)
        or (agreement.expires_on and day > agreement.expires_on)
    )


def covered(agreement, incidents):
    """`incidents` (of the agreement's worksite) narrowed to the days the agreement covers (`covers`), in
    SQL: from the first day's midnight to the day after the last's, at the worksite (its time zone)."""
    zone = agreement.worksite.zone
    if agreement.effective_on:
        incidents = incidents.filter(occurred_at__gte=zones.start_of(agreement.effective_on, zone))
    if agreement.expires_on:
        day_after = agreement.expires_on + datetime.timedelta(days=1)
        incidents = incidents.filter(occurred_at__lt=zones.start_of(day_after, zone))
    return incidents


@transaction.atomic
def flag_possible_breaches(*, incident):
    """Flag an immigration-related incident as a possible breach of each active agreement covering its
    worksite on that day, and email the organization's administrators (once the flags are committed).
    Idempotent: an incident already linked to an agreement is left as it is."""
    if incident.type not in IMMIGRATION_INCIDENT_TYPES:
        return []
    flagged = []
    for agreement in Agreement.objects.active().filter(worksite_id=incident.worksite_id).order_by("pk"):
        if not covers(agreement, incident):
            continue
        breach, created = BreachReport.objects.get_or_create(
            agreement=agreement,
            incident=incident,
            defaults={"status": BreachReport.Status.POSSIBLE, "flagged_automatically": True},
        )
        if created:
            AuditEvent.objects.record(
                action=AuditEvent.Action.CREATE,
                obj=breach,
                summary=f"possible breach flagged automatically: incident {incident.uuid}",
            )
            flagged.append(breach)
    if flagged:
        ids = [breach.pk for breach in flagged]
        transaction.on_commit(lambda: notify_admins(breaches=BreachReport.objects.filter(pk__in=ids)))
    return flagged


def flag_incident(incident_id):
    """`flag_possible_breaches` for an incident saved in a transaction now committed (see apps.py)."""
    incident = Incident.objects.select_related("worksite__organization").filter(pk=incident_id).first()
    if incident is not None:
        flag_possible_breaches(incident=incident)


def site_url(path):
    """An absolute link for an email (SITE_URL + path); the bare path when SITE_URL is not set."""
    return f"{settings.SITE_URL}{path}"


def organization_admins(organization):
    """The organization's administrators who can be emailed."""
    return (
        User.objects.filter(
            is_active=True, memberships__organization=organization, memberships__role=Role.ADMIN
        )
        .exclude(email="")
        .order_by("pk")
    )


def possible_breach_email(breach, recipient):
    """(subject, body) in the recipient's language: the worksite, the kind of incident, its date and a
    link. Nothing about the workers (no names, no description)."""
    incident = breach.incident
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "worksite": breach.agreement.worksite.display_name,
            "incident_type": incident.get_type_display(),
            "occurred_on": incident.local_date,
            "url": site_url(breach.get_absolute_url()),
        }
        subject = render_to_string("agreements/email/possible_breach_subject.txt", context).strip()
        body = render_to_string("agreements/email/possible_breach.txt", context)
    return subject, body


def notify_admins(*, breaches):
    """Email each administrator of the breaches' organizations about the possible breaches; a mail server
    that fails is logged, and the breaches stay on the dashboard for review."""
    for breach in breaches.select_related("agreement__worksite__organization", "incident"):
        admins = list(organization_admins(breach.organization))
        sent = 0
        for admin in admins:
            subject, body = possible_breach_email(breach, admin)
            try:
                send_mail(subject, body, None, [admin.email])
            except (smtplib.SMTPException, OSError):
                log.exception("Could not email administrator %s about a possible breach.", admin.pk)
            else:
                sent += 1
        AuditEvent.objects.record(
            action=AuditEvent.Action.UPDATE,
            obj=breach,
            summary=f"possible breach: {sent} of {len(admins)} administrators notified by email",
        )


@transaction.atomic
def confirm_breach(*, breach, component, user, description="", request=None):
    """An administrator confirms a possible breach as reported, naming the section breached."""
    _require_breach_admin(breach, user)
    _check_section(breach.agreement, component)
    transition(breach, BreachReport.Status.REPORTED, user=user, request=request)
    breach.component = component
    breach.reported_by = user
    description = (description or "").strip()
    if description:
        breach.description = description
    breach.save(update_fields=["component", "reported_by", "description"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=breach,
        summary=f"possible breach confirmed: section {component}",
    )
    return breach


@transaction.atomic
def dismiss_breach(*, breach, reason, user, request=None):
    """An administrator decides a possible breach is not one, saying why."""
    _require_breach_admin(breach, user)
    reason = (reason or "").strip()
    if not reason:
        raise AgreementError(_("Say why this is not a breach."), code="reason")
    transition(breach, BreachReport.Status.DISMISSED, user=user, request=request)
    breach.resolution = reason
    breach.save(update_fields=["resolution"])
    return breach


def default_cure_by(worksite):
    """CURE_BUSINESS_DAYS business days from today at `worksite` (its agreement runs on its calendar)."""
    return add_business_days(timezone.localdate(timezone.now(), worksite.zone), CURE_BUSINESS_DAYS)


def _check_cure_by(breach, cure_by):
    """A cure period cannot end before the incident it is about (a date in the past is history)."""
    day = breach.incident.local_date
    if cure_by < day:
        raise AgreementError(
            _("The cure period cannot end before the incident, on %(day)s.") % {"day": date_format(day)},
            code="cure_by",
        )


@transaction.atomic
def set_breach_status(*, breach, status, user, cure_by=None, resolution="", request=None):
    """An administrator moves a reported breach on: raised with the employer (the cure period ends on
    `cure_by`, by default CURE_BUSINESS_DAYS business days from today at the worksite), grievance or
    arbitration, resolved (saying how). A possible breach is confirmed or dismissed instead."""
    _require_breach_admin(breach, user)
    if breach.status == BreachReport.Status.POSSIBLE:
        raise AgreementError(_("Confirm or dismiss the possible breach first."), code="status")
    resolution = (resolution or "").strip()
    if status == BreachReport.Status.RESOLVED and not resolution:
        raise AgreementError(_("Say how the breach was resolved."), code="resolution")
    if status == BreachReport.Status.RAISED and cure_by is not None:
        _check_cure_by(breach, cure_by)
    transition(breach, status, user=user, request=request)
    if status == BreachReport.Status.RAISED:
        breach.cure_by = cure_by or default_cure_by(breach.agreement.worksite)
        breach.save(update_fields=["cure_by"])
        AuditEvent.objects.record(
            action=AuditEvent.Action.UPDATE,
            request=request,
            actor=user,
            obj=breach,
            summary=f"cure period ends {breach.cure_by.isoformat()}",
        )
    elif status == BreachReport.Status.RESOLVED:
        breach.resolution = resolution
        breach.save(update_fields=["resolution"])
    return breach


@transaction.atomic
def set_cure_by(*, breach, cure_by, user, request=None):
    """An administrator changes the end of the cure period of a breach raised with the employer."""
    _require_breach_admin(breach, user)
    breach = BreachReport.objects.select_for_update().get(pk=breach.pk)
    if breach.status != BreachReport.Status.RAISED:
        raise AgreementError(
            _("The cure period runs only while the breach is raised with the employer."), code="status"
        )
    if cure_by is None:
        raise AgreementError(_("Give the day the cure period ends."), code="cure_by")
    _check_cure_by(breach, cure_by)
    old = breach.cure_by
    breach.cure_by = cure_by
    breach.save(update_fields=["cure_by"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=breach,
        summary=f"cure period changed: {old.isoformat() if old else 'none'} → {cure_by.isoformat()}",
    )
    return breach


# After signing: the end of the term


@transaction.atomic
def terminate_agreement(*, agreement, reason, user, request=None):
    """An administrator ends an active agreement before its term, giving the reason."""
    _require_admin(agreement, user)
    reason = (reason or "").strip()
    if not reason:
        raise AgreementError(_("Give the reason for ending the agreement."), code="reason")
    transition(agreement, Agreement.Status.TERMINATED, user=user, request=request)
    agreement.terminated_at = timezone.now()
    agreement.termination_reason = reason
    agreement.save(update_fields=["terminated_at", "termination_reason", "updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=agreement,
        summary="agreement terminated",
    )
    return agreement


def expire_agreements(*, today=None):
    """Move every active agreement whose term ended before `today` (default: today at its worksite, whose
    calendar its term runs on) to expired, each in its own transaction and audited. Idempotent: returns
    the agreements expired by this run."""
    now = timezone.now()
    ended = Agreement.objects.active().filter(expires_on__lt=today or zones.latest_today())
    expired = []
    for agreement in ended.select_related("worksite").order_by("expires_on", "pk"):
        if today is None and agreement.expires_on >= timezone.localdate(now, agreement.worksite.zone):
            continue  # its last day is not over at the worksite
        try:
            with transaction.atomic():
                transition(agreement, Agreement.Status.EXPIRED, user=None)
                AuditEvent.objects.record(
                    action=AuditEvent.Action.UPDATE,
                    obj=agreement,
                    summary=f"agreement expired: its term ended on {agreement.expires_on.isoformat()}",
                )
        except TransitionNotAllowed:  # changed meanwhile (terminated...)
            continue
        expired.append(agreement)
    return expired


__all__ = [
    "AgreementError",
    "TransitionNotAllowed",
    "add_review_comment",
    "approve",
    "clean_values",
    "confirm_breach",
    "create_agreement",
    "dismiss_breach",
    "expire_agreements",
    "fill",
    "flag_possible_breaches",
    "generate_agreement_pdf",
    "new_template_version",
    "publish_template",
    "report_breach",
    "request_changes",
    "save_draft",
    "set_breach_status",
    "set_cure_by",
    "submit_for_review",
    "template_text",
    "terminate_agreement",
]
