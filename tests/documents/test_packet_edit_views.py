"""The packet page while it is a draft (remove and reorder exhibits) and "Add to packet" for a
generated document."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from power_campaign.documents import api
from power_campaign.documents.models import Exhibit, Packet
from tests.factories import OrganizationFactory, member, packet_with_exhibits, simple_pdf, upload

pytestmark = pytest.mark.django_db
CHANGES = ("documents:exhibit_remove", "documents:exhibit_up", "documents:exhibit_down")


@pytest.fixture
def packet(legal, organization):
    files = [(name, simple_pdf()) for name in ("one.pdf", "two.pdf", "three.pdf")]
    return packet_with_exhibits(legal, organization, files)


def names(packet):
    return list(packet.exhibits.values_list("original_name", flat=True))


def exhibit(packet, name):
    return packet.exhibits.get(original_name=name)


@pytest.mark.parametrize("name", CHANGES)
def test_exhibit_changes_need_a_signed_in_legal_user_of_the_organization(client, packet, organizer, name):
    target = reverse(name, args=[exhibit(packet, "two.pdf").uuid])
    assert client.post(target)["Location"] == f"/login/?next={target}"
    client.force_login(organizer)
    assert client.post(target).status_code == 403
    client.force_login(member("legal", OrganizationFactory(name="Centro Unido")))
    assert client.post(target).status_code == 404
    assert names(packet) == ["one.pdf", "two.pdf", "three.pdf"]


@pytest.mark.parametrize("name", CHANGES)
def test_exhibit_changes_refuse_get(client, packet, legal, name):
    client.force_login(legal)
    assert client.get(reverse(name, args=[exhibit(packet, "two.pdf").uuid])).status_code == 405


def test_moving_exhibits_changes_their_letters_on_the_page(client, packet, legal):
    client.force_login(legal)
    response = client.post(reverse("documents:exhibit_up", args=[exhibit(packet, "three.pdf").uuid]))
    assert response["Location"] == packet.get_absolute_url()
    client.post(reverse("documents:exhibit_down", args=[exhibit(packet, "one.pdf").uuid]))
    assert names(packet) == ["three.pdf", "one.pdf", "two.pdf"]
    page = client.get(packet.get_absolute_url())
    assert [(letter, item.original_name) for letter, item in page.context["exhibits"]] == [
        ("A", "three.pdf"),
        ("B", "one.pdf"),
        ("C", "two.pdf"),
    ]
    text = page.content.decode()
    assert 'aria-label="Move exhibit A up"' not in text
    assert 'aria-label="Move exhibit C down"' not in text
    assert 'aria-label="Move exhibit B up"' in text
    assert AuditEvent.objects.filter(action="update", object_type="documents.exhibit").count() == 2


def test_removing_an_exhibit_renames_the_letters_after_it(client, packet, legal):
    client.force_login(legal)
    removed = exhibit(packet, "one.pdf")
    response = client.post(reverse("documents:exhibit_remove", args=[removed.uuid]), follow=True)
    assert [(letter, item.original_name) for letter, item in response.context["exhibits"]] == [
        ("A", "two.pdf"),
        ("B", "three.pdf"),
    ]
    assert "Exhibit removed: one.pdf." in response.content.decode()
    event = AuditEvent.objects.get(action="delete")
    assert (event.actor, event.object_id) == (legal, str(removed.uuid))


def test_exhibits_of_a_generated_packet_stay_put(client, packet, legal):
    api.queue_packet(packet=packet, user=legal)
    client.force_login(legal)
    response = client.post(
        reverse("documents:exhibit_remove", args=[exhibit(packet, "one.pdf").uuid]), follow=True
    )
    assert (
        "This packet is already generated: start a new packet to change its exhibits."
        in response.content.decode()
    )
    client.post(reverse("documents:exhibit_up", args=[exhibit(packet, "three.pdf").uuid]))
    assert names(packet) == ["one.pdf", "two.pdf", "three.pdf"]
    assert "Move exhibit" not in response.content.decode()


# "Add to packet" for a generated document


@pytest.fixture
def chronology(organization, organizer):
    return api.store_document(
        organization=organization,
        kind="chronology",
        title="Retaliation chronology: Acme",
        pdf=simple_pdf(),
        signed=False,
        language="en",
        user=organizer,
        subject=f"documents.packet:{organization.uuid}",  # names no record the user can open
        access="organization",
    )


def test_document_to_packet_needs_legal_staff_of_the_organization(client, chronology, organizer, admin):
    target = reverse("documents:document_packet", args=[chronology.uuid])
    assert client.get(target)["Location"] == f"/login/?next={target}"
    for user in (organizer, admin):
        client.force_login(user)
        assert client.get(target).status_code == 403
    client.force_login(member("legal", OrganizationFactory(name="Centro Unido")))
    assert client.post(target, {"title": "x", "bates_prefix": "AB"}).status_code == 404
    assert client.delete(target).status_code == 405
    assert Packet.objects.count() == 0


def test_document_goes_into_a_new_packet_with_the_same_subject(client, chronology, legal, organizer):
    client.force_login(legal)
    target = reverse("documents:document_packet", args=[chronology.uuid])
    form = client.get(f"{target}?next=/worksites/")
    assert (form.status_code, form.context["back_url"]) == (200, "/worksites/")
    assert client.get(f"{target}?next=https://example.com/").context["back_url"] == "/documents/packets/"

    response = client.post(target, {"title": "Acme", "bates_prefix": "ACME", "description": "Chronology"})

    packet = Packet.objects.get()
    assert response["Location"] == packet.get_absolute_url()
    assert packet.subject == chronology.subject
    item = Exhibit.objects.get()
    assert (item.source, item.uploaded_by, item.sha256_at_upload, item.description) == (
        f"documents.document:{chronology.uuid}",
        organizer,
        chronology.sha256,
        "Chronology",
    )
    page = client.get(packet.get_absolute_url())
    assert page.context["subject"] is None  # the subject names nothing this user can open: no link


def test_document_to_packet_bad_input_saves_nothing(client, chronology, legal):
    client.force_login(legal)
    response = client.post(
        reverse("documents:document_packet", args=[chronology.uuid]), {"bates_prefix": "ACME"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "title": ["Give the new packet a title, or choose a draft packet."]
    }
    assert Packet.objects.count() == 0


def test_packet_page_query_count_does_not_grow_with_its_exhibits(client, legal, organization):
    packet = packet_with_exhibits(legal, organization, [("one.pdf", simple_pdf())])
    client.force_login(legal)
    client.get(packet.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(packet.get_absolute_url())
    for n in range(4):
        api.add_exhibit(packet=packet, upload=upload(f"{n}.pdf", simple_pdf()), description="x", user=legal)
    with CaptureQueriesContext(connection) as many:
        response = client.get(packet.get_absolute_url())
    assert len(response.context["exhibits"]) == 5
    assert len(many) == len(one)
