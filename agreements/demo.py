"""Demo neutrality agreements (first organization), made through the app's services from the published
model agreement: one in review, one out for signature (the union has signed), one executed with its signed
PDF and certificate, a breach being raised with the employer, and a possible breach flagged automatically
from an ICE visit logged after the agreement took effect.

Run by `manage.py seed_demo` after the cases demo (INSTALLED_APPS order). An organization that already has
an agreement is left alone, so running it again changes nothing. Every name is fictional. The signing
emails go to an in-memory outbox here (the links are taken from it to sign), never to the console.
"""

import datetime
import re

from django.core import mail
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cases import services as cases_services
from cases.models import Worksite
from power_campaign import zones
from power_campaign.accounts.demo import ORGANIZATIONS
from power_campaign.accounts.models import Organization, User

from . import services, signing
from .models import Agreement, AgreementTemplate, without_drafting_notes

UNION = "Warehouse & Food Workers Local 12"
AGREEMENTS = [
    # (employer, how far it goes, signers {party: (name, title, email)})
    ("Prairie Star Meat Processing Inc.", "in_review", {}),
    (
        "Lakeshore Fulfillment Partners LLC",
        "out_for_signature",
        {
            "union": ("Teresa Alvarado", "President, Local 12", "talvarado@local12.example.org"),
            "employer": ("Gregory Novak", "Vice President, Operations", "gnovak@lfp.example.com"),
        },
    ),
    (
        "Pacific Vista Hospitality LLC",
        "active",
        {
            "union": ("Teresa Alvarado", "President, Local 12", "talvarado@local12.example.org"),
            "employer": ("Linda Cho", "General Manager", "lcho@harborview.example.com"),
        },
    ),
]
SIGN_LINK = re.compile(r"/agreements/sign/([A-Za-z0-9_-]+)/")


def _values(worksite):
    return {
        "employer": worksite.employer_name,
        "union": UNION,
        "sites": ", ".join(
            [worksite.dba or worksite.employer_name, worksite.street, worksite.city, worksite.state]
        ),
        "term_months": "36",
        "effective_date": "",  # the day both parties have signed
    }


def _sign(token, name, title):
    signing.sign(
        token=token,
        kind="typed",
        name=name,
        title=title,
        consent_text=str(signing.CONSENT),
        typed=name,
    )


def _seed_agreement(worksite, stage, signers, *, organizer, admin, template):
    agreement = services.create_agreement(
        worksite=worksite, template=template, values=_values(worksite), user=organizer
    )
    # Reviewed by legal staff, who delete the model text's note to the drafters (version 2).
    services.save_draft(
        agreement=agreement,
        sections=without_drafting_notes(agreement.latest_version().sections),
        values=agreement.values,
        user=organizer,
    )
    services.submit_for_review(agreement=agreement, user=organizer)
    if stage == "in_review":
        return agreement
    services.approve(agreement=agreement, user=admin)
    mail.outbox = []
    signing.send_for_signature(
        agreement=agreement,
        signers={
            party: dict(zip(("name", "title", "email"), who, strict=True)) for party, who in signers.items()
        },
        expires_at=timezone.now() + datetime.timedelta(days=14),
        user=admin,
    )
    tokens = {}
    for message in mail.outbox:
        party = next(party for party, who in signers.items() if who[2] in message.to)
        tokens[party] = SIGN_LINK.search(message.body)[1]
    name, title, _email = signers["union"]
    _sign(tokens["union"], name, title)
    if stage == "active":
        name, title, _email = signers["employer"]
        _sign(tokens["employer"], name, title)
    return Agreement.objects.get(pk=agreement.pk)


def _hours_ago_today(hours, worksite):
    """`hours` ago, or the start of today at `worksite` if that was yesterday there: in the term of an
    agreement signed today (its first day is the worksite's)."""
    midnight = zones.start_of(timezone.localdate(timezone.now(), worksite.zone), worksite.zone)
    return max(timezone.now() - datetime.timedelta(hours=hours), midnight)


def _seed_breaches(agreement, *, organizer, admin):
    """A breach raised with the employer (an immigration threat since the agreement took effect), and an ICE
    visit logged now, which the app flags as a possible breach for the administrators."""
    incident = cases_services.create_incident(
        worksite=agreement.worksite,
        user=organizer,
        type="immigration_threat",
        occurred_at=_hours_ago_today(5, agreement.worksite),
        place="Housekeeping office",
        description=(
            "A supervisor told housekeepers that anyone who kept wearing union buttons would be "
            "'reported to immigration'."
        ),
        workers_affected=6,
    )
    breach = services.report_breach(
        agreement=agreement,
        incident=incident,
        component="no_voluntary_cooperation",
        description=(
            "A supervisor told housekeepers that anyone who kept wearing union buttons would be "
            "'reported to immigration'. The agreement bars immigration threats during organizing."
        ),
        user=organizer,
    )
    services.set_breach_status(breach=breach, status="raised", user=admin)
    cases_services.create_incident(
        worksite=agreement.worksite,
        user=organizer,
        type="ice_visit",
        occurred_at=_hours_ago_today(3, agreement.worksite),
        place="Loading dock, service entrance",
        description=(
            "Two agents in plain clothes asked the night manager for the housekeeping schedule. The manager "
            "showed them to the staff break room without asking for a warrant."
        ),
        workers_affected=14,
        ice_document="i200",
    )


def seed(*, password, log):
    name, _kind, suffix = ORGANIZATIONS[0]
    organization = Organization.objects.filter(name=name).first()
    if organization is None or Agreement.objects.filter(worksite__organization=organization).exists():
        log("Demo agreements: already there.")
        return
    organizer = User.objects.get(username=f"organizer{suffix}")
    admin = User.objects.get(username=f"admin{suffix}")
    template = AgreementTemplate.objects.filter(status=AgreementTemplate.Status.PUBLISHED).latest("version")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for employer, stage, signers in AGREEMENTS:
            worksite = Worksite.objects.filter(organization=organization, employer_name=employer).first()
            if worksite is None:
                continue
            with transaction.atomic():
                agreement = _seed_agreement(
                    worksite, stage, signers, organizer=organizer, admin=admin, template=template
                )
            if agreement.status == Agreement.Status.ACTIVE:
                _seed_breaches(agreement, organizer=organizer, admin=admin)
        mail.outbox = []
    log(
        "Demo agreements: one in review, one out for signature (the union has signed), one executed with "
        "its signed PDF, a breach raised with the employer and a possible breach to review."
    )
