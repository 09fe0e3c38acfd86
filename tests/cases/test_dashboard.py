"""The home page's cases panel: charts with exact numbers, latest incidents, open deadlines."""

import datetime
import io
import re
import threading
import time
import zoneinfo

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases import dashboard as cases_dashboard
from cases.models import Incident, IncidentCount, IncidentType, Stage
from power_campaign import zones
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import UserFactory, member
from tests.panels import dashboard_panels

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=CHICAGO)  # a Friday afternoon


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))


def local(*args):
    return datetime.datetime(*args, tzinfo=CHICAGO)


def panel(response, prefix="cases/"):
    (found,) = [context for template, context in dashboard_panels(response) if template.startswith(prefix)]
    return found


def deadline_panel(response):
    return panel(response, prefix="deadlines/")


def section(html, heading_id):
    """The HTML of the dashboard card labelled by `heading_id`."""
    match = re.search(rf'<section class="card" aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return match.group(1)


def test_dashboard_charts_incidents_per_month_by_type_with_exact_numbers(client, organizer, organization):
    site = WorksiteFactory(organization=organization, created_by=organizer)
    for when, type_ in [
        (local(2026, 11, 2, 9), IncidentType.WAGE_THEFT),
        (local(2026, 11, 19, 22), IncidentType.WAGE_THEFT),
        (local(2026, 11, 20, 14), IncidentType.WAGE_THEFT),
        (local(2026, 11, 1, 0, 30), IncidentType.ICE_VISIT),
        (local(2026, 10, 31, 23, 30), IncidentType.WAGE_THEFT),  # November already in UTC
        (local(2025, 12, 1, 0, 5), IncidentType.UNSAFE),  # the first charted month
        (local(2025, 11, 30, 23, 55), IncidentType.UNSAFE),  # 13 months ago: left out
    ]:
        IncidentFactory(worksite=site, occurred_at=when, type=type_)
    other = WorksiteFactory(created_by=member("organizer"))
    IncidentFactory.create_batch(5, worksite=other, occurred_at=local(2026, 11, 3, 9))
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    chart = panel(response)["incidents_by_month"]
    assert [(s.type, s.total) for s in chart["series"]] == [
        ("ice_visit", 1),
        ("wage_theft", 4),
        ("unsafe", 1),
    ]
    assert [(bar.month, bar.cells, bar.total) for bar in chart["months"]] == [
        (datetime.date(2025, 12, 1), [0, 0, 1], 1),
        *[(datetime.date(2026, month, 1), [0, 0, 0], 0) for month in range(1, 10)],
        (datetime.date(2026, 10, 1), [0, 1, 0], 1),
        (datetime.date(2026, 11, 1), [1, 3, 0], 4),
    ]
    assert chart["total"] == 6
    # The axis tops at the tallest bar, 4: the plot's 184 units high make 46 per incident.
    assert chart["ticks"] == [(0, 200.0), (1, 154.0), (2, 108.0), (3, 62.0), (4, 16.0)]
    november = chart["months"][-1]
    assert [(s.series.type, s.count, s.y, s.height) for s in november.segments] == [
        ("ice_visit", 1, 154.0, 46.0),
        ("wage_theft", 3, 16.0, 138.0),
    ]
    html = section(response.content.decode(), "incidents-chart-heading")
    assert '<tr><th scope="row">Nov 2026</th><td>1</td><td>3</td><td>0</td><td>4</td></tr>' in html
    assert '<tr><th scope="row">Dec 2025</th><td>0</td><td>0</td><td>1</td><td>1</td></tr>' in html
    assert "<title>Nov 2026, Wage theft: 3</title>" in html
    assert re.findall(r"<li>.*?</li>", html, re.S) == [
        f'<li><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">'
        f'<rect width="12" height="12" fill="{color}"/></svg> {label} '
        f'<span class="muted">({total})</span></li>'
        for color, label, total in [
            ("#882255", "ICE visit or raid", 1),
            ("#117733", "Wage theft", 4),
            ("#44AA99", "Unsafe conditions", 1),
        ]
    ]
    assert "style=" not in html
    assert "<script" not in html


def test_dashboard_charts_worksites_by_stage_of_the_users_organizations_only(client, organizer, organization):
    for stage in [Stage.FIRST_CONTACT, Stage.COMMITTEE, Stage.COMMITTEE, Stage.COMMITTEE, Stage.BARGAINING]:
        WorksiteFactory(organization=organization, created_by=organizer, current_stage=stage)
    WorksiteFactory.create_batch(4, created_by=member("organizer"), current_stage=Stage.LOST)
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    chart = panel(response)["worksites_by_stage"]
    assert [(bar.stage, bar.count, bar.width) for bar in chart["bars"]] == [
        ("first_contact", 1, 110.0),
        ("committee", 3, 330.0),
        ("majority", 0, 0),
        ("demand", 0, 0),
        ("election", 0, 0),
        ("bargaining", 1, 110.0),
        ("ratified", 0, 0),
        ("lost", 0, 0),
        ("dormant", 0, 0),
    ]
    assert chart["total"] == 5
    html = section(response.content.decode(), "stage-chart-heading")
    assert '<tr><th scope="row">Committee formed</th><td>3</td></tr>' in html
    assert '<tr><th scope="row">Lost</th><td>0</td></tr>' in html
    assert "<title>Committee formed: 3</title>" in html
    assert "5 worksites. The table after the chart gives the number at each stage." in html


def test_dashboard_lists_the_latest_eight_incidents_of_the_users_organizations(
    client, organizer, organization
):
    site = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Foods")
    incidents = [IncidentFactory(worksite=site, occurred_at=local(2026, 11, day, 9)) for day in range(1, 11)]
    IncidentFactory(worksite=WorksiteFactory(created_by=member("organizer")), occurred_at=local(2026, 11, 19))
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    assert panel(response)["latest_incidents"] == incidents[:1:-1]
    html = section(response.content.decode(), "latest-incidents-heading")
    assert html.count('<li class="entry-incident">') == 8
    assert f'<a href="{incidents[-1].get_absolute_url()}">Wage theft</a>' in html


def test_dashboard_shows_open_deadlines_after_recent_i9_notices_only(client, organizer, organization):
    california = WorksiteFactory(
        organization=organization, created_by=organizer, state="CA", employer_name="Valley Packing"
    )
    illinois = WorksiteFactory(
        organization=organization, created_by=organizer, employer_name="Lakeside Hotel"
    )
    i9_notice = IncidentType.I9_NOTICE
    recent = IncidentFactory(worksite=california, type=i9_notice, occurred_at=local(2026, 11, 19, 10))
    IncidentFactory(worksite=illinois, type=i9_notice, occurred_at=local(2026, 11, 16, 10))  # both passed
    IncidentFactory(worksite=illinois, type=i9_notice, occurred_at=local(2026, 10, 1, 10))  # long passed
    IncidentFactory(worksite=california, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 11, 19, 11))
    IncidentFactory(
        worksite=WorksiteFactory(created_by=member("organizer"), state="CA"),
        type=IncidentType.I9_NOTICE,
        occurred_at=local(2026, 11, 20, 9),
    )
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    assert [(d.rule, d.url, d.due) for d in deadline_panel(response)["deadlines"]] == [
        ("ca-ab450-72-hour-notice", recent.get_absolute_url(), local(2026, 11, 22, 10)),  # 72 hours
        ("i9-production-3-business-days", recent.get_absolute_url(), local(2026, 11, 24, 10)),  # Fri-Tue
    ]
    html = section(response.content.decode(), "open-deadlines-heading")
    assert html.count('<li class="open">') == 2
    assert f'<a href="{recent.get_absolute_url()}">Valley Packing</a>' in html
    assert "Lakeside Hotel" not in html


def test_dashboard_shows_the_ten_soonest_open_deadlines_and_counts_the_others(
    client, organizer, organization
):
    california = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    for hour in range(12):
        IncidentFactory(
            worksite=california, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 11, 20, hour)
        )
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    shown = deadline_panel(response)["deadlines"]
    assert [(d.rule, d.due) for d in shown] == [
        ("ca-ab450-72-hour-notice", local(2026, 11, 23, hour)) for hour in range(10)
    ]
    assert deadline_panel(response)["more"] == 14
    html = section(response.content.decode(), "open-deadlines-heading")
    assert "And 14 more, later: each record's page lists its own." in html


def test_dashboard_query_count_is_the_same_for_few_and_many_incidents(client, organizer, organization):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("dashboard"))
        assert response.status_code == 200
        return len(captured)

    client.force_login(organizer)
    site = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    IncidentFactory(worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 11, 19, 10))
    client.get(reverse("dashboard"))  # the session and the user's roles are cached after the first
    few = queries()

    for index in range(12):
        other_site = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
        for type_ in IncidentType.values:
            IncidentFactory(worksite=other_site, type=type_, occurred_at=local(2026, 1 + index % 11, 19, 10))
        IncidentFactory(worksite=other_site, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 11, 18, 10))
    many = queries()

    assert few == many


def test_dashboard_renders_for_a_user_with_no_data(client, organizer):
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "No incidents in the last 12 months." in section(html, "incidents-chart-heading")
    assert "No worksites yet." in section(html, "stage-chart-heading")
    assert "No incidents logged yet." in section(html, "latest-incidents-heading")
    assert "No open deadlines." in section(html, "open-deadlines-heading")


def test_dashboard_renders_for_a_user_without_an_organization(client, organization):
    WorksiteFactory(organization=organization)
    client.force_login(UserFactory())

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert panel(response)["worksites_by_stage"]["total"] == 0
    assert "No worksites yet." in section(response.content.decode(), "stage-chart-heading")


def test_dashboard_in_spanish_has_spanish_months_and_unlocalized_chart_coordinates(
    client, organizer, organization
):
    organizer.language = "es"
    organizer.save()
    site = WorksiteFactory(organization=organization, created_by=organizer)
    IncidentFactory.create_batch(3, worksite=site, occurred_at=local(2026, 11, 2, 9))
    client.force_login(organizer)

    html = section(client.get(reverse("dashboard")).content.decode(), "incidents-chart-heading")

    assert '<tr><th scope="row">Dic 2025</th>' in html  # Spanish abbreviations
    # On a phone every other month is labelled, counting back from the last: never two side by side.
    labels = re.findall(r'<text class="month( minor)?"[^>]*>([^<]+)</text>', html)
    assert [name for minor, name in labels if not minor] == ["Ene", "Mar", "May", "Jul", "Sep", "Nov"]
    assert '<rect x="368.93" y="16.0" width="20.65" height="184.0" fill="#117733"' in html
    assert not re.search(r'(x|y|width|height)="\d+,\d+"', html)


def test_soonest_deadlines_are_the_first_of_all_of_them_ties_included(organizer, organization):
    from power_campaign.deadlines import collect, collect_soonest

    california = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    for hour in (9, 9, 9, 11, 10, 10):  # ties: the same time, two rules each (72 hours, 3 business days)
        occurred_at = local(2026, 11, 20, hour)
        IncidentFactory(worksite=california, type=IncidentType.I9_NOTICE, occurred_at=occurred_at)
    everything = collect(organizer)
    assert len(everything) == 12

    for n in range(1, 14):
        assert collect_soonest(organizer, n) == (everything[:n], max(12 - n, 0))
    with translation.override("es"):
        everything = collect(organizer)
        assert collect_soonest(organizer, 7) == (everything[:7], 5)


def chart_totals(user):
    """The incident chart's totals by type, as the cases panel counts them for `user` (the page itself
    keeps its panels in the cache: test_panel_cache.py)."""
    chart = cases_dashboard.incidents_by_month(user.organization_ids(), timezone.localdate())
    return {s.type: s.total for s in chart["series"]}


def kept_counts(organization):
    """{(month, type): count} of the organization's kept incident counts, zeros left out."""
    cells = IncidentCount.objects.filter(organization=organization).exclude(count=0)
    rows = cells.values_list("month", "type", "count")
    return {(f"{month:%Y-%m}", type_): count for month, type_, count in rows}


def test_incident_counts_are_kept_up_to_date_by_every_write(organizer, organization, other_organization):
    from cases import services

    site = WorksiteFactory(organization=organization, created_by=organizer)
    theirs = WorksiteFactory(organization=other_organization)
    first = IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 11, 2, 9))
    # 23:30 in Chicago on October 31 is November in UTC: the desk's time zone decides the month.
    IncidentFactory(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 10, 31, 23, 30))
    assert kept_counts(organization) == {("2026-11", "wage_theft"): 1, ("2026-10", "wage_theft"): 1}

    first.type = IncidentType.UNSAFE  # an edit of its type
    first.save()
    assert kept_counts(organization) == {("2026-11", "unsafe"): 1, ("2026-10", "wage_theft"): 1}
    first.occurred_at = local(2026, 9, 30, 9)  # of its date, into another month
    first.save()
    assert kept_counts(organization) == {("2026-09", "unsafe"): 1, ("2026-10", "wage_theft"): 1}
    first.description = "Blocked fire exit"  # of anything else: no count changes
    with CaptureQueriesContext(connection) as queries:
        first.save()
    assert not [q for q in queries.captured_queries if "cases_incidentcount" in q["sql"]]

    services.create_children(  # in bulk (an import)
        records=[
            Incident(worksite=site, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 11, 5, 9)),
            Incident(worksite=site, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 11, 6, 9)),
            Incident(worksite=theirs, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 11, 5, 9)),
        ],
        user=organizer,
    )
    assert kept_counts(organization) == {
        ("2026-09", "unsafe"): 1,
        ("2026-10", "wage_theft"): 1,
        ("2026-11", "ice_visit"): 2,
    }
    assert kept_counts(other_organization) == {("2026-11", "ice_visit"): 1}

    Incident.objects.get(pk=first.pk).delete()  # read afresh: its worksite is not at hand
    assert kept_counts(organization) == {("2026-10", "wage_theft"): 1, ("2026-11", "ice_visit"): 2}
    assert chart_totals(organizer) == {"ice_visit": 2, "wage_theft": 1}
    assert kept_counts(other_organization) == {("2026-11", "ice_visit"): 1}


def test_a_failed_write_leaves_the_counts_as_they_were(organizer, organization):
    from django.db import IntegrityError

    site = WorksiteFactory(organization=organization, created_by=organizer)
    incident = IncidentFactory(worksite=site, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 11, 2, 9))
    incident.type = IncidentType.WAGE_THEFT  # an ICE visit's consent is refused for any other type
    incident.consent_given = True

    with pytest.raises(IntegrityError):
        incident.save()

    assert kept_counts(organization) == {("2026-11", "ice_visit"): 1}


def test_the_chart_reads_one_query_of_kept_counts(organizer, organization):
    site = WorksiteFactory(organization=organization, created_by=organizer)
    for month in range(1, 12):
        IncidentFactory(worksite=site, type=IncidentType.UNSAFE, occurred_at=local(2026, month, 2, 9))

    organization_ids = organizer.organization_ids()

    with CaptureQueriesContext(connection) as queries:
        chart = cases_dashboard.incidents_by_month(organization_ids, timezone.localdate())

    assert chart["total"] == 11
    (query,) = queries.captured_queries
    assert "cases_incidentcount" in query["sql"]
    assert "cases_incident\"" not in query["sql"]


def test_recount_incidents_counts_every_incident_again(organizer, organization, other_organization):
    from django.core.management import call_command

    site = WorksiteFactory(organization=organization, created_by=organizer)
    theirs = WorksiteFactory(organization=other_organization)
    IncidentFactory.create_batch(3, worksite=site, type=IncidentType.UNSAFE, occurred_at=local(2026, 3, 2, 9))
    IncidentFactory(worksite=site, type=IncidentType.UNSAFE, occurred_at=local(2026, 2, 28, 23, 30))
    IncidentFactory(worksite=theirs, type=IncidentType.ICE_VISIT, occurred_at=local(2025, 12, 31, 23))
    kept = {pk: kept_counts(pk) for pk in (organization.pk, other_organization.pk)}
    IncidentCount.objects.filter(organization=organization).update(count=99)  # as after writes in SQL
    IncidentCount.objects.filter(organization=other_organization).delete()
    out = io.StringIO()

    call_command("recount_incidents", stdout=out)

    assert {pk: kept_counts(pk) for pk in kept} == kept == {
        organization.pk: {("2026-03", "unsafe"): 3, ("2026-02", "unsafe"): 1},
        other_organization.pk: {("2025-12", "ice_visit"): 1},
    }
    assert out.getvalue() == "Incidents counted again: 3 counts by organization, month and type.\n"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency needs PostgreSQL")
def test_incidents_logged_at_the_same_moment_are_all_counted():
    """Two organizers log an incident of the same month and type at once, the first in a month not counted
    yet: the second waits for the first's count, then adds to it."""
    from cases import services
    from tests.factories import OrganizationFactory

    organization = OrganizationFactory(name="Local 12")
    organizers = [member("organizer", organization, username=f"organizer{n}") for n in range(2)]
    site = WorksiteFactory(organization=organization, created_by=organizers[0])
    counted = threading.Event()

    def first():
        try:
            with transaction.atomic():
                services.create_incident(
                    worksite=site, user=organizers[0], type="ice_visit", occurred_at=local(2026, 11, 19, 9)
                )
                counted.set()
                time.sleep(0.5)  # the second is waiting on this month's count meanwhile
        finally:
            connections.close_all()

    def second():
        try:
            counted.wait(30)
            services.create_incident(
                worksite=site, user=organizers[1], type="ice_visit", occurred_at=local(2026, 11, 18, 9)
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert Incident.objects.filter(worksite=site).count() == 2
    assert kept_counts(organization) == {("2026-11", "ice_visit"): 2}


@pytest.mark.parametrize("amount", [1, 3, 10])
@pytest.mark.parametrize(
    "now",
    [
        local(2026, 11, 27, 9),  # the Friday after Thanksgiving
        local(2026, 11, 30, 0, 30),  # a Monday just after midnight
        local(2026, 12, 26, 15),  # a Saturday after Christmas
        local(2027, 1, 4, 23, 59),  # the Monday after New Year's Day (observed Friday)
        local(2026, 7, 6, 12),  # the Monday after Independence Day (observed Friday)
    ],
)
def test_the_dashboard_reads_every_incident_whose_business_day_deadline_is_still_open(amount, now):
    from cases.deadlines import due, earliest_open
    from cases.models import DeadlineRule

    rule = DeadlineRule(amount=amount, unit=DeadlineRule.Unit.BUSINESS_DAYS)
    bound = earliest_open(rule, now)
    # On each worksite's calendar, not the desk's.
    for zone in (zoneinfo.ZoneInfo(name) for name, _label in zones.US_ZONES):
        for hours in range(0, 24 * 30, 1):
            occurred_at = now - datetime.timedelta(hours=hours)
            if due(rule, occurred_at, zone) > now:
                assert occurred_at >= bound, (occurred_at, zone)
    assert now - bound < datetime.timedelta(days=amount * 7 // 5 + 6)  # days, not weeks, of incidents


def test_the_dashboard_reads_every_incident_whose_hours_deadline_is_still_open():
    from cases.deadlines import earliest_open
    from cases.models import DeadlineRule

    rule = DeadlineRule(amount=72, unit=DeadlineRule.Unit.HOURS)
    assert earliest_open(rule, NOW) == NOW - datetime.timedelta(hours=72)
