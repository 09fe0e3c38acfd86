"""Worksites and what hangs off them: list, search, create, edit, the worksite page (timeline and
deadlines), stages, contacts, agency filings and protected activity."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.models import (
    AgencyFiling,
    Contact,
    DeadlineRule,
    IncidentType,
    ProtectedActivity,
    Stage,
    StageChange,
    Worksite,
)
from cases.timeline import Timeline
from power_campaign import search
from power_campaign.audit.models import AuditEvent
from power_campaign.crypto.fields import multifernet
from tests.cases.factories import (
    ContactFactory,
    FilingFactory,
    IncidentFactory,
    ProtectedActivityFactory,
    StageChangeFactory,
    WorksiteFactory,
)
from tests.cases.support import audit_trail, local, messages_of
from tests.factories import MembershipFactory, UserFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def other_site(other_organization, other_admin):
    return WorksiteFactory(
        organization=other_organization, created_by=other_admin, employer_name="Acme Other"
    )


def at_stage(worksite, stage, date, user=None):
    """Record a stage directly, then derive the current stage as the service does."""
    StageChangeFactory(worksite=worksite, stage=stage, date=date, recorded_by=user or worksite.created_by)
    worksite.refresh_current_stage()
    return worksite


def searchable(*records):
    for record in records:
        record.update_search_vector()  # what the services do on save (PostgreSQL only)


def listed(response):
    return [worksite.employer_name for worksite in response.context["page"].object_list]


# Access for every view is checked by the permission matrix (tests/cases/permissions.py).


def test_a_user_without_any_role_sees_no_worksites_and_cannot_add_one(client, organization, site):
    nobody = UserFactory(username="nobody")
    client.force_login(nobody)
    assert listed(client.get(reverse("cases:worksite_list"))) == []
    assert client.get(site.get_absolute_url()).status_code == 404
    response = client.post(reverse("cases:worksite_create"), worksite_data(organization))
    assert response.status_code == 403
    assert list(Worksite.objects.values_list("employer_name", flat=True)) == ["Acme Poultry"]


# The list: filters, sorting, pagination, search


def test_worksite_list_shows_only_the_users_organizations(client, organizer, site, other_site):
    client.force_login(organizer)
    response = client.get(reverse("cases:worksite_list"))
    assert listed(response) == ["Acme Poultry"]
    assert response.context["show_organization"] is False
    assert "Acme Other" not in response.content.decode()


def test_worksite_list_filters_by_stage(client, organizer, organization):
    at_stage(
        WorksiteFactory(organization=organization, employer_name="Committee Co"),
        "committee",
        datetime.date(2026, 3, 2),
    )
    at_stage(
        WorksiteFactory(organization=organization, employer_name="Majority Co"),
        "majority",
        datetime.date(2026, 3, 2),
    )
    WorksiteFactory(organization=organization, employer_name="New Co")
    client.force_login(organizer)
    assert listed(client.get(reverse("cases:worksite_list"), {"stage": "committee"})) == ["Committee Co"]
    assert listed(client.get(reverse("cases:worksite_list"), {"stage": "first_contact"})) == ["New Co"]


def test_worksite_list_filters_by_organization_among_the_users_own(
    client, organization, other_organization, site, other_site
):
    both = member("admin", organization, username="coalition")
    MembershipFactory(user=both, organization=other_organization, role="organizer")
    client.force_login(both)
    url = reverse("cases:worksite_list")
    response = client.get(url)
    assert listed(response) == ["Acme Other", "Acme Poultry"]
    assert response.context["show_organization"] is True
    assert listed(client.get(url, {"organization": other_organization.pk})) == ["Acme Other"]

    stranger = WorksiteFactory(employer_name="Stranger Inc")
    response = client.get(url, {"organization": stranger.organization.pk})
    assert response.context["form"].errors == {
        "organization": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert listed(response) == []


def test_worksite_list_filters_by_assigned_organizer(client, organizer, organization, site):
    assigned = WorksiteFactory(organization=organization, employer_name="Assigned Co")
    assigned.organizers.add(organizer)
    client.force_login(organizer)
    assert listed(client.get(reverse("cases:worksite_list"), {"organizer": organizer.pk})) == ["Assigned Co"]


def test_worksite_list_filters_by_incident_type_and_date(client, organizer, organization):
    raided = WorksiteFactory(organization=organization, employer_name="Raided Co")
    unpaid = WorksiteFactory(organization=organization, employer_name="Unpaid Co")
    WorksiteFactory(organization=organization, employer_name="Quiet Co")
    IncidentFactory(worksite=raided, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 3, 2, 9))
    IncidentFactory(worksite=unpaid, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 14, 21))
    client.force_login(organizer)
    url = reverse("cases:worksite_list")
    assert listed(client.get(url, {"incident_type": "ice_visit"})) == ["Raided Co"]
    assert listed(client.get(url, {"since": "2026-03-14"})) == ["Unpaid Co"]
    assert listed(client.get(url, {"since": "2026-03-15"})) == []  # the local date, not UTC's
    assert listed(client.get(url, {"incident_type": "wage_theft", "since": "2026-03-01"})) == ["Unpaid Co"]


def test_a_filtered_worksite_lists_rows_are_read_by_their_keys_alone(client, organizer, organization):
    raided = WorksiteFactory(organization=organization, employer_name="Raided Co")
    WorksiteFactory(organization=organization, employer_name="Quiet Co")
    IncidentFactory(worksite=raided, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 3, 2, 9))
    IncidentFactory(worksite=raided, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 3, 9))
    client.force_login(organizer)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:worksite_list"), {"incident_type": "ice_visit"})

    assert listed(response) == ["Raided Co"]
    assert [row.incident_count for row in response.context["page"]] == [2]  # every incident of the worksite
    filtering = [query["sql"] for query in queries.captured_queries if "ice_visit" in query["sql"]]
    assert len(filtering) == 2  # the count and the page's keys; its rows are read by key


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("employer_name", ["Alpha Foods", "Bravo Hotel", "Charlie Car Wash"]),
        ("-updated_at", ["Alpha Foods", "Charlie Car Wash", "Bravo Hotel"]),
        ("current_stage", ["Charlie Car Wash", "Alpha Foods", "Bravo Hotel"]),  # the organizing order
        ("city", ["Charlie Car Wash", "Bravo Hotel", "Alpha Foods"]),
    ],
)
def test_worksite_list_sorts(client, organizer, organization, sort, expected):
    for name, city, stage, updated in [
        ("Bravo Hotel", "Joliet", Stage.BARGAINING, local(2026, 3, 1, 9)),
        ("Alpha Foods", "Waukegan", Stage.COMMITTEE, local(2026, 3, 10, 9)),
        ("Charlie Car Wash", "Aurora", None, local(2026, 3, 5, 9)),
    ]:
        worksite = WorksiteFactory(organization=organization, employer_name=name, city=city)
        if stage:
            at_stage(worksite, stage, datetime.date(2026, 3, 1))
        Worksite.objects.filter(pk=worksite.pk).update(updated_at=updated)
    client.force_login(organizer)
    assert listed(client.get(reverse("cases:worksite_list"), {"sort": sort})) == expected


def test_worksite_list_shows_25_per_page_and_keeps_the_filters_in_page_links(client, organizer, organization):
    for index in range(26):
        WorksiteFactory(organization=organization, employer_name=f"Site {index:02d}")
    client.force_login(organizer)
    url = reverse("cases:worksite_list")

    first = client.get(url, {"stage": "first_contact"})
    second = client.get(url, {"stage": "first_contact", "page": 2})

    assert listed(first) == [f"Site {index:02d}" for index in range(25)]
    assert listed(second) == ["Site 25"]
    assert (second.context["page"].number, second.context["page"].paginator.num_pages) == (2, 2)
    assert '<a href="?stage=first_contact&amp;page=2" rel="next">Next</a>' in first.content.decode()
    assert "26 worksites" in first.content.decode()


def search_fixture(organization, other_organization):
    WorksiteFactory(organization=organization, employer_name="Prairie Poultry")
    forklift = WorksiteFactory(organization=organization, employer_name="North Warehouse")
    contact_site = WorksiteFactory(organization=organization, employer_name="Lakeview Laundry")
    WorksiteFactory(organization=organization, employer_name="Quiet Bakery")
    incident = IncidentFactory(worksite=forklift, description="A forklift hit a worker; no first aid kit.")
    contact = ContactFactory(worksite=contact_site, name="Guadalupe Ramírez")
    # Another organization's worksite matching every search: never listed.
    stranger = WorksiteFactory(organization=other_organization, employer_name="Prairie Poultry East")
    stranger_incident = IncidentFactory(worksite=stranger, description="forklift accident")
    stranger_contact = ContactFactory(worksite=stranger, name="Guadalupe Other")
    searchable(*Worksite.objects.all(), incident, contact, stranger_incident, stranger_contact)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("poultry", ["Prairie Poultry"]),  # the employer's name
        ("forklift", ["North Warehouse"]),  # a word in an incident's description
        ("Guadalupe", ["Lakeview Laundry"]),  # a contact's name
        ("nothing-like-this", []),
    ],
)
@pytest.mark.parametrize("keys_read_first", [search.KEYS_FIRST_AT_MOST, 0])
def test_worksite_search_finds_by_employer_incident_and_contact(
    client, organizer, organization, other_organization, query, expected, keys_read_first, monkeypatch
):
    # At most 0: as if every word matched too many worksites to read their keys first.
    monkeypatch.setattr(search, "KEYS_FIRST_AT_MOST", keys_read_first)
    search_fixture(organization, other_organization)
    client.force_login(organizer)
    assert listed(client.get(reverse("cases:worksite_list"), {"q": query})) == expected


def test_worksite_search_uses_the_full_text_index_on_postgresql(organization, other_organization):
    search_fixture(organization, other_organization)
    if connection.vendor != "postgresql":
        assert Worksite.objects.filter(search_vector__isnull=False).count() == 0
        return
    vector = Worksite.objects.values_list("search_vector", flat=True).get(employer_name="Prairie Poultry")
    assert vector == "'chicago':3 'poultry':2 'prairie':1"


# Create and edit


def worksite_data(organization, **changes):
    return {
        "organization": organization.pk,
        "employer_name": "Riverside Meats LLC",
        "dba": "Riverside",
        "street": "1200 W 35th St",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60609",
        "industry": "food_processing",
        "headcount": "240",
        "languages": "Spanish, English, K'iche'",
        "time_zone": "America/Chicago",
        "notes": "Night shift starts at 10 pm.",
        **changes,
    }


def test_creating_a_worksite_records_it_at_first_contact_on_the_date_given(client, organizer, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:worksite_create"),
        worksite_data(organization, organizers=[organizer.pk], first_contact_on="2026-02-10"),
    )

    worksite = Worksite.objects.get()
    assert response["Location"] == worksite.get_absolute_url()
    assert messages_of(response) == ["Worksite added."]
    assert (
        worksite.organization,
        worksite.employer_name,
        worksite.dba,
        worksite.street,
        worksite.city,
        worksite.state,
        worksite.postal_code,
        worksite.industry,
        worksite.headcount,
        worksite.languages,
        worksite.notes,
        worksite.created_by,
        worksite.current_stage,
        worksite.current_stage_on,
    ) == (
        organization,
        "Riverside Meats LLC",
        "Riverside",
        "1200 W 35th St",
        "Chicago",
        "IL",
        "60609",
        "food_processing",
        240,
        "Spanish, English, K'iche'",
        "Night shift starts at 10 pm.",
        organizer,
        "first_contact",
        datetime.date(2026, 2, 10),
    )
    assert list(worksite.organizers.all()) == [organizer]
    assert list(worksite.stage_changes.values_list("stage", "date", "recorded_by")) == [
        ("first_contact", datetime.date(2026, 2, 10), organizer.pk)
    ]
    assert audit_trail() == [("create", str(worksite.uuid), "worksite created", "organizer")]
    assert AuditEvent.objects.get(action="create").organization == organization


def test_a_worksite_created_without_a_first_contact_date_takes_a_back_dated_stage_as_current(
    client, clock, organizer, organization
):
    clock.now = local(2026, 3, 19, 20, 30)  # already March 20 in UTC
    client.force_login(organizer)
    client.post(reverse("cases:worksite_create"), worksite_data(organization))
    worksite = Worksite.objects.get()
    assert list(worksite.stage_changes.values_list("stage", "date")) == []

    client.post(
        reverse("cases:stage_add", args=[worksite.uuid]), {"stage": "committee", "date": "2026-01-12"}
    )

    worksite.refresh_from_db()
    assert (worksite.current_stage, worksite.current_stage_on) == ("committee", datetime.date(2026, 1, 12))


def test_a_worksite_form_refuses_a_first_contact_date_in_the_future(client, organizer, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:worksite_create"), worksite_data(organization, first_contact_on="2026-03-20")
    )
    assert response.context["form"].errors == {"first_contact_on": ["The date cannot be in the future."]}
    assert Worksite.objects.count() == 0


def test_worksite_form_offers_the_users_only_organization(client, organizer, organization):
    client.force_login(organizer)
    form = client.get(reverse("cases:worksite_create")).context["form"]
    assert form["organization"].value() == organization.pk
    assert list(form.fields["organizers"].queryset) == [organizer]


def test_worksite_organizers_must_belong_to_its_organization(
    client, organization, other_organization, organizer
):
    both = member("admin", organization, username="coalition")
    MembershipFactory(user=both, organization=other_organization, role="admin")
    outsider = member("organizer", other_organization, username="outsider")
    colleague = member("legal", organization, username="lawyer")
    client.force_login(both)

    response = client.post(
        reverse("cases:worksite_create"), worksite_data(organization, organizers=[organizer.pk, outsider.pk])
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "organizers": ["Assign only organizers of the worksite's organization."]
    }
    assert "Assign only organizers of the worksite&#x27;s organization." in response.content.decode()

    response = client.post(
        reverse("cases:worksite_create"), worksite_data(organization, organizers=[colleague.pk])
    )
    assert response.context["form"].errors == {
        "organizers": [f"Select a valid choice. {colleague.pk} is not one of the available choices."]
    }
    assert Worksite.objects.count() == 0
    assert audit_trail() == []


def test_worksite_form_requires_name_city_and_a_valid_state(client, organizer, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:worksite_create"),
        worksite_data(organization, employer_name="", city="", state="XX", headcount="-3"),
    )
    assert response.context["form"].errors == {
        "employer_name": ["This field is required."],
        "city": ["This field is required."],
        "state": ["Select a valid choice. XX is not one of the available choices."],
        "headcount": ["Ensure this value is greater than or equal to 0."],
    }
    assert (Worksite.objects.count(), StageChange.objects.count(), audit_trail()) == (0, 0, [])


def test_editing_a_worksite_saves_it_but_never_moves_it_to_another_organization(
    client, organization, other_organization, site
):
    both = member("admin", organization, username="coalition")
    MembershipFactory(user=both, organization=other_organization, role="admin")
    client.force_login(both)
    url = reverse("cases:worksite_edit", args=[site.uuid])

    form = client.get(url).context["form"]
    assert form.fields["organization"].disabled is True
    assert '<select name="organization" required disabled id="id_organization">' in str(form["organization"])

    response = client.post(
        url,
        worksite_data(other_organization, employer_name="Acme Poultry Inc", city="Chicago", state="IL"),
    )

    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Worksite saved."]
    site.refresh_from_db()
    assert (site.organization, site.employer_name, site.dba, site.headcount) == (
        organization,
        "Acme Poultry Inc",
        "Riverside",
        240,
    )
    assert audit_trail() == [
        (
            "update",
            str(site.uuid),
            "worksite changed: employer_name, dba, street, postal_code, industry, headcount, languages, "
            "notes",
            "coalition",
        )
    ]


def test_bad_worksite_edit_shows_the_error_and_changes_nothing(client, organizer, organization, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:worksite_edit", args=[site.uuid]), worksite_data(organization, city="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"city": ["This field is required."]}
    site.refresh_from_db()
    assert (site.employer_name, site.city) == ("Acme Poultry", "Chicago")
    assert audit_trail() == []


# The worksite page: timeline, deadlines, contacts


def test_worksite_timeline_merges_every_dated_record_newest_first(client, organizer, site):
    at_stage(site, Stage.FIRST_CONTACT, datetime.date(2026, 3, 1))
    StageChangeFactory(
        worksite=site, stage=Stage.COMMITTEE, date=datetime.date(2026, 3, 10), note="7 leaders"
    )
    incident = IncidentFactory(
        worksite=site, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 3, 5, 12), place="Loading dock"
    )
    FilingFactory(
        worksite=site,
        case_number="WHD-2026-17",
        filed_on=datetime.date(2026, 3, 12),
        closed_on=datetime.date(2026, 3, 16),
    )
    FilingFactory(
        worksite=site,
        agency="state",
        state_agency_name="Illinois Department of Labor",
        case_number="IDOL-9",
        filed_on=datetime.date(2026, 3, 11),
    )
    ProtectedActivityFactory(
        worksite=site, kind="strike", date=datetime.date(2026, 3, 4), description="Walkout on the night shift"
    )
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    assert [
        (entry.when, entry.kind, entry.label, entry.detail) for entry in response.context["timeline"]
    ] == [
        (local(2026, 3, 16), "filing", "Closed at DOL Wage and Hour Division (WHD)", "WHD-2026-17"),
        (local(2026, 3, 12), "filing", "Filed with DOL Wage and Hour Division (WHD)", "WHD-2026-17"),
        (local(2026, 3, 11), "filing", "Filed with Illinois Department of Labor", "IDOL-9"),
        (local(2026, 3, 10), "stage", "Stage: Committee formed", "7 leaders"),
        (local(2026, 3, 5, 12), "incident", "ICE visit or raid", "Loading dock"),
        (local(2026, 3, 4), "activity", "Strike or walkout", "Walkout on the night shift"),
        (local(2026, 3, 1), "stage", "Stage: First contact", ""),
    ]
    html = response.content.decode()
    labels = re.findall(
        r'<li class="entry-(\w+)">\s*<time datetime="[^"]+">([^<]+)</time>\s*'
        r'(?:<a href="[^"]+">|<strong>)([^<]+)<',
        html,
    )
    assert labels == [
        ("filing", "March 16, 2026", "Closed at DOL Wage and Hour Division (WHD)"),
        ("filing", "March 12, 2026", "Filed with DOL Wage and Hour Division (WHD)"),
        ("filing", "March 11, 2026", "Filed with Illinois Department of Labor"),
        ("stage", "March 10, 2026", "Stage: Committee formed"),
        ("incident", "March 5, 2026", "ICE visit or raid"),
        ("activity", "March 4, 2026", "Strike or walkout"),
        ("stage", "March 1, 2026", "Stage: First contact"),
    ]
    assert f'<a href="{incident.get_absolute_url()}">ICE visit or raid</a>' in html
    # Machine-readable times in the desk's time zone, either side of the change to daylight saving time.
    assert '<time datetime="2026-03-05T12:00:00-06:00">March 5, 2026</time>' in html
    assert '<time datetime="2026-03-16T00:00:00-05:00">March 16, 2026</time>' in html
    client.post(reverse("accounts:set_language"), {"language": "es"})
    spanish = client.get(site.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-05T12:00:00-06:00">5 de marzo de 2026</time>' in spanish


def test_worksite_timeline_reads_only_the_newest_incidents_the_page_shows(organizer, site):
    start = local(2026, 1, 1, 8, 30)
    incidents = [
        IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=start + delta)
        for delta in (datetime.timedelta(hours=hours) for hours in range(60))
    ]
    at_stage(site, Stage.COMMITTEE, datetime.date(2026, 1, 2))  # midnight: after the 16 first incidents
    newest_first = [incident.get_absolute_url() for incident in incidents[::-1]]

    with CaptureQueriesContext(connection) as queries:
        first = Timeline(site, 10)
    second = Timeline(site, 50)

    assert (len(first), len(second)) == (61, 61)
    assert [entry.url for entry in first[0:10]] == newest_first[:10]
    assert [entry.url for entry in second[40:50]] == [*newest_first[40:44], "", *newest_first[44:49]]
    assert [entry.kind for entry in second[44:45]] == ["stage"]
    incident_reads = [q["sql"] for q in queries.captured_queries if 'FROM "cases_incident"' in q["sql"]]
    assert len(incident_reads) == 1 and incident_reads[0].endswith("LIMIT 10")


def test_worksite_timeline_shows_25_entries_a_page_newest_first(client, organizer, site):
    incidents = [
        IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 1, 1, 8) + delta)
        for delta in (datetime.timedelta(hours=hours) for hours in range(28))
    ]
    client.force_login(organizer)

    first = client.get(site.get_absolute_url())
    second = client.get(site.get_absolute_url(), {"page": 2})

    newest_first = [incident.get_absolute_url() for incident in incidents[::-1]]
    assert [entry.url for entry in first.context["timeline"]] == newest_first[:25]
    assert [entry.url for entry in second.context["timeline"]] == newest_first[25:]
    assert 'href="?page=2#timeline-heading" rel="next">Next</a>' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert 'href="?page=1#timeline-heading" rel="prev">Previous</a>' in second.content.decode()


def deadlines_of(response):
    return [(deadline.rule, deadline.due) for deadline in response.context["deadlines"]]


def test_worksite_page_shows_open_deadlines_and_those_passed_in_the_last_30_days(client, organizer, site):
    # NOW is Thursday 2026-03-19 at 10:00: the page keeps what passed after 2026-02-17 at 10:00.
    old = IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 2, 10, 14))
    # A Friday; Monday the 16th is Presidents' Day: due Thursday the 19th.
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 2, 13, 14))
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 18, 9))
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    assert deadlines_of(response) == [
        ("i9-production-3-business-days", local(2026, 2, 19, 14)),
        ("i9-production-3-business-days", local(2026, 3, 23, 9)),
    ]
    assert "Deadlines that passed more than 30 days ago are listed on each incident's page." in (
        response.content.decode()
    )
    # The incident's own page keeps it.
    assert deadlines_of(client.get(old.get_absolute_url())) == [
        ("i9-production-3-business-days", local(2026, 2, 13, 14))
    ]


def test_a_worksites_deadlines_are_read_only_for_a_member_of_its_organization(
    organizer, other_admin, site, django_assert_num_queries
):
    from power_campaign.deadlines import collect

    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 18, 9))
    IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 18, 10))
    organizer.roles(), other_admin.roles()  # read once per request, before any page asks

    with django_assert_num_queries(3):  # the rules, the worksite's incidents, its agreements
        assert [(d.rule, d.due) for d in collect(organizer, subject=site)] == [
            ("i9-production-3-business-days", local(2026, 3, 23, 9))
        ]
    as_read_again = Worksite.objects.select_related("organization").get(pk=site.pk)  # its rules not read yet
    with django_assert_num_queries(0):  # the rules are in the cache now: nothing of the worksite's is read
        assert collect(other_admin, subject=as_read_again) == []


def test_an_i9_notice_in_california_shows_the_72_hour_and_the_3_business_day_deadlines(
    client, organizer, organization
):
    california = WorksiteFactory(organization=organization, state="CA", city="Fresno")
    IncidentFactory(
        worksite=california, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 12, 14)
    )  # Thursday
    client.force_login(organizer)

    response = client.get(california.get_absolute_url())

    assert deadlines_of(response) == [
        ("ca-ab450-72-hour-notice", local(2026, 3, 15, 14)),  # Sunday: hours count every day
        ("i9-production-3-business-days", local(2026, 3, 17, 14)),  # Friday, Monday, Tuesday
    ]
    html = response.content.decode()
    # A deadline's time says its zone: the desk's, whatever the worksite's state.
    assert '<time datetime="2026-03-15T14:00:00-05:00">March 15, 2026, 2:00 p.m. CDT</time>' in html
    assert '<time datetime="2026-03-17T14:00:00-05:00">March 17, 2026, 2:00 p.m. CDT</time>' in html
    assert "California: employer must notify workers of the I-9 inspection (72 hours, AB 450)" in html
    assert "Employer must produce Forms I-9 (at least 3 business days after the Notice of Inspection)" in html


def test_a_deadline_rule_changed_or_deleted_by_a_coalition_admin_applies_at_once(
    client, organizer, organization
):
    # The rules are read from the cache (DeadlineRule.objects.every): a change forgets them.
    california = WorksiteFactory(organization=organization, state="CA", city="Fresno")
    IncidentFactory(worksite=california, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 12, 14))
    client.force_login(organizer)
    assert ("ca-ab450-72-hour-notice", local(2026, 3, 15, 14)) in deadlines_of(
        client.get(california.get_absolute_url())
    )

    rule = DeadlineRule.objects.get(code="ca-ab450-72-hour-notice")
    coalition_admin = UserFactory(username="coalition", is_staff=True, coalition_role="admin")
    client.force_login(coalition_admin)
    fields = ["code", "label", "label_es", "incident_type", "state", "unit", "source", "last_verified"]
    data = {name: getattr(rule, name) for name in fields} | {"amount": "48"}
    response = client.post(reverse("admin:cases_deadlinerule_change", args=[rule.pk]), data)
    assert response.status_code == 302

    client.force_login(organizer)
    assert ("ca-ab450-72-hour-notice", local(2026, 3, 14, 14)) in deadlines_of(
        client.get(california.get_absolute_url())
    )

    client.force_login(coalition_admin)
    response = client.post(reverse("admin:cases_deadlinerule_delete", args=[rule.pk]), {"post": "yes"})
    assert response.status_code == 302

    client.force_login(organizer)
    assert deadlines_of(client.get(california.get_absolute_url())) == [
        ("i9-production-3-business-days", local(2026, 3, 17, 14))
    ]


def test_migrate_forgets_the_cached_deadline_rules(organizer, site):
    from django.core.cache import cache
    from django.core.management.sql import emit_post_migrate_signal

    assert DeadlineRule.objects.every()  # read, and kept in the cache
    assert cache.get(DeadlineRule.objects.CACHE_KEY)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert cache.get(DeadlineRule.objects.CACHE_KEY) is None


def test_an_i9_notice_outside_california_shows_only_the_3_business_day_deadline(client, organizer, site):
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 12, 14))
    IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 12, 15))
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    assert deadlines_of(response) == [("i9-production-3-business-days", local(2026, 3, 17, 14))]
    assert "72 hours" not in response.content.decode()


def test_business_days_are_counted_on_the_local_calendar(client, organizer, site):
    # Friday evening in Chicago is already Saturday in UTC: Monday, Tuesday, Wednesday.
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 13, 20))
    # Across the change to daylight saving time (March 8) the time of day stays the same.
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 6, 10))
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    assert deadlines_of(response) == [
        ("i9-production-3-business-days", local(2026, 3, 11, 10)),
        ("i9-production-3-business-days", local(2026, 3, 18, 20)),
    ]


def test_business_day_deadlines_skip_federal_holidays(client, organizer, site):
    # Served the Wednesday before Thanksgiving (Thursday 11-26): Friday, Monday, Tuesday.
    incident = IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 11, 25, 9))
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    assert deadlines_of(response) == [("i9-production-3-business-days", local(2026, 12, 1, 9))]
    assert [(d.url, d.record, d.organization) for d in response.context["deadlines"]] == [
        (incident.get_absolute_url(), "I-9 notice of inspection, November 25, 2026", site.organization)
    ]


def test_worksite_page_shows_a_phone_only_with_consent(client, organizer, site):
    ContactFactory(worksite=site, name="Ana Consenting", phone="+1 312 555 0142", consent_to_contact=True)
    ContactFactory(worksite=site, name="Beto Private", phone="+1 312 555 0199", consent_to_contact=False)
    ContactFactory(worksite=site, name="Carla No Phone", phone="", consent_to_contact=True)
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    phones = re.findall(r'<td data-label="Phone">(.*?)</td>', html)
    assert phones == ['<a href="tel:+13125550142">(312) 555-0142</a>', "hidden: no consent", "—"]
    assert "0199" not in html


# Stages


def test_current_stage_follows_the_latest_date_not_the_latest_entry(client, organizer, site):
    at_stage(site, Stage.FIRST_CONTACT, datetime.date(2026, 3, 1))
    client.force_login(organizer)
    url = reverse("cases:stage_add", args=[site.uuid])

    response = client.post(url, {"stage": "majority", "date": "2026-03-15", "note": "62% signed cards"})
    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Stage recorded."]
    client.post(url, {"stage": "committee", "date": "2026-03-08"})  # recorded later, happened earlier

    site.refresh_from_db()
    assert (site.current_stage, site.current_stage_on) == ("majority", datetime.date(2026, 3, 15))
    assert list(site.stage_changes.values_list("stage", "date", "note", "recorded_by")) == [
        ("majority", datetime.date(2026, 3, 15), "62% signed cards", organizer.pk),
        ("committee", datetime.date(2026, 3, 8), "", organizer.pk),
        ("first_contact", datetime.date(2026, 3, 1), "", organizer.pk),
    ]
    assert audit_trail() == [
        ("update", str(site.uuid), "stage recorded: majority on 2026-03-15", "organizer"),
        ("update", str(site.uuid), "stage recorded: committee on 2026-03-08", "organizer"),
    ]


def test_a_stage_cannot_be_dated_before_first_contact_or_1950(client, organizer, site):
    first = datetime.date(2026, 3, 1)
    services.record_stage(worksite=site, stage="first_contact", date=first, user=organizer)
    client.force_login(organizer)
    url = reverse("cases:stage_add", args=[site.uuid])

    before = client.post(url, {"stage": "committee", "date": "2026-02-28"})
    ancient = client.post(url, {"stage": "first_contact", "date": "1900-01-01"})

    assert before.context["form"].errors == {
        "date": ["The stage cannot be reached before the date of first contact."]
    }
    assert ancient.context["form"].errors == {"date": ["The date is too far back: give one from 1950 on."]}
    assert list(site.stage_changes.values_list("stage", "date")) == [("first_contact", first)]


def test_worksite_bounds_refused_with_clear_messages(client, organizer, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:worksite_create"),
        worksite_data(organization, organizers=[organizer.pk], headcount="9999999999", postal_code="ABCDE"),
    )

    assert response.context["form"].errors == {
        "headcount": ["Ensure this value is less than or equal to 100000."],
        "postal_code": ["Write the ZIP code as 5 digits, for example 60609."],
    }
    assert not Worksite.objects.exists()


def test_a_stage_cannot_be_dated_in_the_future(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:stage_add", args=[site.uuid]), {"stage": "committee", "date": "2026-03-20"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"date": ["The date cannot be in the future."]}
    assert "The date cannot be in the future." in response.content.decode()
    site.refresh_from_db()
    assert (site.current_stage, StageChange.objects.count(), audit_trail()) == ("first_contact", 0, [])


def test_stage_form_refuses_an_unknown_stage(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:stage_add", args=[site.uuid]), {"stage": "won", "date": "2026-03-10"}
    )
    assert response.context["form"].errors == {
        "stage": ["Select a valid choice. won is not one of the available choices."]
    }
    assert StageChange.objects.count() == 0


# Contacts


def contact_data(**changes):
    return {
        "name": "Guadalupe Ramírez",
        "preferred_language": "es",
        "phone": "+1 312 555 0142",
        "committee_role": "leader",
        **changes,
    }


def raw_phone(contact):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM cases_contact WHERE id = %s", [contact.pk])
        return cursor.fetchone()[0]


def test_adding_a_contact_stores_the_phone_encrypted(client, organizer, site):
    client.force_login(organizer)
    response = client.post(reverse("cases:contact_create", args=[site.uuid]), contact_data())

    contact = Contact.objects.get()
    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Contact added."]
    assert (
        contact.worksite,
        contact.name,
        contact.preferred_language,
        contact.phone,
        contact.committee_role,
        contact.consent_to_contact,
        contact.created_by,
    ) == (site, "Guadalupe Ramírez", "es", "+13125550142", "leader", False, organizer)
    raw = raw_phone(contact)
    assert "312" not in raw and "555" not in raw and "0142" not in raw
    assert multifernet().decrypt(raw.encode()).decode() == "+13125550142"
    assert audit_trail() == [("create", str(contact.uuid), "contact created", "organizer")]
    html = client.get(site.get_absolute_url()).content.decode()
    assert "hidden: no consent" in html
    assert "555 0142" not in html


def test_editing_a_contact_records_consent_and_shows_the_phone(client, organizer, site):
    contact = ContactFactory(worksite=site, name="Guadalupe Ramírez", phone="+1 312 555 0142")
    client.force_login(organizer)
    url = reverse("cases:contact_edit", args=[contact.uuid])
    form = client.get(url).context["form"]
    assert (form["phone"].value(), form["phone"].as_widget().count('value="(312) 555-0142"')) == (
        "+13125550142",
        1,
    )

    response = client.post(url, contact_data(consent_to_contact="on", phone="(312) 555-0142"))

    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Contact saved."]
    contact.refresh_from_db()
    assert (contact.consent_to_contact, contact.phone) == (True, "+13125550142")
    assert "0142" not in raw_phone(contact)
    assert audit_trail() == [
        ("update", str(contact.uuid), "contact changed: consent_to_contact", "organizer")
    ]
    html = client.get(site.get_absolute_url()).content.decode()
    assert '<a href="tel:+13125550142">(312) 555-0142</a>' in html


def test_bad_contact_shows_the_errors_and_saves_nothing(client, organizer, site):
    contact = ContactFactory(worksite=site, name="Guadalupe Ramírez")
    client.force_login(organizer)
    bad = contact_data(name="", committee_role="boss", phone="+1 312 555 0142 ext 1234567890123456789012")

    created = client.post(reverse("cases:contact_create", args=[site.uuid]), bad)
    edited = client.post(reverse("cases:contact_edit", args=[contact.uuid]), bad)

    errors = {
        "name": ["This field is required."],
        "phone": [
            "Enter a phone number that exists, for example (312) 555-0100, "
            "or +52 55 1234 5678 for another country."
        ],
        "committee_role": ["Select a valid choice. boss is not one of the available choices."],
    }
    assert created.context["form"].errors == errors
    assert edited.context["form"].errors == errors
    assert list(Contact.objects.values_list("name", "committee_role")) == [("Guadalupe Ramírez", "leader")]
    assert audit_trail() == []


# Agency filings


def filing_data(**changes):
    return {
        "agency": "whd",
        "state_agency_name": "",
        "case_number": "WHD-2026-0042",
        "filed_on": "2026-03-16",
        "closed_on": "",
        "notes": "Back wages for 14 workers.",
        **changes,
    }


def test_adding_a_filing_links_the_worksites_incidents(client, organizer, site):
    incident = IncidentFactory(worksite=site)
    client.force_login(organizer)

    response = client.post(
        reverse("cases:filing_create", args=[site.uuid]), filing_data(incidents=[incident.pk])
    )

    filing = AgencyFiling.objects.get()
    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Filing added."]
    assert (
        filing.worksite,
        filing.agency,
        filing.state_agency_name,
        filing.case_number,
        filing.filed_on,
        filing.closed_on,
        filing.notes,
        filing.created_by,
    ) == (
        site,
        "whd",
        "",
        "WHD-2026-0042",
        datetime.date(2026, 3, 16),
        None,
        "Back wages for 14 workers.",
        organizer,
    )
    assert list(filing.incidents.all()) == [incident]
    assert audit_trail() == [("create", str(filing.uuid), "filing created", "organizer")]


def test_a_state_agency_filing_needs_the_agencys_name(client, organizer, site):
    client.force_login(organizer)
    response = client.post(reverse("cases:filing_create", args=[site.uuid]), filing_data(agency="state"))
    assert response.context["form"].errors == {"state_agency_name": ["Name the state agency."]}
    assert "Name the state agency." in response.content.decode()
    assert AgencyFiling.objects.count() == 0


def test_a_filing_cannot_close_before_it_was_filed(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:filing_create", args=[site.uuid]), filing_data(closed_on="2026-03-15")
    )
    assert response.context["form"].errors == {"closed_on": ["A filing cannot close before it was filed."]}
    assert AgencyFiling.objects.count() == 0


def test_a_filing_links_only_incidents_of_its_worksite(client, organizer, organization, site):
    own = IncidentFactory(worksite=site)
    elsewhere = IncidentFactory(worksite=WorksiteFactory(organization=organization))
    client.force_login(organizer)

    form = client.get(reverse("cases:filing_create", args=[site.uuid])).context["form"]
    assert list(form.fields["incidents"].queryset) == [own]
    response = client.post(
        reverse("cases:filing_create", args=[site.uuid]), filing_data(incidents=[own.pk, elsewhere.pk])
    )
    assert response.context["form"].errors == {
        "incidents": [f"Select a valid choice. {elsewhere.pk} is not one of the available choices."]
    }
    assert AgencyFiling.objects.count() == 0


def test_editing_a_filing_closes_it(client, organizer, site):
    filing = FilingFactory(worksite=site, case_number="WHD-2026-0042", filed_on=datetime.date(2026, 3, 2))
    client.force_login(organizer)
    url = reverse("cases:filing_edit", args=[filing.uuid])

    response = client.post(url, filing_data(filed_on="2026-03-02", closed_on="2026-03-18", notes=""))

    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Filing saved."]
    filing.refresh_from_db()
    assert (filing.filed_on, filing.closed_on) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 18))
    assert audit_trail() == [("update", str(filing.uuid), "filing changed: closed_on", "organizer")]

    response = client.post(url, filing_data(filed_on="2026-03-02", closed_on="2026-03-01"))
    assert response.context["form"].errors == {"closed_on": ["A filing cannot close before it was filed."]}
    filing.refresh_from_db()
    assert filing.closed_on == datetime.date(2026, 3, 18)


# Protected activity


def test_logging_protected_activity(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:activity_create", args=[site.uuid]),
        {"kind": "petition", "date": "2026-03-09", "description": "Delegation to the plant manager"},
    )
    activity = ProtectedActivity.objects.get()
    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Activity logged."]
    assert (activity.worksite, activity.kind, activity.date, activity.description, activity.created_by) == (
        site,
        "petition",
        datetime.date(2026, 3, 9),
        "Delegation to the plant manager",
        organizer,
    )
    assert audit_trail() == [("create", str(activity.uuid), "protected activity created", "organizer")]


def test_bad_protected_activity_shows_the_errors_and_saves_nothing(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:activity_create", args=[site.uuid]), {"kind": "riot", "date": "yesterday"}
    )
    assert response.context["form"].errors == {
        "kind": ["Select a valid choice. riot is not one of the available choices."],
        "date": ["Enter a valid date."],
        "description": ["This field is required."],
    }
    assert (ProtectedActivity.objects.count(), audit_trail()) == (0, [])


def test_a_california_worksite_shows_that_its_state_has_its_own_rules(client, organization):
    from tests.cases.factories import WorksiteFactory
    from tests.factories import member

    user = member("organizer", organization)
    site = WorksiteFactory(organization=organization, state="CA", city="Fresno")
    client.force_login(user)
    text = client.get(site.get_absolute_url()).content.decode()
    assert "CA has its own rules" in text
    assert "California: employer must notify workers of the I-9 inspection (72 hours, AB 450)" in text
    illinois = WorksiteFactory(organization=organization)
    assert "has its own rules" not in client.get(illinois.get_absolute_url()).content.decode()


# A worksite's contacts: the first ten on its page, all of them on its contacts page


def contact_names(html):
    return re.findall(r'<td data-label="(?:Name|Nombre)"><a href="[^"]+">([^<]+)</a></td>', html)


def test_worksite_page_shows_its_first_ten_contacts_by_name_and_links_to_all_of_them(client, organizer, site):
    names = [f"Worker {n:02d}" for n in range(12)]
    for name in reversed(names):
        ContactFactory(worksite=site, name=name)
    ContactFactory(name="Another site's worker")  # another worksite's
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    assert contact_names(html) == names[:10]
    contacts_url = reverse("cases:contact_list", args=[site.uuid])
    assert f'<a href="{contacts_url}">All 12 contacts</a>' in html


def test_worksite_page_with_ten_contacts_or_fewer_shows_them_all_without_a_link(client, organizer, site):
    for n in range(10):
        ContactFactory(worksite=site, name=f"Worker {n:02d}")
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    assert len(contact_names(html)) == 10
    assert f'href="{reverse("cases:contact_list", args=[site.uuid])}"' not in html


def test_contacts_page_lists_every_contact_by_name_25_a_page(client, organizer, site):
    names = [f"Worker {n:02d}" for n in range(27)]
    for name in reversed(names):
        ContactFactory(worksite=site, name=name, phone="+13125550100", consent_to_contact=name == "Worker 00")
    ContactFactory(name="Another site's worker")
    client.force_login(organizer)
    url = reverse("cases:contact_list", args=[site.uuid])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    past_the_end = client.get(url, {"page": "x"}).content.decode()

    assert contact_names(first) == names[:25]
    assert contact_names(second) == names[25:]
    assert contact_names(past_the_end) == names[:25]  # not a number: the first page
    assert "27 contacts, by name." in first
    assert 'href="?page=2" rel="next">Next</a>' in first
    assert '<a href="tel:+13125550100">(312) 555-0100</a>' in first  # Worker 00 agreed to be contacted
    assert first.count("hidden: no consent") == 24
    assert f'<a href="{site.get_absolute_url()}">' in first


def test_contacts_page_past_the_count_cap_says_more_than(client, organizer, site, monkeypatch):
    from power_campaign import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    for n in range(27):
        ContactFactory(worksite=site, name=f"Worker {n:02d}")
    client.force_login(organizer)
    url = reverse("cases:contact_list", args=[site.uuid])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert "More than 25 contacts, by name." in first  # the first page counts 26 rows: one more than it shows
    assert "27 contacts, by name." in second


def test_contacts_page_in_spanish_with_none_yet(client, organizer, site):
    organizer.language = "es"
    organizer.save()
    client.force_login(organizer)

    html = client.get(reverse("cases:contact_list", args=[site.uuid])).content.decode()

    assert '<html lang="es"' in html
    assert "Todavía no hay contactos." in html
    assert reverse("cases:contact_create", args=[site.uuid]) in html


def test_contacts_page_in_spanish_counts_them(client, organizer, site):
    organizer.language = "es"
    organizer.save()
    for n in range(11):
        ContactFactory(worksite=site, name=f"Worker {n:02d}")
    client.force_login(organizer)

    listed_page = client.get(reverse("cases:contact_list", args=[site.uuid])).content.decode()
    worksite_page = client.get(site.get_absolute_url()).content.decode()

    assert "11 contactos, por nombre." in listed_page
    assert len(contact_names(listed_page)) == 11
    assert ">Los 11 contactos</a>" in worksite_page
