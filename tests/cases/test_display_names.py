"""Pages and printed documents name people by their names, never by their user names (the account page
and the audit trail, where the user name is the point, are tested with accounts and audit)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.evidence import add_evidence
from power_campaign.documents import services as documents
from tests.cases.factories import IncidentFactory, StageChangeFactory
from tests.factories import member, packet_with_exhibits, simple_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(organization):
    """An organizer whose user name appears nowhere else on the pages."""
    user = member("organizer", organization, username="zq-login-7")
    user.first_name, user.last_name = "Guadalupe", "Mendoza"
    user.save()
    return user


def test_display_name_is_the_full_name_or_else_the_user_name(named, organization):
    nameless = member("legal", organization, username="nameless")
    nameless.first_name = nameless.last_name = ""
    assert (named.display_name, nameless.display_name) == ("Guadalupe Mendoza", "nameless")


def test_worksite_and_evidence_pages_name_people_by_their_names(client, named, legal, site):
    site.organizers.add(named)
    StageChangeFactory(worksite=site, recorded_by=named)
    incident = IncidentFactory(worksite=site, created_by=named)
    photo = add_evidence(incident=incident, upload=upload("s.pdf", simple_pdf(1)), description="", user=named)
    client.force_login(legal)

    pages = [site.get_absolute_url(), reverse("cases:evidence_packet", args=[photo.uuid])]
    for url in pages:
        html = client.get(url).content.decode()
        assert ("Guadalupe Mendoza" in html, "zq-login-7" in html) == (True, False), url
    # The evidence page's custody trail is the audit trail's (accounts as recorded); its facts name people.
    html = client.get(photo.get_absolute_url()).content.decode()
    facts = html[html.index('<dl class="facts card">') : html.index("</dl>")]
    assert ("Uploaded by</dt><dd>Guadalupe Mendoza," in facts, "zq-login-7" in facts) == (True, False)


def test_packet_page_and_printed_index_name_the_uploader_by_name(client, named, legal, organization):
    packet = packet_with_exhibits(named, organization, [("letter.pdf", simple_pdf(1))])
    client.force_login(legal)

    html = client.get(packet.get_absolute_url()).content.decode()
    documents.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(packet.document.file.read())).pages)

    assert ("Guadalupe Mendoza" in html, "zq-login-7" in html) == (True, False)
    assert ("Uploaded by Guadalupe Mendoza," in " ".join(text.split()), "zq-login-7" in text) == (True, False)
