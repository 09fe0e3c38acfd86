import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.factories import MembershipFactory, jpeg, member, packet_with_exhibits

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


# Legal-only files are never named where non-legal administrators read


def _download_every_file(client, legal, packet):
    client.force_login(legal)
    for exhibit in packet.exhibits.all():
        client.get(reverse("documents:exhibit_download", args=[exhibit.uuid]))


def test_legal_only_exhibit_download_does_not_name_the_file(client, legal, admin, organization):
    files = [("raid witness statement.jpg", jpeg())]
    packet = packet_with_exhibits(legal, organization, files, access="legal")
    _download_every_file(client, legal, packet)
    event = AuditEvent.objects.get(action="download")
    assert (event.object_type, event.summary) == ("documents.exhibit", "legal-only file (name not recorded)")
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "raid witness statement" not in page
    assert "Wage theft evidence" not in page
    assert "(not shown: you may not open this record)" in page
    assert all("raid witness" not in e.summary for e in AuditEvent.objects.all())


def test_organization_wide_exhibit_download_names_the_file(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("flyer.jpg", jpeg())], access="organization")
    _download_every_file(client, legal, packet)
    assert AuditEvent.objects.get(action="download").summary == "flyer.jpg"


def test_file_names_of_records_the_reader_may_not_open_are_not_shown(client, legal, admin, organization):
    packet = packet_with_exhibits(legal, organization, [], access="legal")
    AuditEvent.objects.record(action="download", actor=legal, obj=packet, summary="old name.pdf")
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "old name.pdf" not in page
    assert "(not shown: you may not open this record)" in page


# The log page: choices, links, the reader's language


def test_filter_choices_name_people_and_readable_record_types(
    client, admin, organizer, other_admin, organization
):
    organizer.first_name, organizer.last_name = "Rosa", "Díaz"
    organizer.save()
    AuditEvent.objects.record(action="update", actor=admin, obj=organization)
    client.force_login(admin)
    form = client.get(URL).context["form"]
    assert list(form.fields["user"].choices) == [
        ("", "Anyone"),
        (str(admin.pk), f"{admin.get_full_name()} (admin)"),
        (str(organizer.pk), "Rosa Díaz (organizer)"),
    ]
    types = dict(form.fields["object_type"].choices)
    labels = ("", "accounts.organization", "cases.evidence", "documents.packet")
    assert [types[label] for label in labels] == [
        "Any record",
        "Organization",
        "Evidence file",
        "Exhibit packet",
    ]
    apps_named = {label.split(".")[0] for label in types}
    assert apps_named == {"", "accounts", "agreements", "cases", "contracts", "documents", "uvisa"}
    names = list(types.values())[1:]
    assert names == sorted(names)


def test_person_filter_finds_what_they_did_and_sign_ins_tried_against_them(client, admin, organizer):
    AuditEvent.objects.record(action="update", actor=organizer, obj=organizer, summary="password changed")
    _failed_sign_in(client, "organizer")
    AuditEvent.objects.record(action="update", actor=admin, obj=admin, summary="password changed")
    client.force_login(admin)
    page = client.get(URL, {"user": organizer.pk}).context["page"]
    assert [(e.action, e.summary) for e in page.object_list] == [
        ("failed_login", "wrong password"),
        ("update", "password changed"),
    ]
    response = client.get(URL, {"user": "organizer"})
    assert list(response.context["form"].errors) == ["user"]
    assert list(response.context["page"].object_list) == []


def test_records_link_to_their_page_only_where_the_reader_may_open_them(client, legal, admin, organization):
    shared = packet_with_exhibits(legal, organization, [], prefix="ALL", access="organization")
    secret = packet_with_exhibits(legal, organization, [], prefix="LEGAL", access="legal")
    client.force_login(admin)
    html = client.get(URL, {"object_type": "documents.packet"}).content.decode()
    assert html.count(f'<a href="{shared.get_absolute_url()}">Exhibit packet</a>') == 1
    assert secret.get_absolute_url() not in html
    client.force_login(legal)
    assert secret.get_absolute_url() not in client.get(URL).content.decode()  # legal staff have no log


def test_log_page_is_in_spanish_with_plurals(client, admin, organization):
    admin.language = "es"
    admin.save()
    for count in (1, 3):
        summary = f"exported {count} worksites as CSV"
        AuditEvent.objects.record(action="export", actor=admin, organization=organization, summary=summary)
    AuditEvent.objects.record(action="update", actor=admin, obj=organization)
    client.force_login(admin)
    html = client.get(URL).content.decode()
    assert "Se exportó 1 lugar de trabajo como CSV" in html
    assert "Se exportaron 3 lugares de trabajo como CSV" in html
    assert "Contraseña aceptada" in html  # the sign-in of force_login
    assert "password accepted" not in html
    assert "exported" not in html
    assert '<td data-label="Registro">accounts.organization' not in html
    assert ">Organización</" in html


def test_summaries_read_correctly_in_english(admin, organization):
    from django.utils import translation

    from power_campaign.audit.display import translate_summary

    one = AuditEvent.objects.record(
        action="export", organization=organization, summary="exported 1 worksites as CSV"
    )
    changed = AuditEvent.objects.record(
        action="update", obj=admin, summary="profile changed: first_name, phone"
    )
    new = AuditEvent.objects.record(action="update", summary="something new")
    with translation.override("en"):
        assert translate_summary(one) == "Exported 1 worksite as CSV"
        assert translate_summary(changed) == "Profile changed: first name, mobile phone"
        assert translate_summary(new) == "something new"
    with translation.override("es"):
        assert translate_summary(one) == "Se exportó 1 lugar de trabajo como CSV"
        assert translate_summary(changed) == "Perfil modificado: nombre, teléfono celular"


def test_linked_records_cost_one_query_per_kind_not_per_row(client, admin, legal, organization):
    client.force_login(admin)
    packets = [
        packet_with_exhibits(legal, organization, [], prefix=f"P{n}", access="organization") for n in range(2)
    ]
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    packets += [
        packet_with_exhibits(legal, organization, [], prefix=f"Q{n}", access="organization")
        for n in range(20)
    ]
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert html.count('">Exhibit packet</a>') == 22
    assert len(many) == len(few)


def test_legal_only_covers_packets_their_exhibits_and_documents(legal, organization):
    from power_campaign.documents.downloads import legal_only
    from power_campaign.documents.models import Document

    secret = packet_with_exhibits(legal, organization, [("a.jpg", jpeg())], prefix="S", access="legal")
    shared = packet_with_exhibits(legal, organization, [("b.jpg", jpeg())], prefix="O", access="organization")
    assert [legal_only(x) for x in (secret, secret.exhibits.get(), shared, shared.exhibits.get())] == [
        True,
        True,
        False,
        False,
    ]
    assert [legal_only(Document(access=access)) for access in ("legal", "organization")] == [True, False]
