"""Every form page after an error: a summary at the top (announced, focused, each error linked to its
field), what was typed kept (files said to be lost), required fields marked; check boxes in a fieldset
with their labels beside them."""

import re

import pytest
from django.urls import reverse

from tests.cases.factories import ContactFactory, IncidentFactory, WorksiteFactory
from tests.factories import PASSWORD, member, upload

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r'<div class="error-summary" role="alert" tabindex="-1" autofocus data-error-summary>(.*?)</div>', re.S
)


def summary_of(html):
    """The summary's heading and its items (tags removed), and where it starts in the page."""
    found = SUMMARY.search(html)
    heading = re.findall(r"<h2>(.*?)</h2>", found.group(1))
    items = [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    ]
    links = re.findall(r'<li><a href="#([^"]+)">', found.group(1))
    return heading, items, links, found.start()


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(organization=organization, created_by=organizer)


def test_form_error_summary_lists_each_error_linked_to_its_field_before_the_first_field(
    client, organizer, site
):
    client.force_login(organizer)

    response = client.post(
        reverse("cases:filing_create", args=[site.uuid]),
        {"agency": "state", "case_number": "WH-77", "filed_on": "2026-03-10", "closed_on": "2026-03-01"},
    )

    html = response.content.decode()
    heading, items, links, start = summary_of(html)
    assert heading == ["Please correct what you entered:"]
    assert items == [
        "State agency name: Name the state agency.",
        "Closed on: A filing cannot close before it was filed.",
    ]
    assert links == ["id_state_agency_name", "id_closed_on"]
    assert start < html.index('<select name="agency"')
    assert 'value="WH-77"' in html  # what was typed is kept
    assert 'aria-describedby="id_closed_on_error"' in html
    assert '<p class="error" id="id_closed_on_error">A filing cannot close before it was filed. </p>' in html


def test_form_error_summary_links_a_check_box_group_to_its_first_box(client, organizer, site):
    incident = IncidentFactory(worksite=site)
    ContactFactory(worksite=site, name="Ana")
    client.force_login(organizer)

    response = client.post(
        reverse("cases:incident_edit", args=[incident.uuid]),
        {"type": incident.type, "occurred_at": "2026-03-10T09:00", "witnesses": ["999999"]},
    )

    html = response.content.decode()
    _heading, items, links, _start = summary_of(html)
    assert items == ["Witnesses: Select a valid choice. 999999 is not one of the available choices."]
    assert links == ["id_witnesses_0"]
    assert '<fieldset class="field field-group field-invalid" id="id_witnesses_group"' in html
    assert re.search(r"<legend>Witnesses</legend>", html)
    assert re.search(r'<label for="id_witnesses_0"><input type="checkbox" name="witnesses" value="\d+"', html)


def test_form_with_only_a_whole_form_error_shows_that_message_alone(client, organizer):
    response = client.post(reverse("accounts:login"), {"username": "organizer", "password": "wrong"})

    heading, items, _links, _start = summary_of(response.content.decode())
    assert (heading, items) == (
        [],
        ["Please enter a correct username and password. Note that both fields may be case-sensitive."],
    )


def test_form_with_a_file_says_the_file_must_be_chosen_again_and_keeps_the_rest(client, organizer, site):
    client.force_login(organizer)

    response = client.post(
        reverse("cases:incident_create", args=[site.uuid]),
        {
            "type": "wage_theft",
            "occurred_at": "2026-03-10T09:00",
            "place": "Loading dock",
            "description": "Unpaid overtime",
            "photo": upload("photo.jpg", b"not a picture at all"),
        },
    )

    html = response.content.decode()
    _heading, items, links, _start = summary_of(html)
    assert links == ["id_photo"]
    assert len(items) == 1 and items[0].startswith("Photo (optional): ")
    assert "Files you chose are not kept after an error: choose them again." in html
    assert "A file cannot be kept after an error: choose it again." in html
    assert 'value="Loading dock"' in html
    assert "\nUnpaid overtime</textarea>" in html


def test_form_with_a_file_field_but_no_file_chosen_says_nothing_about_files(client, organizer, site):
    client.force_login(organizer)

    response = client.post(
        reverse("cases:incident_create", args=[site.uuid]), {"type": "", "occurred_at": "", "place": "Dock"}
    )

    html = response.content.decode()
    assert response.context["form"].errors
    assert "not kept after an error" not in html
    assert "cannot be kept after an error" not in html


def test_form_marks_required_fields_and_explains_the_mark_once(client, organizer, site):
    client.force_login(organizer)

    html = client.get(reverse("cases:incident_create", args=[site.uuid])).content.decode()

    assert html.count("Fields marked * are required.") == 1
    assert (
        '<div class="label-row"><label for="id_type">What happened</label>'
        '<span class="required-mark" aria-hidden="true">*</span></div>'
    ) in html
    assert re.search(r'<select name="type" required id="id_type">', html)
    assert '<div class="label-row"><label for="id_place">Where</label></div>' in html
    assert not re.search(r'<input type="text" name="place"[^>]* required', html)


def test_form_without_a_required_field_has_no_required_note(client, organizer):
    client.force_login(organizer)

    html = client.get(reverse("cases:incident_list")).content.decode()

    assert "Fields marked * are required." not in html
    assert "required-mark" not in html


def test_form_error_summary_in_spanish(client, organization, site):
    client.force_login(member("organizer", organization, language="es"))

    response = client.post(
        reverse("cases:incident_create", args=[site.uuid]),
        {"occurred_at": "2026-03-10T09:00", "place": "Patio"},
    )

    heading, items, links, _start = summary_of(response.content.decode())
    assert (heading, items, links) == (
        ["Corrija lo que escribió:"],
        ["Qué pasó: Este campo es obligatorio."],
        ["id_type"],
    )
    assert 'value="Patio"' in response.content.decode()


def test_single_check_box_sits_before_its_label(client, organizer, site):
    client.force_login(organizer)

    html = client.get(reverse("cases:contact_create", args=[site.uuid])).content.decode()

    assert re.search(
        r'<div class="check"><input type="checkbox" name="consent_to_contact"'
        r' id="id_consent_to_contact"[^>]*>'
        r'<label for="id_consent_to_contact">',
        html,
    )


def test_login_page_marks_both_fields_required(client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert html.count('<span class="required-mark" aria-hidden="true">*</span>') == 2
    assert PASSWORD not in html
