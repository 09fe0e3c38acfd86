"""The admin's scoping helpers: fields hidden by role, and the scoped "view on site" shortcut."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from cases.models import Contact, Worksite
from power_campaign.accounts.admin_scoping import OrganizationScopedAdmin
from power_campaign.accounts.models import Role
from tests.cases.factories import ContactFactory, WorksiteFactory
from tests.factories import MembershipFactory, UserFactory, member, packet_with_exhibits

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts


class NameForLegalAdmin(OrganizationScopedAdmin):
    """A test-only admin: a contact's name is shown to legal staff only."""

    field_roles = {"name": (Role.LEGAL,)}
    fields = ["worksite", ("name", "committee_role"), "preferred_language"]
    list_display = ["name", "committee_role"]
    list_filter = ["committee_role", ("name", admin.AllValuesFieldListFilter)]
    search_fields = ["^name", "worksite__employer_name"]


def request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def contact_admin():
    return NameForLegalAdmin(Contact, admin.AdminSite())


@pytest.fixture
def contact(organization):
    return ContactFactory(worksite=WorksiteFactory(organization=organization), name="Ana Ruiz")


def test_field_roles_hide_a_field_from_other_roles_everywhere(contact_admin, contact, organization):
    request = request_of(member("admin", organization))
    assert contact_admin.get_fields(request, contact) == [
        "worksite",
        ("committee_role",),
        "preferred_language",
    ]
    assert list(contact_admin.get_form(request, contact).base_fields) == [
        "worksite",
        "committee_role",
        "preferred_language",
    ]
    assert contact_admin.get_list_display(request) == ["committee_role"]
    assert contact_admin.get_list_filter(request) == ["committee_role"]
    assert contact_admin.get_search_fields(request) == ["worksite__employer_name"]
    assert contact_admin.lookup_allowed("name__icontains", "Ana", request) is False
    assert contact_admin.lookup_allowed("committee_role", "leader", request) is True


def test_field_roles_show_the_field_to_the_named_role(contact_admin, contact, organization):
    request = request_of(member("legal", organization))
    assert contact_admin.get_fields(request, contact) == [
        "worksite",
        ("name", "committee_role"),
        "preferred_language",
    ]
    assert contact_admin.get_list_display(request) == ["name", "committee_role"]
    assert contact_admin.get_search_fields(request) == ["^name", "worksite__employer_name"]
    assert contact_admin.lookup_allowed("name__icontains", "Ana", request) is True


def test_field_roles_on_lists_need_the_role_in_every_organization(
    contact_admin, contact, organization, other_organization
):
    user = member("legal", organization)
    MembershipFactory(user=user, organization=other_organization, role=Role.ORGANIZER)
    request = request_of(user)
    assert contact_admin.get_list_display(request) == ["committee_role"]
    assert contact_admin.get_fields(request, contact)[1] == ("name", "committee_role")


def test_field_roles_hide_nothing_from_a_superuser(contact_admin, contact):
    request = request_of(UserFactory(is_superuser=True))
    assert contact_admin.get_list_display(request) == ["name", "committee_role"]


# The "view on site" shortcut: /admin/r/<content type>/<pk>/


def shortcut(model, pk):
    content_type = ContentType.objects.get_for_model(model)
    return reverse("admin:view_on_site", kwargs={"content_type_id": content_type.pk, "object_id": pk})


def test_view_on_site_redirects_to_a_record_the_user_may_see(client, organization):
    worksite = WorksiteFactory(organization=organization)
    client.force_login(member("organizer", organization, is_staff=True))
    response = client.get(shortcut(Worksite, worksite.pk))
    assert (response.status_code, response.url) == (302, worksite.get_absolute_url())


def test_view_on_site_hides_another_organizations_record(client, organization, other_organization):
    theirs = WorksiteFactory(organization=other_organization)
    client.force_login(member("admin", organization, is_staff=True))
    assert client.get(shortcut(Worksite, theirs.pk)).status_code == 404
    assert client.get(shortcut(Worksite, theirs.pk + 1000)).status_code == 404
    assert client.get(shortcut(Worksite, "not-a-number")).status_code == 404
    assert client.get(f"/admin/r/999999/{theirs.pk}/").status_code == 404


def test_view_on_site_hides_a_legal_only_packet_from_other_roles(client, organization, legal):
    from power_campaign.documents.models import Packet

    packet = packet_with_exhibits(legal, organization, [], access="legal")
    client.force_login(member("admin", organization, is_staff=True))
    assert client.get(shortcut(Packet, packet.pk)).status_code == 404
    client.force_login(member("legal", organization, is_staff=True))
    response = client.get(shortcut(Packet, packet.pk))
    assert (response.status_code, response.url) == (302, packet.get_absolute_url())


def test_view_on_site_needs_a_staff_account(client, organization):
    worksite = WorksiteFactory(organization=organization)
    client.force_login(member("admin", organization))
    url = shortcut(Worksite, worksite.pk)
    response = client.get(url)
    assert (response.status_code, response.url) == (302, f"/admin/login/?next={url}")


def test_every_admin_of_an_organizations_records_follows_their_access_path():
    """A record with an access path (`for_user`) is shown in the admin only through it: no plain
    ModelAdmin or inline may list legal-only documents, referrals or another organization's records."""
    from power_campaign.accounts.admin_scoping import OrganizationScopedInline, scoped_queryset

    unscoped = []
    for model, model_admin in admin.site._registry.items():
        if scoped_queryset(model) is not None and not isinstance(model_admin, OrganizationScopedAdmin):
            unscoped.append(model._meta.label)
        for inline in model_admin.inlines:
            if scoped_queryset(inline.model) is not None and not issubclass(inline, OrganizationScopedInline):
                unscoped.append(f"{model._meta.label} inline {inline.model._meta.label}")
    assert unscoped == []


def test_scoped_admin_of_packets_follows_their_access_level(organization, legal):
    """Packets have no admin today; one built on OrganizationScopedAdmin would keep legal-only ones legal."""
    from power_campaign.documents.models import Packet

    legal_only = packet_with_exhibits(legal, organization, [], access="legal")
    shared = packet_with_exhibits(legal, organization, [], prefix="ALL", access="organization")
    packet_admin = OrganizationScopedAdmin(Packet, admin.AdminSite())
    staff_admin = request_of(member("admin", organization))
    assert list(packet_admin.get_queryset(staff_admin)) == [shared]
    assert packet_admin.has_view_permission(staff_admin, legal_only) is False
    assert packet_admin.has_view_permission(staff_admin, shared) is True
    assert sorted(packet_admin.get_queryset(request_of(legal)), key=lambda p: p.pk) == [legal_only, shared]
    assert packet_admin.has_view_permission(request_of(legal), legal_only) is True
