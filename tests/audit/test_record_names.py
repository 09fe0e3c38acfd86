"""The audit history names the records its reader may see (display only: the stored, hashed summaries keep
their keys), and keeps the key of every other record."""

import re

import pytest
from django.db import connection
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cases.evidence import add_evidence
from power_campaign.audit import display
from power_campaign.audit.models import AuditEvent, verify_chain
from power_campaign.documents import services
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import MembershipFactory, jpeg, member, packet_with_exhibits, upload

pytestmark = pytest.mark.django_db
URL = "/audit/"


def _cells(html, label="Record"):
    """The text of the log's `label` column, row by row, as the page's HTML has it."""
    return re.findall(rf'<td data-label="{label}">(.*?)</td>', html)


def _incident(organization, user, employer="Acme Poultry"):
    worksite = WorksiteFactory(organization=organization, created_by=user, employer_name=employer)
    return IncidentFactory(worksite=worksite, created_by=user)


def _evidence(incident, user):
    return add_evidence(incident=incident, upload=upload("gate.jpg", jpeg()), description="Gate", user=user)


def test_log_names_an_evidence_file_and_the_incident_its_summary_names(client, admin, organization):
    incident = _incident(organization, admin)
    evidence = _evidence(incident, admin)
    client.force_login(admin)
    html = client.get(URL, {"object_type": "cases.evidence"}).content.decode()
    assert _cells(html) == [f'<a href="{evidence.get_absolute_url()}">Evidence file</a> gate.jpg']
    assert _cells(html, "Details") == [
        f"Evidence uploaded to incident “Wage theft, March 10, 2026”; SHA-256 {evidence.sha256}"
    ]
    stored = AuditEvent.objects.get(object_type="cases.evidence")
    assert stored.summary == f"evidence uploaded to incident {incident.uuid}; sha256 {evidence.sha256}"
    assert verify_chain(AuditEvent.objects.order_by("sequence")) == (AuditEvent.objects.count(), None)


def test_log_names_records_in_spanish(client, admin, legal, organization):
    admin.language = "es"
    admin.save()
    incident = _incident(organization, admin)
    evidence = _evidence(incident, admin)
    packet = packet_with_exhibits(legal, organization, [("flyer.jpg", jpeg())], access="organization")
    exhibit = packet.exhibits.get()
    client.force_login(admin)
    html = client.get(URL, {"object_type": "cases.evidence"}).content.decode()
    assert _cells(html, "Registro") == [
        f'<a href="{evidence.get_absolute_url()}">Archivo de prueba</a> gate.jpg'
    ]
    assert _cells(html, "Detalles") == [
        f"Evidencia subida al incidente “Robo de salario, 10 de marzo de 2026”; SHA-256 {evidence.sha256}"
    ]
    html = client.get(URL, {"object_type": "documents.exhibit"}).content.decode()
    assert _cells(html, "Registro") == ["Anexo flyer.jpg (Wage theft evidence)"]
    assert _cells(html, "Detalles") == [
        f"Anexo subido al paquete “Wage theft evidence”; SHA-256 {exhibit.sha256}"
    ]


def test_a_record_reference_in_a_summary_is_named_for_who_may_open_the_record(
    admin, organizer, legal, other_admin, organization
):
    evidence = _evidence(_incident(organization, organizer), organizer)
    packet = packet_with_exhibits(legal, organization, [], access="organization")
    exhibit = services.add_exhibit_from_record(packet=packet, record=evidence, user=legal)
    event = AuditEvent.objects.get(object_type="documents.exhibit")
    assert event.summary == (
        f"exhibit added to packet {packet.uuid} from cases.evidence:{evidence.uuid} (copy); "
        f"sha256 {exhibit.sha256}"
    )
    with translation.override("en"):
        ours, theirs = display.rows([event], admin)[0], display.rows([event], other_admin)[0]
    assert (ours.name, ours.summary) == (
        "gate.jpg (Wage theft evidence)",
        f"Exhibit added to packet “Wage theft evidence” from “gate.jpg” (copy); SHA-256 {exhibit.sha256}",
    )
    assert (theirs.name, theirs.summary) == (
        "",
        f"Exhibit added to packet {packet.uuid} from cases.evidence:{evidence.uuid} (copy); "
        f"SHA-256 {exhibit.sha256}",
    )


def test_records_of_another_organization_keep_their_keys(admin, other_admin, organization):
    incident = _incident(organization, admin)
    summary = f"possible breach flagged automatically: incident {incident.uuid}"
    event = AuditEvent.objects.record(action="update", obj=incident, summary=summary)
    with translation.override("en"):
        ours, theirs = display.rows([event], admin)[0], display.rows([event], other_admin)[0]
    assert (ours.name, ours.summary) == (
        "Wage theft, March 10, 2026",
        "Possible breach flagged automatically: incident “Wage theft, March 10, 2026”",
    )
    assert (theirs.name, theirs.url, theirs.summary) == (
        "",
        None,
        f"Possible breach flagged automatically: incident {incident.uuid}",
    )


def test_legal_only_packet_is_named_for_legal_staff_only(client, admin, legal, organization):
    packet = packet_with_exhibits(legal, organization, [], access="legal")
    event = AuditEvent.objects.record(
        action="update", actor=legal, obj=packet, summary=f"exhibit moved up in packet {packet.uuid}"
    )
    with translation.override("en"):
        for_admin, for_legal = display.rows([event], admin)[0], display.rows([event], legal)[0]
    assert (for_admin.name, for_admin.summary) == ("", f"Exhibit moved up in packet {packet.uuid}")
    assert (for_legal.name, for_legal.summary) == (
        "Wage theft evidence",
        "Exhibit moved up in packet “Wage theft evidence”",
    )
    client.force_login(admin)
    html = client.get(URL, {"object_type": "documents.packet"}).content.decode()
    assert "Wage theft evidence" not in html
    assert _cells(html) == [f"Exhibit packet <code>{str(packet.uuid)[:12]}…</code>"] * 2


def test_people_are_named_for_the_administrators_of_their_organization_only(
    client, admin, organizer, other_admin, organization
):
    organizer.first_name, organizer.last_name = "Rosa", "Díaz"
    organizer.save()
    event = AuditEvent.objects.record(
        action="update", actor=organizer, obj=organizer, summary="password changed"
    )
    client.force_login(admin)
    html = client.get(URL, {"action": "update"}).content.decode()
    assert _cells(html) == ["User Rosa Díaz"]
    assert [row.name for row in display.rows([event], other_admin)] == [""]
    assert [row.name for row in display.rows([event], organizer)] == ["Rosa Díaz"]


def test_a_member_of_two_organizations_is_named_for_both_administrators_and_coalition_staff(
    admin, other_admin, organization, other_organization
):
    both = member("organizer", organization, username="both", first_name="Luz", last_name="Mora")
    MembershipFactory(user=both, organization=other_organization)
    stranger = member("admin", username="admin3")
    coalition = member("organizer", username="coalition", coalition_role="admin")
    event = AuditEvent.objects.record(action="failed_login", obj=both, summary="wrong password")
    readers = (admin, other_admin, stranger, coalition)
    names = {reader.username: display.rows([event], reader)[0].name for reader in readers}
    assert names == {"admin": "Luz Mora", "admin2": "Luz Mora", "admin3": "", "coalition": "Luz Mora"}


def test_a_person_without_a_full_name_is_named_by_user_name(admin, organization):
    nameless = member("legal", organization, username="rgarcia", first_name="", last_name="")
    event = AuditEvent.objects.record(action="update", obj=nameless, summary="password changed")
    assert display.rows([event], admin)[0].name == "rgarcia"


def test_names_are_escaped(client, admin, legal, organization):
    packet = services.create_packet(
        organization=organization,
        title="<script>alert('packet')</script>",
        bates_prefix="X",
        access="organization",
        language="en",
        user=legal,
    )
    services.add_exhibit(packet=packet, upload=upload("a.jpg", jpeg()), description="A", user=legal)
    admin.first_name, admin.last_name = "<script>alert('me')</script>", ""
    admin.save()
    AuditEvent.objects.record(action="update", actor=admin, obj=admin, summary="password changed")
    client.force_login(admin)
    html = client.get(URL).content.decode()
    assert "<script>alert" not in html
    title = "&lt;script&gt;alert(&#x27;packet&#x27;)&lt;/script&gt;"
    me = "&lt;script&gt;alert(&#x27;me&#x27;)&lt;/script&gt;"
    assert _cells(html) == [
        f"User {me}",
        f"User {me}",
        f"Exhibit a.jpg ({title})",
        f'<a href="{packet.get_absolute_url()}">Exhibit packet</a> {title}',
    ]
    assert _cells(html, "Details") == [
        "Password accepted",
        "Password changed",
        f"Exhibit uploaded to packet “{title}”; SHA-256 {packet.exhibits.get().sha256}",
        "",
    ]


def test_names_cost_one_query_per_kind_of_record_not_per_row(client, admin, legal, organization):
    def one_of_each(n):
        incident = _incident(organization, admin, employer=f"Employer {n}")
        _evidence(incident, admin)
        worker = member("organizer", organization, username=f"worker{n}")
        AuditEvent.objects.record(action="update", actor=worker, obj=worker, summary="password changed")
        packet_with_exhibits(legal, organization, [("a.jpg", jpeg())], prefix=f"P{n}", access="organization")

    client.force_login(admin)
    one_of_each(0)
    with CaptureQueriesContext(connection) as few:
        html = client.get(URL).content.decode()
    assert "“Wage theft, March 10, 2026”" in html
    for n in range(1, 8):
        one_of_each(n)
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert html.count("Evidence uploaded to incident “Wage theft, March 10, 2026”") == 8
    assert html.count("<code>") == 0
    assert len(many) == len(few)


def test_record_history_names_records_for_the_signed_in_reader(admin, organization):
    incident = _incident(organization, admin)
    evidence = _evidence(incident, admin)
    request = RequestFactory().get("/")
    request.user = admin
    template = Template("{% load audit %}{% access_history obj %}")
    html = template.render(RequestContext(request, {"obj": evidence}))
    assert _cells(html) == ["Evidence file gate.jpg"]
    assert _cells(html, "Details") == [
        f"Evidence uploaded to incident “Wage theft, March 10, 2026”; SHA-256 {evidence.sha256}"
    ]
    anonymous = template.render(Context({"obj": evidence}))
    assert _cells(anonymous) == [f"Evidence file <code>{str(evidence.uuid)[:12]}…</code>"]


def test_account_page_history_names_its_owner(client, organizer):
    organizer.first_name, organizer.last_name = "Rosa", "Díaz"
    organizer.save()
    client.force_login(organizer)
    html = client.get(reverse("accounts:account")).content.decode()
    assert _cells(html) == ["User Rosa Díaz"]


def test_two_records_of_one_model_in_a_summary_are_both_named(admin, organization):
    """The executed agreement's summary names two documents: the agreement and its certificate
    (`document__certificate`)."""

    def document(title):
        return services.create_document(
            organization=organization,
            kind="notice",
            title=title,
            template="pdf/notice_ice_rights.html",
            context={},
            language="en",
            user=admin,
            access="organization",
            sign=False,
        )

    executed, certificate = document("Executed agreement"), document("Certificate of completion")
    summary = (
        f"agreement executed, effective 2026-03-01; executed document {executed.uuid} (sha256 {'a' * 64}), "
        f"certificate {certificate.uuid} (sha256 {'b' * 64})"
    )
    event = AuditEvent.objects.record(action="update", obj=executed, summary=summary)
    with translation.override("en"):
        row = display.rows([event], admin)[0]
    assert row.summary == (
        "Agreement executed, in effect from March 1, 2026; executed document “Executed agreement” "
        f"(SHA-256 {'a' * 64}), certificate “Certificate of completion” (SHA-256 {'b' * 64})"
    )


def test_records_are_named_without_their_current_status_or_a_repeated_kind(admin, legal, organization):
    """A referral's events are of every status it had: it is named by its incident, not "· Accepted";
    a U-visa case by its code after its kind, not "U-visa case U-visa case …"."""
    from tests.cases.factories import ReferralFactory
    from tests.uvisa.factories import ClientCaseFactory

    referral = ReferralFactory(incident=_incident(organization, admin), status="accepted")
    case = ClientCaseFactory(organization=organization, created_by=legal)
    events = [
        AuditEvent.objects.record(action="update", obj=referral, summary="status: open → in_review"),
        AuditEvent.objects.record(action="update", obj=case, summary="case closed"),
    ]
    with translation.override("en"):
        rows = display.rows(events, legal)
    assert [(row.record_type, row.name) for row in rows] == [
        ("Referral to legal", "Wage theft, March 10, 2026"),
        ("U-visa case", case.code),
    ]
