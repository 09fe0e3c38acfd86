import datetime

import pytest
from django.utils import timezone

from agreements import models, services
from agreements.models import Agreement, AgreementTemplate, AgreementVersion, canonical_sha256
from cases.models import IncidentType
from tests.cases.factories import IncidentFactory, WorksiteFactory

VALUES = {
    "employer": "Acme Poultry",
    "union": "Local 705",
    "sites": "the Cicero plant",
    "term_months": "24",
    "effective_date": "2027-03-01",
}


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")


@pytest.fixture
def template(db):
    """Version 1 of the model agreement, published by the data migration."""
    return AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)


def without_drafting_notes(agreement):
    """The agreement's text as legal staff leave it after their review: the model text's notes to the
    drafters deleted (an approval refuses a text that still holds one). Set in the database: versions are
    written once."""
    version = agreement.latest_version()
    sections = models.without_drafting_notes(version.sections)
    versions = AgreementVersion.objects.filter(pk=version.pk)
    versions.update(sections=sections, sha256=canonical_sha256(sections))
    return agreement


def create_agreement(site, template, user, **values):
    """An agreement drafted from the model text (VALUES, with `values` instead), reviewed by legal staff
    (without_drafting_notes)."""
    return without_drafting_notes(
        services.create_agreement(worksite=site, template=template, values={**VALUES, **values}, user=user)
    )


@pytest.fixture
def agreement(site, template, organizer):
    return create_agreement(site, template, organizer)


# Agreements after signing. The e-signature flow makes agreements active; these tests make them directly.

EFFECTIVE_ON = datetime.date(2026, 1, 1)
EXPIRES_ON = datetime.date(2027, 12, 31)
# A Friday morning in Chicago: ten business days later is Monday June 22 (Friday the 19th, Juneteenth,
# skipped).
NOW = datetime.datetime(2026, 6, 5, 15, 0, tzinfo=datetime.UTC)


def make_active(site, template, user, *, effective_on=EFFECTIVE_ON, expires_on=EXPIRES_ON):
    agreement = create_agreement(site, template, user)
    Agreement.objects.filter(pk=agreement.pk).update(
        status=Agreement.Status.ACTIVE,
        effective_on=effective_on,
        expires_on=expires_on,
        executed_at=datetime.datetime(2025, 12, 20, 12, 0, tzinfo=datetime.UTC),
    )
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def active_agreement(site, template, organizer):
    return make_active(site, template, organizer)


@pytest.fixture
def incident(site, organizer):
    """A wage theft at the site on March 10, 2026 (not immigration-related: never flagged)."""
    return IncidentFactory(worksite=site, created_by=organizer, type=IncidentType.WAGE_THEFT)


@pytest.fixture
def clock(monkeypatch):
    """The clock stopped at NOW."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW
