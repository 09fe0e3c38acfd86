import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from cases.models import Referral, Worksite
from power_campaign.accounts import services
from power_campaign.accounts.access import (
    LegalOnlyQuerySet,
    OrganizationFromField,
    OrganizationScopedQuerySet,
    require_role,
)
from power_campaign.accounts.models import Organization, Role
from tests.cases.factories import IncidentFactory, ReferralFactory, StageChangeFactory, WorksiteFactory
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_organizations_for_user_are_only_their_memberships(organization, other_organization):
    user = member("organizer", organization)
    assert list(Organization.objects.for_user(user)) == [organization]


def test_organizations_for_user_can_be_limited_to_roles(organization, other_organization):
    user = member("organizer", organization)
    MembershipFactory(user=user, organization=other_organization, role="admin")
    assert list(Organization.objects.for_user(user, roles=["admin"])) == [other_organization]


def test_coalition_staff_see_every_organization(organization, other_organization):
    user = UserFactory(coalition_role="legal")
    assert list(Organization.objects.for_user(user)) == [other_organization, organization]
    assert list(Organization.objects.for_user(user, roles=["admin"])) == []
    assert user.role_in(other_organization) == "legal"


def test_inactive_user_sees_no_organization(organization):
    user = member("admin", organization, is_active=False)
    assert list(Organization.objects.for_user(user)) == []


def test_get_for_user_hides_other_organizations_as_not_found(organization, other_organization):
    user = member("admin", organization)
    with pytest.raises(Http404):
        Organization.objects.get_for_user(user, uuid=other_organization.uuid)


def test_get_for_user_forbids_a_role_that_may_not_act(organization):
    user = member("organizer", organization)
    with pytest.raises(PermissionDenied):
        Organization.objects.get_for_user(user, roles=["admin"], uuid=organization.uuid)


def test_get_for_user_treats_a_malformed_id_as_not_found(organization):
    user = member("admin", organization)
    with pytest.raises(Http404):
        Organization.objects.get_for_user(user, uuid="not-a-uuid")


def test_require_role_allows_the_listed_role(organization):
    user = member("legal", organization)
    assert require_role(user, organization, "legal", "admin") is None


def test_require_role_refuses_a_non_member():
    user = member("admin")
    with pytest.raises(PermissionDenied):
        require_role(user, OrganizationFactory(), "admin")


def test_membership_role_wins_over_coalition_role(organization):
    user = member("organizer", organization, coalition_role="admin")
    assert user.role_in(organization) == "organizer"
    assert user.roles() == {"organizer", "admin"}


def test_two_factor_is_required_by_role(settings, organization):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    assert member("legal", organization).requires_two_factor() is True
    assert member("organizer", organization).requires_two_factor() is False


def test_staff_accounts_need_two_factor_whenever_any_role_does(settings):
    staff = UserFactory(is_staff=True)
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    assert staff.requires_two_factor() is True
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert staff.requires_two_factor() is False


# Sensitive records: LegalOnlyQuerySet refuses every role but legal staff and administrators.


class IncidentSensitiveQuerySet(LegalOnlyQuerySet):
    """Test-only: the platform default (legal staff and administrators) applied to referrals."""

    organization_field = "incident__worksite__organization"


@pytest.fixture
def referral(organization):
    return ReferralFactory(incident=IncidentFactory(worksite=WorksiteFactory(organization=organization)))


def sensitive():
    return IncidentSensitiveQuerySet(model=Referral)


def test_legal_only_queryset_lists_records_for_legal_staff_and_administrators_only(organization, referral):
    assert list(sensitive().for_user(member("legal", organization))) == [referral]
    assert list(sensitive().for_user(member("admin", organization))) == [referral]
    assert list(sensitive().for_user(member("organizer", organization))) == []


def test_legal_only_queryset_refuses_other_roles_one_record(organization, referral):
    assert sensitive().get_for_user(member("admin", organization), uuid=referral.uuid) == referral
    with pytest.raises(PermissionDenied):
        sensitive().get_for_user(member("organizer", organization), uuid=referral.uuid)


def test_legal_only_queryset_hides_another_organizations_record(other_organization, referral):
    with pytest.raises(Http404):
        sensitive().get_for_user(member("legal", other_organization), uuid=referral.uuid)
    assert list(sensitive().for_user(member("legal", other_organization))) == []


def test_legal_only_queryset_is_widened_only_by_naming_roles(organization, referral):
    organizer = member("organizer", organization)
    assert list(sensitive().for_user(organizer, roles=[Role.ORGANIZER, Role.LEGAL])) == [referral]
    assert sensitive().get_for_user(organizer, roles=[Role.ORGANIZER], uuid=referral.uuid) == referral


def test_referrals_are_for_legal_staff_only(organization, referral):
    assert list(Referral.objects.for_user(member("legal", organization))) == [referral]
    assert list(Referral.objects.for_user(member("admin", organization))) == []
    with pytest.raises(PermissionDenied):
        Referral.objects.get_for_user(member("admin", organization), uuid=referral.uuid)


def test_organization_follows_the_querysets_organization_field(organization, referral):
    incident = referral.incident
    assert (referral.organization, incident.organization) == (organization, organization)
    assert StageChangeFactory(worksite=incident.worksite).organization == organization


def test_organization_needs_a_path_to_follow():
    class Unscoped(OrganizationFromField):
        """Test-only: a record whose queryset was left with the default `organization_field`."""

        class _default_manager:
            @staticmethod
            def get_queryset():
                return OrganizationScopedQuerySet()

    with pytest.raises(ImproperlyConfigured) as error:
        _ = Unscoped().organization
    assert str(error.value) == (
        "Unscoped: give its queryset an organization_field such as 'worksite__organization'."
    )


def test_scoped_queries_name_the_users_organizations(organization, other_organization):
    """The organizations are listed in the query (so the database plans with theirs), not a subquery."""
    user = member("organizer", organization)
    MembershipFactory(user=user, organization=other_organization, role="legal")
    first, second = sorted([organization.pk, other_organization.pk])
    assert f'"cases_worksite"."organization_id" IN ({first}, {second})' in str(
        Worksite.objects.for_user(user).query
    )


def test_scoped_queries_follow_a_role_the_user_gave_up_during_the_request(organization):
    admin = member("admin", organization)
    member("admin", organization)
    assert admin.role_in(organization) == "admin"  # memberships read (as a request does)
    services.change_role(membership=admin.memberships.get(), role="legal", user=admin)
    assert list(Organization.objects.for_user(admin, roles=["admin"])) == []
    assert list(Organization.objects.for_user(admin, roles=["legal"])) == [organization]


def test_scoped_queries_follow_a_membership_the_user_removed_during_the_request(organization):
    admin = member("admin", organization)
    member("admin", organization)
    WorksiteFactory(organization=organization)
    assert admin.role_in(organization) == "admin"
    services.remove_member(membership=admin.memberships.get(), user=admin)
    assert list(Worksite.objects.for_user(admin)) == []
