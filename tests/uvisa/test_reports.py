"""Agencies in practice (median days, counts, sorting, CSV) and the anonymized eligibility report (small
cells withheld, totals that cannot give a withheld cell back, chart, CSV, audit)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import UserFactory, member, without_tokens
from tests.uvisa.factories import CertificationRequestFactory, ClientCaseFactory, activity, agency
from uvisa import reports
from uvisa.models import CertificationRequest, ScreenedActivity, Screening

SENT = datetime.date(2026, 1, 1)


def answered(case, code, status, days):
    return CertificationRequestFactory(
        case=case,
        agency=agency(code),
        status=status,
        sent_on=SENT,
        decided_on=SENT + datetime.timedelta(days=days),
        signed_on=SENT + datetime.timedelta(days=days) if status == "signed" else None,
        decline_reason="Not our case" if status == "declined" else "",
    )


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


# Median arithmetic


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([7], 7), ([30, 10, 20], 20), ([10, 40, 20, 30], 25), ([1, 2], 1.5)],
)
def test_median_of_days_takes_the_middle_or_the_mean_of_the_two_middle_values(values, expected):
    assert reports.median(values) == expected


# Agencies in practice


@pytest.fixture
def requests_sent(case, legal):
    answered(case, "dol_whd", "signed", 10)
    answered(case, "dol_whd", "signed", 40)
    answered(case, "dol_whd", "declined", 20)
    answered(case, "dol_whd", "declined", 31)
    CertificationRequestFactory(case=case, agency=agency("dol_whd"), status="sent", sent_on=SENT)
    CertificationRequestFactory(case=case, agency=agency("dol_whd"))  # drafted: not sent
    CertificationRequestFactory(case=case, agency=agency("eeoc"), status="sent", sent_on=SENT)


def test_agency_report_counts_sent_signed_declined_pending_and_the_median_days(client, legal, requests_sent):
    client.force_login(legal)
    response = client.get(reverse("uvisa:agency_report"))
    assert response.status_code == 200
    rows = [
        (r.agency.code, r.sent, r.signed, r.declined, r.pending, r.median_days)
        for r in response.context["rows"]
    ]
    eeoc, whd = agency("eeoc").name, agency("dol_whd").name
    expected = {
        "dol_whd": ("dol_whd", 5, 2, 2, 1, 25.5),  # 10, 20, 31, 40 days: (20 + 31) / 2
        "eeoc": ("eeoc", 1, 0, 0, 1, None),
    }
    assert rows == [
        expected[code] for code in sorted(expected, key=lambda c: {"dol_whd": whd, "eeoc": eeoc}[c].lower())
    ]
    assert "25.5" in response.content.decode()


def test_agency_report_sorts_by_a_column_largest_first_and_puts_unknown_medians_last(
    client, legal, requests_sent
):
    client.force_login(legal)
    by_pending = client.get(reverse("uvisa:agency_report"), {"sort": "-sent"}).context["rows"]
    assert [r.agency.code for r in by_pending] == ["dol_whd", "eeoc"]
    ascending = client.get(reverse("uvisa:agency_report"), {"sort": "sent"}).context["rows"]
    assert [r.agency.code for r in ascending] == ["eeoc", "dol_whd"]
    for sort in ("median_days", "-median_days"):
        rows = client.get(reverse("uvisa:agency_report"), {"sort": sort}).context["rows"]
        assert [r.agency.code for r in rows] == ["dol_whd", "eeoc"]


def test_agency_report_counts_only_the_users_organizations(client, legal, requests_sent, other_organization):
    other_case = ClientCaseFactory(organization=other_organization)
    answered(other_case, "eeoc", "signed", 3)
    client.force_login(legal)
    rows = client.get(reverse("uvisa:agency_report")).context["rows"]
    assert {r.agency.code: (r.sent, r.signed) for r in rows} == {"dol_whd": (5, 2), "eeoc": (1, 0)}
    client.force_login(UserFactory(coalition_role="legal"))
    rows = client.get(reverse("uvisa:agency_report")).context["rows"]
    assert {r.agency.code: (r.sent, r.signed) for r in rows} == {"dol_whd": (5, 2), "eeoc": (2, 1)}


def test_agency_report_csv_is_written_safely_and_audited(client, legal, requests_sent):
    client.force_login(legal)
    response = client.get(reverse("uvisa:agency_report"), {"format": "csv", "sort": "-pending"})
    assert response["Content-Disposition"] == 'attachment; filename="certifying-agencies.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["agency", "level", "sent", "signed", "declined", "pending", "median_days_to_answer"]
    assert sorted(rows[1:]) == sorted(
        [
            [agency("dol_whd").name, "federal", "5", "2", "2", "1", "25.5"],
            [agency("eeoc").name, "federal", "1", "0", "0", "1", ""],
        ]
    )
    event = AuditEvent.objects.get(action="export")
    assert (event.actor, event.summary) == (legal, "agency statistics exported as CSV")


def test_agency_report_query_count_does_not_grow_with_the_agencies(client, legal, case):
    client.force_login(legal)
    answered(case, "dol_whd", "signed", 10)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("uvisa:agency_report"))
    answered(case, "eeoc", "signed", 10)
    answered(case, "nlrb", "declined", 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("uvisa:agency_report"))
    assert len(response.context["rows"]) == 3
    assert len(many.captured_queries) == len(one.captured_queries)


def test_agency_report_refuses_organizers_and_post(client, organizer, legal):
    client.force_login(organizer)
    assert client.get(reverse("uvisa:agency_report")).status_code == 403
    client.force_login(legal)
    assert client.post(reverse("uvisa:agency_report")).status_code == 405


# Small-cell suppression


def test_suppress_withholds_small_counts_and_one_more_in_any_line_with_a_single_withheld_member():
    # a row: 3 + 9 = 12. Withholding only the 3 would leave it as 12 - 9.
    values = {"a": 3, "b": 9, "t": 12}
    assert reports.suppress(values, [["a", "b", "t"]]) == {"a", "b"}


def test_suppress_leaves_zero_shown_and_a_line_with_two_withheld_members_alone():
    values = {"a": 2, "b": 4, "c": 0, "t": 6}
    assert reports.suppress(values, [["a", "b", "c", "t"]]) == {"a", "b"}


def test_suppress_follows_the_complement_across_lines_until_no_line_has_one():
    # rows r1 = a + b, r2 = c + d; columns a + c, b + d. Only a is small.
    values = {"a": 1, "b": 10, "r1": 11, "c": 20, "d": 30, "r2": 50, "ac": 21, "bd": 40}
    lines = [["a", "b", "r1"], ["c", "d", "r2"], ["a", "c", "ac"], ["b", "d", "bd"]]
    withheld = reports.suppress(values, lines)
    assert withheld == {"a", "b", "c", "d"}
    for line in lines:
        assert len([key for key in line if key in withheld]) != 1


def test_suppress_withholds_a_small_total_and_its_small_parts():
    values = {"a": 2, "b": 2, "t": 4}
    assert reports.suppress(values, [["a", "b", "t"]]) == {"a", "b", "t"}


def test_eligibility_table_never_lets_a_total_give_a_withheld_cell_back():
    cells = {
        ("assault", "IL", 2026): {"qualifying": 7, "harmful_no_fit": 2},
        ("assault", "TX", 2026): {"qualifying": 6, "harmful_no_fit": 8},
        ("wage_theft", "IL", 2025): {"qualifying": 0, "harmful_no_fit": 12},
    }
    table = reports.eligibility_table(cells)
    shown = {
        (row["type"], row["state"], row["year"]): {m: str(c) for m, c in row["cells"].items()}
        for row in table["rows"]
    }
    assert shown == {
        ("assault", "IL", 2026): {"qualifying": "withheld", "harmful_no_fit": "withheld", "total": "9"},
        ("assault", "TX", 2026): {"qualifying": "withheld", "harmful_no_fit": "withheld", "total": "14"},
        ("wage_theft", "IL", 2025): {"qualifying": "0", "harmful_no_fit": "12", "total": "12"},
    }
    by_type = {row["type"]: {m: str(c) for m, c in row["cells"].items()} for row in table["by_type"]}
    assert by_type == {
        "assault": {"qualifying": "13", "harmful_no_fit": "10", "total": "23"},
        "wage_theft": {"qualifying": "0", "harmful_no_fit": "12", "total": "12"},
    }
    assert {m: str(c) for m, c in table["totals"].items()} == {
        "qualifying": "13",
        "harmful_no_fit": "22",
        "total": "35",
    }


# The eligibility report from the records


def screened_client(organization, user, kind, state, year, qualifying, harm="met"):
    worksite = WorksiteFactory(organization=organization, state=state, created_by=user)
    incident = IncidentFactory(
        worksite=worksite, type=kind, occurred_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC)
    )
    case = ClientCaseFactory(organization=organization, worksite=worksite, created_by=user, client_name="Ana")
    case.incidents.add(incident)
    Screening.objects.create(case=case, harm=harm, updated_by=user)
    if qualifying:
        ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    return case


@pytest.fixture
def coalition(db):
    return UserFactory(username="coalition", coalition_role="admin")


@pytest.fixture
def screened(organization, other_organization, legal):
    other_legal = member("legal", other_organization)
    for _ in range(6):
        screened_client(organization, legal, "wage_theft", "IL", 2026, True)
    for _ in range(3):
        screened_client(
            other_organization, other_legal, kind="wage_theft", state="IL", year=2026, qualifying=False
        )
    for _ in range(5):
        screened_client(
            other_organization, other_legal, kind="retaliation", state="CA", year=2025, qualifying=False
        )
    screened_client(
        organization, legal, kind="retaliation", state="CA", year=2025, qualifying=False, harm="not_met"
    )


def test_person_cells_count_each_client_once_across_organizations(screened):
    # the not_met client in retaliation/CA neither maps nor was found harmed: not counted
    cells = reports.person_cells(reports.eligibility_cases())
    assert cells == {
        ("wage_theft", "IL", 2026): {"qualifying": 6, "harmful_no_fit": 3},
        ("retaliation", "CA", 2025): {"qualifying": 0, "harmful_no_fit": 5},
    }


def test_eligibility_report_shows_coalition_staff_the_table_chart_and_no_small_cell(
    client, coalition, screened
):
    client.force_login(coalition)
    response = client.get(reverse("uvisa:eligibility_report"))
    assert response.status_code == 200
    rows = {
        (r["type"], r["state"], r["year"]): [str(c) for _l, c in r["columns"]]
        for r in response.context["rows"]
    }
    # 3 people in one cell: its row, its type's and the overall totals would each give it back, so the
    # complements are withheld until every line has two withheld members or none
    assert rows == {
        ("wage_theft", "IL", 2026): ["withheld", "withheld", "withheld"],
        ("retaliation", "CA", 2025): ["0", "withheld", "withheld"],
    }
    totals = [str(cell) for _label, cell in response.context["total_columns"]]
    assert totals == ["withheld", "withheld", "14"]
    charts = {
        measure: [(b.key, b.count) for b in chart["bars"]]
        for measure, _label, chart in response.context["charts"]
    }
    assert charts == {"qualifying": [("retaliation", 0)], "harmful_no_fit": []}
    page = without_tokens(response.content.decode())
    assert "Ana" not in page
    event = AuditEvent.objects.get(action="view_sensitive")
    assert (event.actor, event.summary, event.organization) == (coalition, "eligibility report viewed", None)


def test_eligibility_report_csv_withholds_the_same_cells_and_is_audited(client, coalition, screened):
    client.force_login(coalition)
    response = client.get(reverse("uvisa:eligibility_report"), {"format": "csv"})
    assert csv_rows(response) == [
        ["incident_type", "state", "year", "qualifying", "harmful_no_fit", "total"],
        ["retaliation", "CA", "2025", "0", "withheld", "withheld"],
        ["wage_theft", "IL", "2026", "withheld", "withheld", "withheld"],
        ["retaliation", "all", "all", "0", "withheld", "withheld"],
        ["wage_theft", "all", "all", "withheld", "withheld", "withheld"],
        ["all", "all", "all", "withheld", "withheld", "14"],
    ]
    assert list(AuditEvent.objects.exclude(action="login").values_list("action", "summary")) == [
        ("export", "eligibility report exported as CSV")
    ]


@pytest.mark.parametrize("coalition_role", ["", "organizer"])
def test_eligibility_report_refuses_organization_staff_and_coalition_organizers(
    client, admin, legal, coalition_role
):
    for user in (admin, legal, UserFactory(coalition_role=coalition_role)):
        client.force_login(user)
        assert client.get(reverse("uvisa:eligibility_report")).status_code == 403


def test_eligibility_report_lets_coalition_legal_staff_in(client, db):
    client.force_login(UserFactory(coalition_role="legal"))
    response = client.get(reverse("uvisa:eligibility_report"))
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_certification_request_counts_stay_after_a_request_is_answered(case):
    answered(case, "dol_whd", "signed", 12)
    assert CertificationRequest.objects.get().status == "signed"


def test_eligibility_chart_draws_the_shown_counts_by_incident_type(client, coalition, organization, legal):
    for _ in range(6):
        screened_client(organization, legal, "wage_theft", "IL", 2026, True)
    for _ in range(5):
        screened_client(organization, legal, "assault", "TX", 2025, False)
    client.force_login(coalition)
    response = client.get(reverse("uvisa:eligibility_report"))
    charts = {m: [(b.key, b.count) for b in chart["bars"]] for m, _label, chart in response.context["charts"]}
    assert charts == {
        "qualifying": [("wage_theft", 6), ("assault", 0)],  # in the order of the incident types
        "harmful_no_fit": [("wage_theft", 0), ("assault", 5)],
    }
    page = response.content.decode()
    assert page.count('<svg class="chart chart-eligibility"') == 2
    assert "withheld" not in [str(c) for row in response.context["rows"] for _l, c in row["columns"]]


def test_eligibility_report_query_count_does_not_grow_with_the_cases(client, coalition, organization, legal):
    client.force_login(coalition)
    screened_client(organization, legal, "wage_theft", "IL", 2026, True)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("uvisa:eligibility_report"))
    for kind in ("assault", "retaliation", "unsafe"):
        screened_client(organization, legal, kind, "TX", 2025, False)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("uvisa:eligibility_report"))
    assert len(response.context["rows"]) == 4
    assert len(many.captured_queries) == len(one.captured_queries)
