"""Deterministic factories for cases (no randomness): sequences give every record a predictable name."""

import datetime

import factory

from cases.models import AgencyFiling, Contact, Incident, IncidentType, Stage, StageChange, Worksite
from tests.factories import OrganizationFactory, UserFactory

WHEN = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)


class WorksiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worksite

    organization = factory.SubFactory(OrganizationFactory)
    employer_name = factory.Sequence(lambda n: f"Employer {n:03d} LLC")
    city = "Chicago"
    state = "IL"
    created_by = factory.SubFactory(UserFactory)


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    worksite = factory.SubFactory(WorksiteFactory)
    stage = Stage.COMMITTEE
    date = datetime.date(2026, 3, 1)
    recorded_by = factory.SelfAttribute("worksite.created_by")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    worksite = factory.SubFactory(WorksiteFactory)
    name = factory.Sequence(lambda n: f"Worker {n:03d}")
    committee_role = Contact.CommitteeRole.LEADER
    created_by = factory.SelfAttribute("worksite.created_by")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    worksite = factory.SubFactory(WorksiteFactory)
    type = IncidentType.WAGE_THEFT
    occurred_at = WHEN
    description = factory.Sequence(lambda n: f"Incident {n:03d}")
    created_by = factory.SelfAttribute("worksite.created_by")


class AgencyFilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyFiling

    worksite = factory.SubFactory(WorksiteFactory)
    agency = AgencyFiling.Agency.WHD
    case_number = factory.Sequence(lambda n: f"WHD-{n:05d}")
    filed_on = datetime.date(2026, 3, 15)
    created_by = factory.SelfAttribute("worksite.created_by")


# The filing factory under the name the view tests use.
FilingFactory = AgencyFilingFactory


class ProtectedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.ProtectedActivity"

    worksite = factory.SubFactory(WorksiteFactory)
    kind = "organizing"
    date = datetime.date(2026, 3, 5)
    description = factory.Sequence(lambda n: f"Committee meeting {n:03d}")
    created_by = factory.SelfAttribute("worksite.created_by")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Referral"

    incident = factory.SubFactory(IncidentFactory)
    reason = "The supervisor threatened to call immigration on the workers who signed the petition."
    referred_by = factory.SelfAttribute("incident.created_by")
