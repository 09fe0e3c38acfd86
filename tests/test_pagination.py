"""Lists count at most COUNT_CAP rows (or as many as the requested page needs): exact below it, "more
than" above it, and previous and next work either way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from power_campaign import pagination
from power_campaign.accounts.models import Organization
from tests.cases.factories import WorksiteFactory

LIST = reverse("cases:worksite_list")


def test_capped_paginator_counts_exactly_up_to_the_cap(db):
    Organization.objects.bulk_create([Organization(name=f"Local {index}") for index in range(7)])
    records = Organization.objects.order_by("pk")

    under = pagination.CappedPaginator(records, 2, cap=7)
    over = pagination.CappedPaginator(records, 2, cap=5)

    assert (under.count, under.exact, under.shown_count, under.num_pages) == (7, True, 7, 4)
    assert (over.count, over.exact, over.shown_count, over.num_pages) == (6, False, 5, 3)
    assert list(over.page(3).object_list) == list(records[4:6])
    assert over.page(3).has_next() is False  # what lies beyond the cap is found by asking for that page


def test_a_list_past_the_cap_says_more_than_and_pages_on(client, organizer, organization, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    for index in range(30):
        WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Site {index:02d}")
    client.force_login(organizer)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(LIST)
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) FROM (")]
    second = client.get(LIST, {"page": 2})

    first_html, second_html = first.content.decode(), second.content.decode()
    assert "More than 25 worksites" in first_html  # the first page counts 26 rows: one more than it shows
    assert "<span>Page 1</span>" in first_html
    assert 'href="?page=2" rel="next"' in first_html
    assert len(counts) == 1 and "LIMIT 26" in counts[0]  # the count stops after 26 rows
    assert len(second.context["page"].object_list) == 5
    assert "30 worksites" in second_html
    assert "<span>Page 2 of 2</span>" in second_html
    assert 'href="?page=1" rel="prev"' in second_html


@pytest.mark.parametrize("number", ["0", "-3", "x", ""])
def test_a_page_number_that_is_not_a_page_shows_the_first(client, organizer, organization, number):
    WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    client.force_login(organizer)

    response = client.get(LIST, {"page": number})

    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert "1 worksite" in response.content.decode()


def test_a_page_is_cut_from_the_keys_then_its_rows_are_read_with_their_joins(db, organizer):
    from cases.models import Worksite

    organizations = [Organization.objects.create(name=f"Local {index}") for index in range(3)]
    for index in range(7):
        organization = organizations[index % 3]
        WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Site {index}")

    records = Worksite.objects.select_related("organization").order_by("organization__name", "-employer_name")
    keyed = pagination.CappedPaginator(records, 3, cap=10)
    assert keyed.count == 7  # counted once, before the pages

    for number in (1, 2, 3):
        bottom = (number - 1) * 3
        expected = [(site.employer_name, site.organization.name) for site in records[bottom : bottom + 3]]
        with CaptureQueriesContext(connection) as queries:
            page = keyed.page(number)
            found = [(site.employer_name, site.organization.name) for site in page.object_list]
        assert found == expected
        keys_sql, rows_sql = [query["sql"] for query in queries.captured_queries]  # two, whatever the rows
        assert '"cases_worksite"."employer_name"' not in keys_sql.split(" FROM ")[0]  # the keys alone
        assert "LIMIT" not in rows_sql
        assert '"accounts_organization"."name"' in rows_sql.split(" FROM ")[0]  # the joined organization
    assert [len(keyed.page(number).object_list) for number in (1, 2, 3)] == [3, 3, 1]
    assert keyed.page(3).has_next() is False


def test_a_record_deleted_between_the_keys_and_the_rows_is_left_out_of_the_page(db, organizer):
    from cases.models import Worksite

    organization = Organization.objects.create(name="Local 1")
    for index in range(4):
        WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Site {index}")
    records = Worksite.objects.order_by("employer_name")
    paginator = pagination.CappedPaginator(records, 3, cap=10)
    assert paginator.count == 4
    gone = records[1]

    def delete_before_the_rows(execute, sql, params, many, context):
        if '"cases_worksite"."id" IN (' in sql and not sql.startswith("DELETE"):  # the page's rows
            Worksite.objects.filter(pk=gone.pk).delete()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(delete_before_the_rows):
        page = paginator.page(1)
    assert [site.employer_name for site in page.object_list] == ["Site 0", "Site 2"]


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        reverse("cases:incident_list"),
        reverse("cases:incident_log"),
        reverse("agreements:agreement_list"),
    ],
)
def test_a_page_number_past_any_list_shows_the_last_page(client, organizer, organization, url):
    # 10**25 rows would overflow the database's LIMIT (PostgreSQL: "bigint out of range"); the page asked
    # for is taken as MAX_PAGE, past the end: the last page.
    WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    WorksiteFactory(organization=organization, created_by=organizer, employer_name="Bayview Packing")
    client.force_login(organizer)

    response = client.get(url, {"page": "1" + "0" * 24})

    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_a_worksite_timeline_past_its_end_shows_its_last_page(client, organizer, organization):
    worksite = WorksiteFactory(organization=organization, created_by=organizer)
    client.force_login(organizer)

    response = client.get(worksite.get_absolute_url(), {"page": "1" + "0" * 24})

    assert response.status_code == 200
    assert response.context["page"].number == 1
