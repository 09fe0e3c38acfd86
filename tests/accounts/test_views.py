import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.accounts.models import User
from power_campaign.audit.models import AuditEvent
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_account_page_shows_memberships_and_two_factor_status(client, organizer, organization):
    client.force_login(organizer)
    response = client.get(reverse("accounts:account"))
    text = response.content.decode()
    assert "Local 12: Organizer" in text
    assert "Two-factor login is off." in text


def test_profile_change_is_saved_and_audited_without_values(client, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("accounts:account"),
        {
            "first_name": "Ana",
            "last_name": "Torres",
            "email": "ana@example.org",
            "phone": "+1 312 555 0100",
            "language": "es",
        },
    )
    assert response["Location"] == "/account/"
    organizer.refresh_from_db()
    assert (organizer.phone, organizer.language, organizer.email) == (
        "+13125550100",
        "es",
        "ana@example.org",
    )
    event = AuditEvent.objects.get(action="update")
    assert event.summary == "profile changed: email, phone, language"
    content = event.canonical_content()
    assert ("555 0100" in content, "5550100" in content) == (False, False)


def test_profile_with_bad_email_is_refused_and_nothing_saved(client, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("accounts:account"), {"email": "not an email", "language": "xx", "phone": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Enter a valid email address."],
        "language": ["Select a valid choice. xx is not one of the available choices."],
    }
    organizer.refresh_from_db()
    assert organizer.email == "organizer@example.org"
    assert AuditEvent.objects.filter(action="update").count() == 0


def test_organization_page_lists_members_for_its_admin(client, admin, organizer, legal, organization):
    client.force_login(admin)
    response = client.get(reverse("accounts:organization", args=[organization.uuid]))
    assert [(m.user.username, m.role) for m in response.context["members"]] == [
        ("admin", "admin"),
        ("legal", "legal"),
        ("organizer", "organizer"),
    ]


def test_organization_page_query_count_does_not_grow_with_members(client, admin, organization):
    client.force_login(admin)
    url = reverse("accounts:organization", args=[organization.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        member("organizer", organization, username=f"extra{n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["members"]) == 6
    assert len(many) == len(few)


def test_denied_request_is_audited(client, organizer, organization):
    client.force_login(organizer)
    response = client.get(reverse("accounts:organization", args=[organization.uuid]))
    assert response.status_code == 403
    assert "You are not allowed to do this" in response.content.decode()
    event = AuditEvent.objects.get(action="permission_denied")
    assert (event.actor, event.summary) == (organizer, f"GET /organizations/{organization.uuid}/")


def test_language_switch_remembers_choice_for_signed_in_user(client, organizer):
    client.force_login(organizer)
    response = client.post(reverse("accounts:set_language"), {"language": "es", "next": "/account/"})
    assert response["Location"] == "/account/"
    assert User.objects.get(pk=organizer.pk).language == "es"
    page = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="es">' in page.content.decode()


def test_language_switch_works_before_login_with_a_cookie(client):
    response = client.post(reverse("accounts:set_language"), {"language": "es", "next": "/login/"})
    assert response.cookies["django_language"].value == "es"
    assert '<html lang="es">' in client.get("/login/").content.decode()


def test_language_switch_ignores_unknown_language(client, organizer):
    client.force_login(organizer)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(pk=organizer.pk).language == ""


def test_dashboard_for_admin_shows_latest_organization_activity(client, admin):
    client.force_login(admin)
    response = client.get("/")
    text = response.content.decode()
    assert "Latest activity in your organizations" in text
    assert "Audit log" in text


def test_dashboard_for_organizer_has_no_audit_section(client, organizer):
    client.force_login(organizer)
    text = client.get("/").content.decode()
    assert "Welcome, Ana" in text
    assert "Latest activity in your organizations" not in text
    assert reverse("audit:event_list") not in text


def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_profile_phone_is_checked_and_shown_in_national_format(client, organizer):
    client.force_login(organizer)
    fields = {"first_name": "Ana", "last_name": "Torres", "email": "ana@example.org", "language": "en"}

    refused = client.post(reverse("accounts:account"), {**fields, "phone": "12345"})
    organizer.refresh_from_db()
    assert (refused.status_code, organizer.phone) == (200, "")
    assert refused.context["form"].errors["phone"] == [
        "Enter a phone number that exists, for example (312) 555-0100, "
        "or +52 55 1234 5678 for another country."
    ]

    client.post(reverse("accounts:account"), {**fields, "phone": "(312) 555-0100"})
    organizer.refresh_from_db()
    assert organizer.phone == "+13125550100"
    assert 'value="(312) 555-0100"' in client.get(reverse("accounts:account")).content.decode()


def test_migration_stores_existing_user_phones_in_e164_and_leaves_the_unreadable_ones(organization):
    from importlib import import_module

    from django.apps import apps

    to_e164 = import_module("power_campaign.accounts.migrations.0003_user_phones_e164").phones_to_e164
    typed = ["(312) 555-0101", "+52 55 1234 5678", "ask at the shop", ""]
    users = [member("organizer", organization, username=f"u{n}") for n in range(len(typed))]
    for user, phone in zip(users, typed, strict=True):
        User.objects.filter(pk=user.pk).update(phone=phone)  # as stored before numbers were checked

    to_e164(apps, None)

    assert [User.objects.get(pk=user.pk).phone for user in users] == [
        "+13125550101",
        "+525512345678",
        "ask at the shop",
        "",
    ]
