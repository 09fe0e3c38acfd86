"""Deterministic factories for U-visa records."""

import factory

from tests.cases.factories import ReferralFactory, WorksiteFactory
from tests.factories import OrganizationFactory, UserFactory
from uvisa.models import CertificationRequest, CertifyingAgency, ClientCase, QualifyingActivity


class ClientCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientCase

    organization = factory.SubFactory(OrganizationFactory)
    created_by = factory.SubFactory(UserFactory)


def case_for(organization, user, **fields):
    return ClientCaseFactory(organization=organization, created_by=user, **fields)


def agency(code):
    return CertifyingAgency.objects.get(code=code)


def activity(code):
    return QualifyingActivity.objects.get(code=code)


class CertificationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationRequest

    case = factory.SubFactory(ClientCaseFactory)
    agency = factory.LazyFunction(lambda: CertifyingAgency.objects.get(code="dol_whd"))
    created_by = factory.SelfAttribute("case.created_by")


__all__ = ["ReferralFactory", "WorksiteFactory"]
