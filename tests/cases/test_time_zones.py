"""Each worksite's time zone: incident times typed and shown in it, deadlines counted on its calendar."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from cases.models import Incident, Worksite
from power_campaign import deadlines, zones
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.cases.test_imports import post_file, preview, row_errors
from tests.cases.test_worksites import worksite_data

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# The clock is at 10:00 a.m. on Thursday, March 19, 2026 in Chicago (tests/cases/support.py): 8:00 a.m. in
# Los Angeles. On March 3, before daylight saving time (March 8), Los Angeles is on PST (UTC-8) and
# Chicago on CST (UTC-6).
TYPED = "2026-03-03T23:30"


@pytest.fixture(autouse=True)
def _clock(clock):
    return clock


@pytest.fixture
def los_angeles(organization, organizer):
    return WorksiteFactory(
        organization=organization,
        created_by=organizer,
        employer_name="Harbor Freight Lines",
        city="Los Angeles",
        state="CA",
        time_zone="America/Los_Angeles",
    )


def log(client, worksite, when=TYPED, type_="i9_notice"):
    url = reverse("cases:incident_create", args=[worksite.uuid])
    return client.post(url, {"type": type_, "occurred_at": when, "place": "Gate 3", "description": ""})


def test_incident_typed_at_a_los_angeles_worksite_is_stored_as_that_moment_and_shown_in_pacific_time(
    client, organizer, los_angeles
):
    client.force_login(organizer)

    response = log(client, los_angeles)

    incident = Incident.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert incident.occurred_at == datetime.datetime(2026, 3, 4, 7, 30, tzinfo=UTC)
    assert (incident.local_date, str(incident)) == (
        datetime.date(2026, 3, 3),
        "I-9 notice of inspection, March 3, 2026",
    )
    page = client.get(incident.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-03T23:30:00-08:00">March 3, 2026, 11:30 p.m. PST</time>' in page
    listed = client.get(reverse("cases:incident_list")).content.decode()
    assert '<time datetime="2026-03-03T23:30:00-08:00">March 3, 2026, 11:30 p.m. PST</time>' in listed


def test_incident_of_a_chicago_worksite_is_typed_and_shown_in_chicago_time_as_before(
    client, organizer, site
):
    client.force_login(organizer)

    log(client, site)

    incident = Incident.objects.get()
    assert incident.occurred_at == datetime.datetime(2026, 3, 4, 5, 30, tzinfo=UTC)
    assert (incident.local_date, str(incident)) == (
        datetime.date(2026, 3, 3),
        "I-9 notice of inspection, March 3, 2026",
    )
    page = client.get(incident.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-03T23:30:00-06:00">March 3, 2026, 11:30 p.m. CST</time>' in page


def test_incident_forms_show_the_time_again_in_the_worksites_zone_and_edits_keep_it(
    client, organizer, los_angeles
):
    client.force_login(organizer)
    incident = IncidentFactory(
        worksite=los_angeles, type="ice_visit", occurred_at=datetime.datetime(2026, 3, 4, 7, 30, tzinfo=UTC)
    )
    url = reverse("cases:incident_edit", args=[incident.uuid])

    form = client.get(url).context["form"]
    assert (form["occurred_at"].value(), form.fields["occurred_at"].help_text) == (
        datetime.datetime(2026, 3, 3, 23, 30),
        "In the worksite's time zone: Pacific.",
    )
    assert 'value="2026-03-03T23:30"' in str(form["occurred_at"])

    client.post(
        url,
        {"type": "ice_visit", "occurred_at": "2026-03-03T22:00", "union_notified_at": "2026-03-03T23:45"},
    )
    incident.refresh_from_db()
    assert (incident.occurred_at, incident.union_notified_at) == (
        datetime.datetime(2026, 3, 4, 6, 0, tzinfo=UTC),
        datetime.datetime(2026, 3, 4, 7, 45, tzinfo=UTC),
    )
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "March 3, 2026, 11:45 p.m. PST</dd>" in page


def test_the_quick_form_starts_at_the_current_time_in_the_worksites_zone(client, organizer, los_angeles):
    client.force_login(organizer)

    form = client.get(reverse("cases:incident_create", args=[los_angeles.uuid])).context["form"]

    assert 'value="2026-03-19T08:00"' in str(form["occurred_at"])


def test_a_time_still_to_come_in_the_worksites_zone_is_refused(client, organizer, los_angeles, site):
    client.force_login(organizer)

    # 9:00 a.m. on March 19: an hour from now in Los Angeles (PDT), an hour ago in Chicago.
    refused = log(client, los_angeles, when="2026-03-19T09:00")
    log(client, site, when="2026-03-19T09:00")

    assert refused.status_code == 200
    assert refused.context["form"].errors == {"occurred_at": ["The date and time cannot be in the future."]}
    assert list(Incident.objects.values_list("worksite", "occurred_at")) == [
        (site.pk, datetime.datetime(2026, 3, 19, 14, 0, tzinfo=UTC))
    ]


def test_deadlines_of_a_los_angeles_incident_count_from_its_local_date_and_show_in_pacific_time(
    client, organizer, los_angeles
):
    client.force_login(organizer)
    log(client, los_angeles)
    incident = Incident.objects.get()

    found = deadlines.collect(organizer, subject=incident)

    # Three business days from Tuesday, March 3 (not from Wednesday, March 4, Chicago's date): Friday, at
    # the incident's time of day there; 72 hours on the clock fall at the same moment.
    assert [(deadline.rule, deadline.due, deadline.due.tzname()) for deadline in found] == [
        ("ca-ab450-72-hour-notice", datetime.datetime(2026, 3, 7, 7, 30, tzinfo=UTC), "PST"),
        ("i9-production-3-business-days", datetime.datetime(2026, 3, 7, 7, 30, tzinfo=UTC), "PST"),
    ]
    page = client.get(incident.get_absolute_url()).content.decode()
    assert page.count("<strong>March 6, 2026, 11:30 p.m. PST</strong>") == 2


def test_deadline_of_a_chicago_incident_counts_on_chicago_time_as_before(client, organizer, site):
    client.force_login(organizer)
    log(client, site)

    (deadline,) = deadlines.collect(organizer, subject=Incident.objects.get())

    assert (deadline.rule, deadline.due, deadline.due.tzname()) == (
        "i9-production-3-business-days",
        datetime.datetime(2026, 3, 7, 5, 30, tzinfo=UTC),
        "CST",
    )


def test_the_worksite_timeline_shows_a_late_evening_incident_on_its_local_day(client, organizer, los_angeles):
    client.force_login(organizer)
    IncidentFactory(worksite=los_angeles, occurred_at=datetime.datetime(2026, 3, 4, 7, 30, tzinfo=UTC))

    response = client.get(los_angeles.get_absolute_url())

    (entry,) = [entry for entry in response.context["timeline"] if entry.kind == "incident"]
    assert (entry.when.isoformat(), entry.day) == ("2026-03-03T23:30:00-08:00", "March 3, 2026")
    assert "<dt>Time zone</dt><dd>Pacific</dd>" in response.content.decode()


# The worksite's zone: its form and the CSV import


def test_the_worksite_form_saves_the_zone_chosen(client, organizer, organization):
    client.force_login(organizer)

    client.post(reverse("cases:worksite_create"), worksite_data(organization, time_zone="America/Phoenix"))

    assert Worksite.objects.get().time_zone == "America/Phoenix"


@pytest.mark.parametrize(
    ("city", "state", "zone"),
    [
        ("Fresno", "CA", "America/Los_Angeles"),
        ("Gary", "IN", "America/Chicago"),  # Indiana's northwest corner is on Chicago's time
        ("Indianapolis", "IN", "America/New_York"),
    ],
)
def test_a_new_worksite_without_a_zone_takes_its_towns_usual_one(
    client, organizer, organization, city, state, zone
):
    client.force_login(organizer)

    client.post(
        reverse("cases:worksite_create"),
        worksite_data(organization, city=city, state=state, time_zone=""),
    )

    assert Worksite.objects.get().time_zone == zone


@pytest.mark.parametrize(
    ("city", "state", "zone"),
    [
        ("hammond", "in", "America/Chicago"),
        ("EVANSVILLE", "IN", "America/Chicago"),
        ("Fort Wayne", "IN", "America/New_York"),
        ("Pensacola", "FL", "America/Chicago"),
        ("Miami", "FL", "America/New_York"),
        ("Paducah", "KY", "America/Chicago"),
        ("Louisville", "KY", "America/New_York"),
        ("Iron Mountain", "MI", "America/Chicago"),
        ("Knoxville", "TN", "America/New_York"),
        ("Nashville", "TN", "America/Chicago"),
        ("El Paso", "TX", "America/Denver"),
        ("Houston", "TX", "America/Chicago"),
        ("Rapid City", "SD", "America/Denver"),
        ("Scottsbluff", "NE", "America/Denver"),
        ("Goodland", "KS", "America/Denver"),
        ("Dickinson", "ND", "America/Denver"),
        ("Ontario", "OR", "America/Denver"),
        ("Coeur d’Alene", "ID", "America/Los_Angeles"),  # the apostrophe as a phone types it
        ("Boise", "ID", "America/Denver"),
        ("Window Rock", "AZ", "America/Denver"),  # the Navajo Nation keeps daylight saving time
        ("Phoenix", "AZ", "America/Phoenix"),
        ("St. John", "IN", "America/Chicago"),
        ("", "IN", "America/New_York"),
        ("Gary", "", "America/Chicago"),  # no state: the desk's zone
    ],
)
def test_a_towns_zone_is_its_states_unless_it_is_across_a_zone_line(city, state, zone):
    assert zones.for_place(city, state) == zone


def test_the_service_gives_a_worksite_without_a_zone_its_towns_usual_one(organizer, organization):
    def created(**fields):
        return services.create_worksite(
            organization=organization, user=organizer, employer_name="A", **fields
        )

    assert created(state="CA").time_zone == "America/Los_Angeles"
    assert created(city="Pensacola", state="FL").time_zone == "America/Chicago"
    assert created(state="AZ", time_zone="America/Denver").time_zone == "America/Denver"
    assert created().time_zone == "America/Chicago"  # no state: the desk's zone


def test_editing_a_worksite_changes_its_zone_and_an_unknown_zone_is_refused(
    client, organizer, organization, site
):
    client.force_login(organizer)
    url = reverse("cases:worksite_edit", args=[site.uuid])

    refused = client.post(url, worksite_data(organization, time_zone="Mars/Olympus_Mons"))
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "time_zone": ["“Mars/Olympus_Mons” is not a time zone you can choose: choose one of the list."]
    }
    site.refresh_from_db()
    assert site.time_zone == "America/Chicago"

    client.post(url, worksite_data(organization, time_zone="America/Los_Angeles"))
    site.refresh_from_db()
    assert site.time_zone == "America/Los_Angeles"


def test_worksite_import_reads_the_zone_column_or_takes_the_towns_zone(client, organizer, organization):
    client.force_login(organizer)
    data = (
        "employer_name,city,state,time_zone\n"
        "Acme Foods,Fresno,CA,\n"
        "Agro,El Paso,TX,\n"
        "Brite,Phoenix,AZ,America/Phoenix\n"
        "Casa,El Paso,TX,Mountain\n"
        "Delta,Chicago,IL,pacific\n"
    )

    batch = preview(client, post_file(client, organization, data))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert list(Worksite.objects.order_by("employer_name").values_list("employer_name", "time_zone")) == [
        ("Acme Foods", "America/Los_Angeles"),
        ("Agro", "America/Denver"),
        ("Brite", "America/Phoenix"),
        ("Casa", "America/Denver"),
        ("Delta", "America/Los_Angeles"),
    ]


def test_worksite_import_refuses_an_unknown_zone(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "employer_name,city,state,time_zone\nAcme,Fresno,CA,PST\n")

    assert row_errors(response) == [
        (
            2,
            "time_zone",
            "“PST” is not a known value. Use one of: America/New_York, America/Chicago, America/Denver, "
            "America/Phoenix, America/Los_Angeles, America/Anchorage, Pacific/Honolulu, America/Puerto_Rico.",
        )
    ]
    assert Worksite.objects.count() == 0


def test_a_date_is_in_the_future_only_once_it_is_after_today_in_every_zone(clock):
    """11:30 p.m. March 19 in Chicago: already March 20 in New York and Puerto Rico."""
    clock.now = datetime.datetime(2026, 3, 20, 4, 30, tzinfo=UTC)
    assert zones.latest_today() == datetime.date(2026, 3, 20)
    clock.now = datetime.datetime(2026, 3, 20, 3, 30, tzinfo=UTC)  # 11:30 p.m. in Puerto Rico (UTC-4)
    assert zones.latest_today() == datetime.date(2026, 3, 19)


def test_an_organizer_just_after_midnight_in_new_york_records_a_stage_reached_that_day(
    client, clock, organizer, organization
):
    new_york = WorksiteFactory(
        organization=organization, created_by=organizer, state="NY", time_zone="America/New_York"
    )
    clock.now = datetime.datetime(2026, 3, 20, 4, 30, tzinfo=UTC)  # 12:30 a.m. March 20 in New York
    client.force_login(organizer)
    url = reverse("cases:stage_add", args=[new_york.uuid])

    refused = client.post(url, {"stage": "committee", "date": "2026-03-21"})
    assert refused.context["form"].errors == {"date": ["The date cannot be in the future."]}
    response = client.post(url, {"stage": "committee", "date": "2026-03-20"})

    assert response.status_code == 302
    new_york.refresh_from_db()
    assert (new_york.current_stage, new_york.current_stage_on) == ("committee", datetime.date(2026, 3, 20))
