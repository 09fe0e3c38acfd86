import datetime

import pytest
from django.utils import translation

from contracts import services
from contracts.models import Clause
from tests.cases.factories import WorksiteFactory

VALUES = {
    "employer": "Acme Poultry",
    "union": "Local 705",
    "notice_hours": "24",
    "notice_days": "5",
    "cure_days": "120",
    "leave_days": "90",
    "rehire_months": "12",
    "training_hours": "4",
    "fund_cents": "5",
    "languages": "English, Spanish and K'iche'",
}
DAY = datetime.date(2026, 11, 2)
LATER_DAY = datetime.date(2026, 11, 9)


@pytest.fixture(autouse=True)
def _english():
    """Messages compared in English, whatever language a page of an earlier test switched to."""
    with translation.override("en"):
        yield


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")


@pytest.fixture
def proposal(site, organizer):
    return services.create_proposal(
        worksite=site,
        title="First contract",
        bargaining_unit="Production workers",
        values=VALUES,
        user=organizer,
    )


def clause(code):
    return Clause.objects.get(code=code)


@pytest.fixture
def composed(proposal, organizer):
    """A proposal with two articles: the warrant clause and union notice; then no-match letters."""
    services.add_clauses(
        proposal=proposal,
        clauses=[clause("ice-access-judicial-warrant"), clause("union-notice-immediate")],
        heading_en="Immigration enforcement",
        heading_es="Control migratorio",
        user=organizer,
    )
    services.add_clauses(proposal=proposal, clauses=[clause("no-match-letters")], user=organizer)
    return proposal


@pytest.fixture
def at_table(composed, organizer):
    services.open_bargaining(proposal=composed, date=DAY, user=organizer)
    return composed
