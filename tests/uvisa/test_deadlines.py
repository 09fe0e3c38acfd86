"""The six-month life of a signed certification, follow-ups, and the legal dashboard's warnings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from power_campaign.deadlines import Deadline, add_months, collect, collect_soonest
from tests.factories import member
from tests.panels import dashboard_panels
from tests.uvisa.factories import CertificationRequestFactory, ClientCaseFactory
from uvisa import dashboard
from uvisa.models import CertificationRequest, FollowUp, earliest_signature_valid_on

NOW = datetime.datetime(2027, 1, 10, 12, 0, tzinfo=datetime.UTC)


def signed(case, signed_on, agency="dol_whd"):
    from uvisa.models import CertifyingAgency

    return CertificationRequestFactory(
        case=case,
        agency=CertifyingAgency.objects.get(code=agency),
        status=CertificationRequest.Status.SIGNED,
        signed_on=signed_on,
    )


@pytest.mark.parametrize(
    ("signed_on", "expires_on"),
    [
        (datetime.date(2026, 8, 31), datetime.date(2027, 2, 28)),  # Feb 2027 has 28 days
        (datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)),  # 2028 is a leap year
        (datetime.date(2028, 2, 29), datetime.date(2028, 8, 29)),
        (datetime.date(2027, 9, 30), datetime.date(2028, 3, 30)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 6, 30)),
    ],
)
def test_certification_expires_six_months_after_its_signature(signed_on, expires_on):
    assert add_months(signed_on, 6) == expires_on
    assert CertificationRequest(signed_on=signed_on).expires_on == expires_on


@pytest.mark.parametrize(
    ("day", "earliest"),
    [
        (datetime.date(2027, 1, 10), datetime.date(2026, 7, 10)),
        (datetime.date(2027, 8, 31), datetime.date(2027, 3, 1)),  # Feb 28 + 6 months is Aug 28
        (datetime.date(2027, 2, 28), datetime.date(2026, 8, 28)),  # Aug 28 to 31 all expire on Feb 28
        (datetime.date(2028, 2, 29), datetime.date(2027, 8, 29)),  # Aug 29 to 31 all expire on Feb 29
        (datetime.date(2027, 3, 1), datetime.date(2026, 9, 1)),
    ],
)
def test_earliest_signature_still_valid_on_a_day(day, earliest):
    assert earliest_signature_valid_on(day) == earliest


def test_earliest_signature_still_valid_agrees_with_the_expiry_on_every_day_of_two_years():
    day = datetime.date(2027, 1, 1)
    while day < datetime.date(2029, 1, 1):
        earliest = earliest_signature_valid_on(day)
        for offset in range(170, 200):
            signed_on = day - datetime.timedelta(days=offset)
            assert (signed_on >= earliest) == (add_months(signed_on, 6) >= day), (day, signed_on)
        day += datetime.timedelta(days=1)


def test_certification_without_signature_has_no_expiry():
    assert CertificationRequest().expires_on is None


@pytest.mark.parametrize(
    ("days_left", "warning"),
    [(61, None), (60, 60), (31, 60), (30, 30), (8, 30), (7, 7), (0, 7), (-1, 0)],
)
def test_certification_warning_levels_at_60_30_and_7_days(days_left, warning):
    today = datetime.date(2027, 1, 10)
    cert_request = CertificationRequest(signed_on=add_months(today + datetime.timedelta(days=days_left), -6))
    # add_months of a month end can shorten: check against the computed days left
    assert cert_request.days_left(today) == days_left
    assert cert_request.warning_level(today) == warning


def test_deadlines_list_expiry_and_pending_follow_ups(case, legal):
    cert_request = signed(case, datetime.date(2026, 8, 31))
    FollowUp.objects.create(
        request=cert_request, due_on=datetime.date(2027, 1, 5), note="Call", created_by=legal
    )
    FollowUp.objects.create(
        request=cert_request,
        due_on=datetime.date(2027, 1, 4),
        done_on=datetime.date(2027, 1, 4),
        created_by=legal,
    )
    url = cert_request.get_absolute_url()
    found = collect(legal, now=NOW)
    assert found == [
        Deadline(
            due=datetime.date(2027, 1, 5),
            label="Follow up with the agency: Call",
            rule="uvisa-follow-up",
            source="Follow-up set by legal staff",
            record=str(cert_request.agency),
            url=url,
            organization=case.organization,
            about=case.code,
        ),
        Deadline(
            due=datetime.date(2027, 2, 28),
            label="File the I-918 before the certification expires",
            rule="i918b-six-months",
            source="8 C.F.R. § 214.14(c)(2)(i)",
            record=str(cert_request.agency),
            url=url,
            organization=case.organization,
            about=case.code,
        ),
    ]
    # The record's pages list its deadlines too, the follow-up done left out there as well.
    assert [d.due for d in collect(legal, subject=cert_request, now=NOW)] == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 2, 28),
    ]
    assert [d.due for d in collect(legal, subject=case, now=NOW)] == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 2, 28),
    ]


def test_expired_certification_leaves_the_dashboard_deadlines_but_stays_on_its_page(case, legal):
    cert_request = signed(case, datetime.date(2026, 6, 1))  # expired on Dec 1, 2026
    assert collect(legal, now=NOW) == []
    assert [d.due for d in collect(legal, subject=cert_request, now=NOW)] == [datetime.date(2026, 12, 1)]


def test_certification_expiring_today_is_still_on_the_dashboard(case, legal):
    signed(case, datetime.date(2026, 7, 10))  # expires on Jan 10, 2027: today
    signed(case, datetime.date(2026, 7, 9), agency="eeoc")  # expired yesterday

    assert [d.due for d in collect(legal, now=NOW)] == [datetime.date(2027, 1, 10)]
    assert [r.expires_on for r, *_ in dashboard.expiring(legal, NOW.date())] == [datetime.date(2027, 1, 10)]


def test_dashboard_asks_for_the_soonest_and_is_told_how_many_more(organization, legal):
    cases = [ClientCaseFactory(organization=organization, created_by=legal) for _ in range(3)]
    requests = [signed(c, datetime.date(2026, 8, day)) for c, day in zip(cases, (20, 10, 30), strict=True)]
    for day in (8, 2, 5, 11):  # past ones stay until done
        FollowUp.objects.create(request=requests[0], due_on=datetime.date(2027, 1, day), created_by=legal)
    everything = collect(legal, now=NOW)
    assert [d.due for d in everything] == [
        datetime.date(2027, 1, 2),
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 8),
        datetime.date(2027, 1, 11),
        datetime.date(2027, 2, 10),
        datetime.date(2027, 2, 20),
        datetime.date(2027, 2, 28),
    ]

    for n in range(1, 9):
        assert collect_soonest(legal, n, now=NOW) == (everything[:n], max(7 - n, 0))


def test_deadlines_are_legal_only_and_follow_assignment(case, organization, organizer, other_admin, legal):
    signed(case, datetime.date(2026, 8, 31))
    assert collect(organizer, now=NOW) == []
    assert collect(other_admin, now=NOW) == []
    colleague = member("legal", organization)
    case.assignments.create(user=colleague, assigned_by=legal)
    assert collect(legal, now=NOW) == []
    assert [d.due for d in collect(colleague, now=NOW)] == [datetime.date(2027, 2, 28)]


def test_dashboard_panel_lists_certifications_expiring_within_60_days(organization, legal):
    today = datetime.date(2027, 1, 10)
    cases = [ClientCaseFactory(organization=organization, created_by=legal) for _ in range(5)]
    far = signed(cases[0], datetime.date(2026, 10, 1))  # Apr 1: 81 days
    soon = signed(cases[1], datetime.date(2026, 8, 31))  # Feb 28: 49 days
    sooner = signed(cases[2], datetime.date(2026, 7, 31))  # Jan 31: 21 days
    soonest = signed(cases[3], datetime.date(2026, 7, 12))  # Jan 12: 2 days
    signed(cases[4], datetime.date(2026, 7, 1))  # expired Jan 1
    assert far.days_left(today) == 81
    assert dashboard.expiring(legal, today) == [(soonest, 2, 7), (sooner, 21, 30), (soon, 49, 60)]


def test_home_page_shows_the_panel_to_legal_staff_only(client, case, legal, organizer, settings):
    settings.TIME_ZONE = "UTC"
    signed(case, datetime.date.today() - datetime.timedelta(days=160))
    client.force_login(legal)
    html = client.get(reverse("dashboard")).content.decode()
    assert "U-visa certifications" in html
    assert "Expires within 30 days" in html
    assert "1 open U-visa case" in html
    client.force_login(organizer)
    html = client.get(reverse("dashboard")).content.decode()
    assert "U-visa certifications" not in html


def test_dashboard_panel_shows_the_ten_soonest_and_counts_them_all(
    client, organization, legal, settings, monkeypatch
):
    settings.TIME_ZONE = "UTC"
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    today = NOW.date()
    cases = [ClientCaseFactory(organization=organization, created_by=legal) for _ in range(13)]
    # Expiring in 2, 5, 10, 15, ... 60 days, and one in 61 days that is not counted.
    for case, days in zip(cases, [2, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 61], strict=True):
        signed(case, add_months(today + datetime.timedelta(days=days), -6))
    client.force_login(legal)

    response = client.get(reverse("dashboard"))

    panels = dict(dashboard_panels(response))
    panel = panels["uvisa/dashboard_panel.html"]
    assert panel["expiring"][0][0].expires_on == datetime.date(2027, 1, 12)
    assert [days for _, days, _ in panel["expiring"]] == [2, 5, 10, 15, 20, 25, 30, 35, 40, 45]
    assert (panel["within_7"], panel["within_30"], panel["within_60"], panel["more"]) == (2, 7, 12, 2)
    html = response.content.decode()
    assert (
        "Expiring within 7 days: <strong>2</strong> · within 30 days: <strong>7</strong> · within 60 days: 12"
    ) in html
    assert "And 2 more, later: each case's page lists its own." in html
