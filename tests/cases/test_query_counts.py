"""List, search and detail pages run the same number of queries for 1 row as for 10."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.evidence import add_evidence
from cases.models import IncidentType, ProtectedActivity, Referral, Stage
from tests.cases.factories import (
    AgencyFilingFactory,
    ContactFactory,
    IncidentFactory,
    StageChangeFactory,
    WorksiteFactory,
)
from tests.factories import jpeg, member, upload

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)


def count_queries(client, url):
    client.get(url)  # the first request loads the session and the user's roles
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def searchable(*records):
    for record in records:
        record.update_search_vector()  # what the services do on save (PostgreSQL only)
    return records


def busy_worksite(organization, user, index):
    """A worksite with an incident of its own, a contact, a filing and a stage change."""
    worksite = WorksiteFactory(
        organization=organization,
        created_by=user,
        employer_name=f"Picket Line Foods {index}",
        current_stage=Stage.COMMITTEE,
    )
    worksite.organizers.add(user)
    incident = IncidentFactory(
        worksite=worksite, type=IncidentType.WAGE_THEFT, occurred_at=WHEN, description="unpaid overtime"
    )
    contact = ContactFactory(worksite=worksite)
    AgencyFilingFactory(worksite=worksite).incidents.add(incident)
    StageChangeFactory(worksite=worksite, stage=Stage.COMMITTEE)
    searchable(worksite, incident, contact)
    return worksite


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=picket",
        "q=overtime",
        "stage=committee&incident_type=wage_theft&since=2026-01-01&sort=-updated_at",
        "sort=city&page=1",
    ],
)
def test_worksite_list_query_count_is_the_same_for_1_and_10_worksites(client, organizer, organization, query):
    client.force_login(organizer)
    url = f"{reverse('cases:worksite_list')}?{query}"
    busy_worksite(organization, organizer, 0)
    one = count_queries(client, url)
    assert client.get(url).context["page"].paginator.count == 1

    for index in range(1, 10):
        busy_worksite(organization, organizer, index)
    many = count_queries(client, url)

    assert client.get(url).context["page"].paginator.count == 10
    assert one == many


def add_worksite_rows(worksite, user, count, start=0):
    """`count` of each record the worksite page shows: incidents (I-9 notices in California, with
    deadlines, some referred to legal), contacts, filings, stage changes, protected activities, organizers."""
    for index in range(start, start + count):
        incident = IncidentFactory(
            worksite=worksite,
            type=IncidentType.I9_NOTICE if index % 2 else IncidentType.RETALIATION,
            occurred_at=WHEN + datetime.timedelta(days=index),
        )
        if index % 3 == 0:
            Referral.objects.create(incident=incident, reason="Threats", referred_by=user)
        ContactFactory(worksite=worksite)
        AgencyFilingFactory(worksite=worksite).incidents.add(incident)
        StageChangeFactory(worksite=worksite, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index))
        ProtectedActivity.objects.create(
            worksite=worksite,
            kind=ProtectedActivity.Kind.COMPLAINT,
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=index),
            description="Petition about overtime",
            created_by=user,
        )
        worksite.organizers.add(member("organizer", worksite.organization))


def test_worksite_detail_query_count_is_the_same_for_1_and_10_of_each_record(
    client, organizer, organization, clock
):
    worksite = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    client.force_login(organizer)
    url = worksite.get_absolute_url()
    add_worksite_rows(worksite, organizer, 1)
    one = count_queries(client, url)

    add_worksite_rows(worksite, organizer, 9, start=1)
    many = count_queries(client, url)

    response = client.get(url)
    entries = response.context["page"].paginator.count
    assert entries == 10 + 10 + 10 + 10  # incidents, filings, stages, activities
    assert len(response.context["timeline"]) == 25  # the first page of them
    assert len(response.context["deadlines"]) == 5 * 2  # I-9 notices in California: two deadlines each
    assert one == many


def add_incident_rows(incident, user, count):
    first = incident.evidence.count()
    for index in range(first, first + count):
        incident.witnesses.add(ContactFactory(worksite=incident.worksite))
        AgencyFilingFactory(worksite=incident.worksite).incidents.add(incident)
        photo = upload(f"photo-{index}.jpg", jpeg(40 + index, 30))  # each its own file
        add_evidence(incident=incident, upload=photo, description="", user=user)


def test_incident_detail_query_count_is_the_same_for_1_and_10_of_each_record(client, organizer, organization):
    worksite = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    incident = IncidentFactory(worksite=worksite, type=IncidentType.I9_NOTICE, occurred_at=WHEN)
    Referral.objects.create(incident=incident, reason="Threats", referred_by=organizer)
    client.force_login(organizer)
    url = incident.get_absolute_url()
    add_incident_rows(incident, organizer, 1)
    one = count_queries(client, url)

    add_incident_rows(incident, organizer, 9)
    many = count_queries(client, url)

    response = client.get(url)
    assert (len(response.context["evidence"]), len(response.context["witnesses"])) == (10, 10)
    assert one == many
