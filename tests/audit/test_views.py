import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.factories import MembershipFactory, member

pytestmark = pytest.mark.django_db
URL = "/audit/"


def test_admin_sees_own_organizations_events_and_members_logins(
    client, admin, organizer, other_admin, organization
):
    AuditEvent.objects.record(action="update", actor=organizer, obj=organization, summary="ours")
    AuditEvent.objects.record(action="login", actor=organizer, obj=organizer, summary="member login")
    AuditEvent.objects.record(action="login", actor=other_admin, obj=other_admin, summary="other login")
    client.force_login(admin)
    response = client.get(URL)
    summaries = [e.summary for e in response.context["page"].object_list]
    assert "ours" in summaries
    assert "member login" in summaries
    assert "other login" not in summaries


def test_coalition_admin_sees_everything(client, other_admin, organization):
    AuditEvent.objects.record(action="login", actor=other_admin, obj=other_admin, summary="other login")
    coalition = member("organizer", organization, coalition_role="admin")
    client.force_login(coalition)
    summaries = [e.summary for e in client.get(URL).context["page"].object_list]
    assert "other login" in summaries


def test_filters_narrow_the_list(client, admin, organization):
    AuditEvent.objects.record(action="export", actor=admin, obj=organization, summary="export one")
    AuditEvent.objects.record(action="update", actor=admin, obj=organization, summary="update one")
    client.force_login(admin)
    response = client.get(URL, {"action": "export", "user": admin.pk, "object_type": "accounts.organization"})
    assert [e.summary for e in response.context["page"].object_list] == ["export one"]
    today = datetime.date.today()
    response = client.get(URL, {"date_from": (today + datetime.timedelta(days=1)).isoformat()})
    assert list(response.context["page"].object_list) == []


def test_bad_filter_shows_error_and_no_rows(client, admin):
    client.force_login(admin)
    response = client.get(URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert "The start date must be on or before the end date." in response.content.decode()
    assert list(response.context["page"].object_list) == []
    response = client.get(URL, {"action": "rewrite"})
    assert response.context["form"].errors == {
        "action": ["Select a valid choice. rewrite is not one of the available choices."]
    }


def test_list_query_count_does_not_grow_with_rows(client, admin, organization):
    client.force_login(admin)
    AuditEvent.objects.record(action="update", actor=admin, obj=organization)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(30):
        AuditEvent.objects.record(action="update", actor=admin, obj=organization)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert response.context["page"].paginator.count == 32  # plus the login from force_login
    assert len(many) == len(one)


def test_list_paginates_by_fifty(client, admin, organization):
    for _ in range(60):
        AuditEvent.objects.record(action="update", actor=admin, obj=organization)
    client.force_login(admin)
    response = client.get(URL, {"action": "update", "page": "2"})
    assert len(response.context["page"].object_list) == 10
    assert 'href="?action=update&amp;page=1"' in response.content.decode()


def test_access_history_lists_who_did_what_to_a_record(admin, organization):
    AuditEvent.objects.record(action="view_sensitive", actor=admin, obj=organization)
    AuditEvent.objects.record(action="download", actor=admin, obj=organization, summary="file.pdf")
    AuditEvent.objects.record(action="download", actor=admin, obj=admin)
    html = Template("{% load audit %}{% access_history obj %}").render(Context({"obj": organization}))
    assert html.count("<tr>") == 3  # header + two events on this record
    assert "View sensitive record" in html
    assert "file.pdf" in html


def test_nobody_can_change_events_through_the_admin(admin_client):
    event = AuditEvent.objects.record(action="update")
    assert admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200
    assert admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403


def _failed_sign_in(client, username):
    client.post(reverse("accounts:login"), {"username": username, "password": "wrong password"})
    client.logout()


def test_failed_sign_in_against_a_member_carries_the_organization_its_admin_sees(
    client, admin, organizer, other_admin, organization
):
    _failed_sign_in(client, "organizer")
    event = AuditEvent.objects.get(action="failed_login")
    assert (event.organization, event.actor) == (organization, None)
    client.force_login(admin)
    page = client.get(URL, {"action": "failed_login"}).context["page"]
    assert [e.pk for e in page.object_list] == [event.pk]
    client.force_login(other_admin)
    assert list(client.get(URL, {"action": "failed_login"}).context["page"].object_list) == []


def test_failed_sign_in_of_a_member_of_two_organizations_is_seen_by_both_admins(
    client, admin, other_admin, organization, other_organization
):
    both = member("organizer", organization, username="both")
    MembershipFactory(user=both, organization=other_organization)
    third_admin = member("admin", username="admin3")
    _failed_sign_in(client, "both")
    event = AuditEvent.objects.get(action="failed_login")
    assert event.organization == organization
    seen = {}
    for reader in (admin, other_admin, third_admin):
        client.force_login(reader)
        page = client.get(URL, {"action": "failed_login"}).context["page"]
        seen[reader.username] = [e.pk for e in page.object_list]
    assert seen == {"admin": [event.pk], "admin2": [event.pk], "admin3": []}


def test_failed_sign_in_with_an_unknown_name_is_for_coalition_staff_only(client, admin, organization):
    _failed_sign_in(client, "nobody-here")
    event = AuditEvent.objects.get(action="failed_login")
    assert (event.organization, event.object_type, event.summary) == (None, "", "unknown user name")
    client.force_login(admin)
    assert list(client.get(URL, {"action": "failed_login"}).context["page"].object_list) == []
