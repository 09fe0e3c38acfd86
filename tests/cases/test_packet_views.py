"""'Add to packet' on the evidence and incident pages: legal staff copy evidence into a packet."""

import hashlib

import pytest
from django.urls import reverse

from cases.evidence import add_evidence
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.models import Exhibit, Packet
from tests.cases.factories import IncidentFactory
from tests.cases.support import messages_of
from tests.factories import OrganizationFactory, jpeg, member, packet_with_exhibits, simple_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(site, organizer):
    return IncidentFactory(worksite=site, created_by=organizer)


@pytest.fixture
def photo(incident, organizer):
    return add_evidence(
        incident=incident, upload=upload("clock.jpg", jpeg()), description="Clock", user=organizer
    )


def url(evidence, **query):
    base = reverse("cases:evidence_packet", args=[evidence.uuid])
    return f"{base}?from={query['from']}" if query else base


def test_anonymous_is_sent_to_login(client, photo):
    response = client.get(url(photo))
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={url(photo)}")


def test_other_organizations_legal_staff_get_not_found(client, photo):
    client.force_login(member("legal", OrganizationFactory(name="Centro Unido")))
    assert client.get(url(photo)).status_code == 404
    assert client.post(url(photo), {"title": "x", "bates_prefix": "AB"}).status_code == 404


def test_organizers_and_admins_are_forbidden_and_see_no_button(client, photo, organizer, admin):
    for user in (organizer, admin):
        client.force_login(user)
        assert client.get(url(photo)).status_code == 403
        assert client.post(url(photo), {"title": "x", "bates_prefix": "AB"}).status_code == 403
        assert url(photo) not in client.get(photo.get_absolute_url()).content.decode()
        assert url(photo) not in client.get(photo.incident.get_absolute_url()).content.decode()
    assert Packet.objects.count() == 0


def test_wrong_method_is_refused(client, photo, legal):
    client.force_login(legal)
    assert client.delete(url(photo)).status_code == 405
    assert client.put(url(photo)).status_code == 405


def test_legal_staff_see_the_button_on_the_evidence_and_incident_pages(client, photo, legal):
    client.force_login(legal)
    evidence_page = client.get(photo.get_absolute_url()).content.decode()
    incident_page = client.get(photo.incident.get_absolute_url()).content.decode()
    assert f'<a class="button" href="{url(photo)}">Add to packet</a>' in evidence_page
    assert f'<a class="button" href="{url(photo, **{"from": "incident"})}">Add to packet</a>' in incident_page


def test_form_offers_the_organizations_draft_packets_only(client, photo, legal, organization):
    draft = packet_with_exhibits(legal, organization, [], prefix="DRAFT")
    Packet.objects.filter(pk=packet_with_exhibits(legal, organization, [], prefix="DONE").pk).update(
        status="running"
    )
    other = OrganizationFactory(name="Centro Unido")
    packet_with_exhibits(member("legal", other), other, [], prefix="OTHER")
    client.force_login(legal)
    response = client.get(url(photo, **{"from": "incident"}))
    assert response.status_code == 200
    choices = [(str(value), label) for value, label in response.context["form"].fields["packet"].choices]
    assert choices == [("", "Start a new packet"), (str(draft.uuid), "Wage theft evidence")]
    assert "with_location" in response.context["form"].fields
    assert response.context["back_url"] == photo.incident.get_absolute_url()


def test_starting_a_packet_from_evidence_adds_it_with_the_worksite_as_subject(
    client, photo, legal, organizer, site
):
    client.force_login(legal)
    response = client.post(
        url(photo), {"title": "Retaliation at Acme", "bates_prefix": "acme", "description": ""}
    )

    packet = Packet.objects.get()
    assert (response.status_code, response["Location"]) == (302, packet.get_absolute_url())
    assert (packet.title, packet.bates_prefix, packet.access, packet.subject, packet.created_by) == (
        "Retaliation at Acme",
        "ACME",
        "legal",
        f"cases.worksite:{site.uuid}",
        legal,
    )
    exhibit = packet.exhibits.get()
    assert (exhibit.uploaded_by, exhibit.sha256, exhibit.description, exhibit.includes_location) == (
        organizer,
        photo.shown_sha256,
        "Clock",
        False,
    )
    assert messages_of(response) == ["Added to Retaliation at Acme as exhibit A."]
    assert list(
        AuditEvent.objects.filter(actor=legal)
        .exclude(action="login")
        .values_list("action", "object_type")
        .order_by("sequence")
    ) == [
        ("create", "documents.packet"),
        ("create", "documents.exhibit"),
        ("export", "cases.evidence"),
    ]
    page = client.get(packet.get_absolute_url()).content.decode()
    assert f'Subject of the packet: <a href="{site.get_absolute_url()}">{site}</a>' in page


def test_adding_to_a_draft_packet_with_the_original_photo(client, photo, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    client.force_login(legal)
    response = client.post(
        url(photo), {"packet": str(packet.uuid), "description": "Clock, original", "with_location": "on"}
    )
    assert response["Location"] == packet.get_absolute_url()
    exhibit = packet.exhibits.get(position=2)
    assert (exhibit.sha256, exhibit.includes_location, exhibit.description) == (
        photo.sha256,
        True,
        "Clock, original",
    )
    assert messages_of(response) == ["Added to Wage theft evidence as exhibit B."]
    page = client.get(packet.get_absolute_url()).content.decode()
    assert "The original photo with its location (GPS) data, chosen for this exhibit." in page


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"title": "", "bates_prefix": ""},
            {
                "title": ["Give the new packet a title, or choose a draft packet."],
                "bates_prefix": ["Give the new packet a Bates prefix, or choose a draft packet."],
            },
        ),
        (
            {"title": "Acme", "bates_prefix": "a-b"},
            {"bates_prefix": ["Use 2 to 12 capital letters or digits, for example POWER or WHD2026."]},
        ),
        (
            {"packet": "00000000-0000-0000-0000-000000000000"},
            {"packet": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
    ],
)
def test_bad_input_shows_the_form_again_and_saves_nothing(client, photo, legal, data, errors):
    client.force_login(legal)
    response = client.post(url(photo), data)
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert (Packet.objects.count(), Exhibit.objects.count()) == (0, 0)


def test_audio_evidence_offers_no_button_and_is_refused_leaving_no_new_packet(
    client, incident, organizer, legal
):
    audio = add_evidence(
        incident=incident, upload=upload("call.mp3", b"ID3" + b"\0" * 64), description="", user=organizer
    )
    client.force_login(legal)
    assert url(audio) not in client.get(audio.get_absolute_url()).content.decode()
    assert url(audio) not in client.get(incident.get_absolute_url()).content.decode()
    response = client.post(url(audio), {"title": "Acme", "bates_prefix": "ACME"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "call.mp3: only PDF, JPEG and PNG files can be exhibits."
    ]
    assert (Packet.objects.count(), Exhibit.objects.count()) == (0, 0)
    assert "with_location" not in response.context["form"].fields


def test_pdf_evidence_goes_in_as_uploaded(client, incident, organizer, legal):
    data = simple_pdf(2)
    statement = add_evidence(
        incident=incident, upload=upload("statement.pdf", data), description="", user=organizer
    )
    client.force_login(legal)
    client.post(url(statement), {"title": "Acme", "bates_prefix": "ACME"})
    exhibit = Exhibit.objects.get()
    assert (exhibit.sha256, exhibit.page_count, exhibit.original_name) == (
        hashlib.sha256(data).hexdigest(),
        2,
        "statement.pdf",
    )
