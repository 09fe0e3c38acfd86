import pytest

from tests.cases.factories import IncidentFactory, ReferralFactory, WorksiteFactory
from tests.uvisa.factories import ClientCaseFactory


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(
        organization=organization, created_by=organizer, employer_name="Acme Poultry", state="IL"
    )


@pytest.fixture
def referral(site, organizer):
    incident = IncidentFactory(worksite=site, type="assault", created_by=organizer)
    return ReferralFactory(incident=incident, referred_by=organizer)


@pytest.fixture
def case(organization, site, legal):
    """A case open to all legal staff of the organization (not assigned)."""
    return ClientCaseFactory(organization=organization, worksite=site, created_by=legal)
