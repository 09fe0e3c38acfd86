"""The agreements app's deadlines: the end of an active agreement's term and the end of a cure period."""

import datetime

import pytest
from django.utils import timezone

from agreements import services
from agreements.models import BreachReport
from power_campaign.deadlines import collect, collect_soonest
from tests.agreements.conftest import NOW, make_active
from tests.cases.factories import IncidentFactory, WorksiteFactory


def rows(deadlines):
    return [(d.due, d.rule, d.label, d.source, d.about) for d in deadlines]


@pytest.fixture
def raised(active_agreement, incident, organizer, admin):
    breach = services.report_breach(
        agreement=active_agreement,
        incident=incident,
        component="union_notice",
        description="No notice.",
        user=organizer,
    )
    return services.set_breach_status(
        breach=breach, status="raised", cure_by=datetime.date(2026, 6, 1), user=admin
    )


CURE = (
    datetime.date(2026, 6, 1),
    "breach-cure-period",
    "The employer's cure period for the breach ends",
    "Agreement, section: Notice to the union; conduct during a visit",
    "Acme Poultry",
)


def test_dashboard_shows_a_passed_cure_period_while_the_breach_is_raised(organizer, raised):
    assert rows(collect(organizer, now=NOW)) == [CURE]


def test_dashboard_drops_the_cure_period_once_the_breach_moves_on(organizer, admin, raised):
    services.set_breach_status(breach=raised, status="grievance", user=admin)

    assert collect(organizer, now=NOW) == []


def test_dashboard_shows_terms_ending_within_60_days(organization, organizer, template):
    site = WorksiteFactory(organization=organization, employer_name="Soon Foods")
    make_active(site, template, organizer, expires_on=datetime.date(2026, 8, 4))  # 60 days after June 5
    make_active(
        WorksiteFactory(organization=organization), template, organizer, expires_on=datetime.date(2026, 8, 5)
    )

    assert rows(collect(organizer, now=NOW)) == [
        (
            datetime.date(2026, 8, 4),
            "agreement-expiry",
            "The neutrality agreement's term ends: renew it or negotiate a new one",
            "Agreement term",
            "Soon Foods",
        )
    ]


def test_agreement_page_deadlines_include_its_term_and_cure_periods(
    client, organizer, active_agreement, raised
):
    client.force_login(organizer)

    response = client.get(active_agreement.get_absolute_url())

    assert rows(response.context["deadlines"]) == [
        CURE,
        (
            datetime.date(2027, 12, 31),
            "agreement-expiry",
            "The neutrality agreement's term ends: renew it or negotiate a new one",
            "Agreement term",
            "Acme Poultry",
        ),
    ]


def test_breach_incident_and_worksite_pages_show_the_cure_period(organizer, raised, site):
    assert rows(collect(organizer, subject=raised, now=NOW)) == [CURE]
    assert rows(collect(organizer, subject=raised.incident, now=NOW)) == [CURE]
    assert [d.rule for d in collect(organizer, subject=site, now=NOW)] == [
        "breach-cure-period",
        "agreement-expiry",
    ]


def test_a_worksite_page_reads_its_agreements_by_key_and_their_breaches_only_where_it_has_any(
    organization, organizer, raised, site, django_assert_num_queries
):
    from agreements.deadlines import deadlines

    bare = WorksiteFactory(organization=organization)
    services.expire_agreements(today=datetime.date(2028, 1, 1))  # a raised breach outlives its agreement

    with django_assert_num_queries(1):
        assert deadlines(organizer, subject=bare, now=NOW) == []
    with django_assert_num_queries(3):  # agreements, their breaches, the sections' labels
        assert rows(deadlines(organizer, subject=site, now=NOW)) == [CURE]


def test_collect_since_a_moment_leaves_out_what_passed_before_it(organizer, raised, site):
    # The agreements provider answers every deadline of the worksite; the engine drops the passed ones.
    cure_ends = timezone.make_aware(datetime.datetime(2026, 6, 2))  # the end of the cure period's day
    minute = datetime.timedelta(minutes=1)

    def rules(since):
        return [d.rule for d in collect(organizer, subject=site, now=NOW, since=since)]

    assert rules(cure_ends) == ["agreement-expiry"]
    assert rules(cure_ends - minute) == [
        "breach-cure-period",
        "agreement-expiry",
    ]


def test_incident_page_shows_the_cure_period(client, organizer, raised):
    client.force_login(organizer)

    html = client.get(raised.incident.get_absolute_url()).content.decode()

    assert "<strong>June 1, 2026</strong>: The employer&#x27;s cure period for the breach ends</p>" in html


def test_deadlines_hidden_from_another_organization(other_admin, raised, active_agreement):
    assert collect(other_admin, now=NOW) == []
    assert collect(other_admin, subject=active_agreement, now=NOW) == []
    assert collect(other_admin, subject=raised, now=NOW) == []
    assert collect(other_admin, subject=active_agreement.worksite, now=NOW) == []


def test_expired_agreement_has_no_expiry_deadline(organizer, active_agreement):
    services.expire_agreements(today=datetime.date(2028, 1, 1))

    assert collect(organizer, subject=active_agreement, now=NOW) == []


def test_breach_without_cure_period_has_no_deadline(organizer, active_agreement, site):
    breach = BreachReport.objects.create(
        agreement=active_agreement, incident=IncidentFactory(worksite=site), status="reported", component="x"
    )

    assert collect(organizer, subject=breach, now=NOW) == []


def test_dashboard_asks_for_the_soonest_and_is_told_how_many_more(organization, organizer, template, raised):
    for day in (3, 1, 2):
        make_active(
            WorksiteFactory(organization=organization),
            template,
            organizer,
            expires_on=datetime.date(2026, 7, day),
        )
    everything = collect(organizer, now=NOW)
    assert [d.due for d in everything] == [
        datetime.date(2026, 6, 1),  # the cure period
        datetime.date(2026, 7, 1),
        datetime.date(2026, 7, 2),
        datetime.date(2026, 7, 3),
    ]

    for n in (1, 2, 3, 4, 5):
        assert collect_soonest(organizer, n, now=NOW) == (everything[:n], max(4 - n, 0))
