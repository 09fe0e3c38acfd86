import pytest

from agreements import services
from agreements.models import AgreementTemplate
from tests.cases.factories import WorksiteFactory

VALUES = {
    "employer": "Acme Poultry",
    "union": "Local 705",
    "sites": "the Cicero plant",
    "term_months": "24",
    "effective_date": "March 1, 2027",
}


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")


@pytest.fixture
def template(db):
    """Version 1 of the model agreement, published by the data migration."""
    return AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)


@pytest.fixture
def agreement(site, template, organizer):
    return services.create_agreement(worksite=site, template=template, values=dict(VALUES), user=organizer)
