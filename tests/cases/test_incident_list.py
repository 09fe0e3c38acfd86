"""The incident list across worksites, and "Log an incident" from the dashboard."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import IncidentType, Worksite
from power_campaign import search
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.cases.support import local
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("cases:incident_list")


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [incident.description for incident in response.context["page"].object_list]


@pytest.fixture
def incidents(organization, organizer, other_organization):
    """Three incidents at two worksites of Local 12, one at another organization's worksite."""
    acme = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    sol = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Sol Naciente")
    theirs = WorksiteFactory(organization=other_organization, employer_name="Elsewhere")
    found = {
        "raid": IncidentFactory(
            worksite=acme,
            type=IncidentType.ICE_VISIT,
            occurred_at=local(2026, 3, 1, 23, 30),
            description="raid",
        ),
        "wages": IncidentFactory(
            worksite=acme, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 5, 9), description="wages"
        ),
        "threat": IncidentFactory(
            worksite=sol,
            type=IncidentType.IMMIGRATION_THREAT,
            occurred_at=local(2026, 3, 10, 0, 0),
            description="Amenazó con llamar a inmigración",
        ),
        "theirs": IncidentFactory(worksite=theirs, occurred_at=local(2026, 3, 6), description="theirs"),
    }
    for record in [acme, sol, theirs, *found.values()]:  # as the services do (PostgreSQL's stored vectors)
        record.update_search_vector()
    return found


def test_incident_list_shows_the_users_incidents_newest_first(client, organizer, incidents):
    client.force_login(organizer)

    assert listed(client) == ["Amenazó con llamar a inmigración", "wages", "raid"]


def test_incident_list_filters_by_type_worksite_and_days_both_ends_included(client, organizer, incidents):
    client.force_login(organizer)
    acme = incidents["raid"].worksite

    assert listed(client, type=IncidentType.WAGE_THEFT) == ["wages"]
    assert listed(client, worksite=acme.uuid) == ["wages", "raid"]
    assert listed(client, since="2026-03-01", until="2026-03-05") == ["wages", "raid"]
    assert listed(client, since="2026-03-02", until="2026-03-10") == [
        "Amenazó con llamar a inmigración",
        "wages",
    ]
    assert listed(client, worksite=acme.uuid, type=IncidentType.ICE_VISIT, until="2026-03-01") == ["raid"]


def test_incident_list_searches_without_accents_or_case(client, organizer, incidents):
    client.force_login(organizer)

    assert listed(client, q="INMIGRACION") == ["Amenazó con llamar a inmigración"]


def test_incident_list_never_offers_or_shows_another_organizations_records(client, organizer, incidents):
    client.force_login(organizer)
    theirs = incidents["theirs"].worksite

    response = client.get(URL, {"worksite": theirs.uuid})

    assert list(response.context["page"].object_list) == []
    assert list(response.context["form"].fields["worksite"].queryset) == [
        incidents["raid"].worksite,
        incidents["threat"].worksite,
    ]
    assert "theirs" not in listed(client, q="theirs")


@pytest.mark.parametrize("keys_read_first", [search.KEYS_FIRST_AT_MOST, 0])
def test_incident_list_filters_by_words_of_the_employers_name(
    client, organizer, incidents, keys_read_first, monkeypatch
):
    # At most 0: as if the words matched too many worksites to read their keys first.
    monkeypatch.setattr(search, "KEYS_FIRST_AT_MOST", keys_read_first)
    client.force_login(organizer)

    assert listed(client, employer="ACME") == ["wages", "raid"]
    assert listed(client, employer="naciente") == ["Amenazó con llamar a inmigración"]
    assert listed(client, employer="Elsewhere") == []
    assert listed(client, employer="acme", type=IncidentType.ICE_VISIT) == ["raid"]


def test_a_filtered_incident_lists_rows_are_read_by_their_keys_alone(
    client, organizer, incidents, monkeypatch
):
    monkeypatch.setattr(search, "KEYS_FIRST_AT_MOST", 0)  # the employer's words as a subquery
    client.force_login(organizer)

    with CaptureQueriesContext(connection) as queries:
        assert listed(client, employer="acme", type=IncidentType.ICE_VISIT) == ["raid"]

    filtering = [query["sql"] for query in queries.captured_queries if "ice_visit" in query["sql"]]
    assert len(filtering) == 2  # the count and the page's keys; its rows are read by key


def test_incident_list_worksite_filter_is_a_text_field_not_a_list_of_every_worksite(
    client, organizer, incidents
):
    client.force_login(organizer)

    html = client.get(URL).content.decode()

    assert '<select name="worksite"' not in html
    assert (
        '<input type="text" name="employer" maxlength="200" aria-describedby="id_employer_helptext" '
        'id="id_employer">'
    ) in html
    assert '<label for="id_employer">Worksite</label>' in html
    assert re.search(r"<option[^>]*>(Acme Poultry|Sol Naciente)", html) is None


def test_incident_list_of_one_worksite_names_it_and_keeps_it_in_the_form(client, organizer, incidents):
    client.force_login(organizer)
    acme = incidents["raid"].worksite

    response = client.get(URL, {"worksite": acme.uuid, "type": IncidentType.WAGE_THEFT})

    html = response.content.decode()
    assert [i.description for i in response.context["page"].object_list] == ["wages"]
    assert (
        f'<p>Incidents at Acme Poultry. <a href="{acme.get_absolute_url()}">Back to the worksite</a> · '
        f'<a href="{URL}">Incidents at every worksite</a></p>'
    ) in html
    assert f'<input type="hidden" name="worksite" value="{acme.uuid}" id="id_worksite">' in html


def test_worksite_page_links_to_its_incident_list(client, organizer, incidents):
    client.force_login(organizer)
    acme = incidents["raid"].worksite

    html = client.get(acme.get_absolute_url()).content.decode()

    assert f'href="{URL}?worksite={acme.uuid}"' in html


def test_incident_list_in_spanish_labels_the_worksite_filter(client, organizer, incidents):
    client.force_login(organizer)

    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<label for="id_employer">Lugar de trabajo</label>' in html
    assert "Palabras del nombre o la dirección del empleador." in html


def test_incident_list_with_a_reversed_range_shows_the_error_at_the_top_and_no_rows(
    client, organizer, incidents
):
    client.force_login(organizer)

    response = client.get(URL, {"since": "2026-03-10", "until": "2026-03-01", "q": "raid"})

    html = response.content.decode()
    assert list(response.context["page"].object_list) == []
    assert response.context["form"].errors == {"until": ["The end of the range cannot be before its start."]}
    assert '<li><a href="#id_until">To: The end of the range cannot be before its start.</a></li>' in html
    assert 'value="raid"' in html


def test_incident_list_is_paginated_keeping_the_filters(client, organizer, organization):
    site = WorksiteFactory(organization=organization, created_by=organizer)
    IncidentFactory.create_batch(
        26, worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 1)
    )
    client.force_login(organizer)

    response = client.get(URL, {"type": IncidentType.RETALIATION, "page": 2})

    assert (len(response.context["page"].object_list), response.context["page"].number) == (1, 2)
    assert 'href="?type=retaliation&amp;page=1"' in response.content.decode()


def count_queries(client, **params):
    client.get(URL, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"q": "overtime", "type": IncidentType.WAGE_THEFT}])
def test_incident_list_runs_as_many_queries_for_one_row_as_for_many(client, organization, organizer, params):
    client.force_login(organizer)
    site = WorksiteFactory(organization=organization, created_by=organizer)
    IncidentFactory(
        worksite=site, type=IncidentType.WAGE_THEFT, description="overtime"
    ).update_search_vector()
    one = count_queries(client, **params)
    for index in range(10):
        other = WorksiteFactory(
            organization=organization, created_by=organizer, employer_name=f"Site {index}"
        )
        IncidentFactory(
            worksite=other, type=IncidentType.WAGE_THEFT, description="overtime"
        ).update_search_vector()

    many = count_queries(client, **params)

    assert len(client.get(URL, params).context["page"].object_list) == 11
    assert many == one


def test_log_an_incident_from_the_dashboard_takes_two_taps(client, organization, organizer):
    mine = WorksiteFactory(organization=organization, employer_name="Zeta Foods", created_by=organizer)
    mine.organizers.add(organizer)
    WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    client.force_login(organizer)

    dashboard = client.get(reverse("dashboard")).content.decode()
    chooser = client.get(reverse("cases:incident_log"))

    assert f'href="{reverse("cases:incident_log")}">Log an incident</a>' in dashboard
    links = [site.employer_name for site in chooser.context["page"].object_list]
    assert links == ["Zeta Foods", "Acme Poultry"]  # the organizer's own worksites first
    assert f'href="{reverse("cases:incident_create", args=[mine.uuid])}"' in chooser.content.decode()


def test_log_an_incident_goes_straight_to_the_form_when_there_is_one_worksite(
    client, organization, organizer
):
    site = WorksiteFactory(organization=organization, created_by=organizer)
    client.force_login(organizer)

    response = client.get(reverse("cases:incident_log"))

    assert (response.status_code, response.url) == (302, reverse("cases:incident_create", args=[site.uuid]))


def test_log_an_incident_finds_a_worksite_by_name(client, organization, organizer):
    WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    WorksiteFactory(organization=organization, employer_name="Sol Naciente", created_by=organizer)
    for site in Worksite.objects.all():
        site.update_search_vector()
    client.force_login(organizer)

    response = client.get(reverse("cases:incident_log"), {"q": "sol"})

    assert [site.employer_name for site in response.context["page"].object_list] == ["Sol Naciente"]


def test_incident_list_is_empty_for_a_user_without_an_organization(client):
    client.force_login(UserFactory())

    assert listed(client) == []


def test_filters_fold_away_on_phones_unless_one_is_in_use(organizer):
    from cases.forms import IncidentFilterForm, WorksiteFilterForm

    assert IncidentFilterForm(user=organizer).filters_in_use() is False
    assert IncidentFilterForm({"q": "gate"}, user=organizer).filters_in_use() is False
    assert IncidentFilterForm({"type": "ice_visit"}, user=organizer).filters_in_use() is True
    assert IncidentFilterForm({"since": "not a date"}, user=organizer).filters_in_use() is True
    assert WorksiteFilterForm({"sort": "employer_name"}, user=organizer).filters_in_use() is False
    assert WorksiteFilterForm({"sort": "city"}, user=organizer).filters_in_use() is True
