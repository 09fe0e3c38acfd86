"""Full-text search (power_campaign/search.py): accents and case never matter, on PostgreSQL (unaccent
in the stored vector and in the query) and on SQLite (a folding function registered per connection).
CI runs this file once on each database; the expected results are the same on both."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Contact, Incident, Worksite
from power_campaign import search
from power_campaign.search import fold, keys_first, unaccent
from tests.cases.factories import ContactFactory, IncidentFactory, WorksiteFactory

pytestmark = pytest.mark.django_db


def searchable(*records):
    for record in records:
        record.update_search_vector()  # what the services do on save (PostgreSQL only)
    return records


@pytest.fixture
def records(organization):
    accented = WorksiteFactory(organization=organization, employer_name="Hernández Farms", city="San José")
    plain = WorksiteFactory(organization=organization, employer_name="Hernandez Produce", city="Chicago")
    other = WorksiteFactory(organization=organization, employer_name="Quiet Bakery", city="Chicago")
    searchable(
        accented,
        plain,
        other,
        IncidentFactory(worksite=accented, description="El supervisor amenazó con llamar a inmigración"),
        IncidentFactory(worksite=plain, description="Supervisor amenazo a la comision"),
        ContactFactory(worksite=accented, name="José Peña"),
        ContactFactory(worksite=plain, name="JOSE PENA"),
        ContactFactory(worksite=other, name="Straße Øster"),
    )


@pytest.mark.parametrize("query", ["Hernandez", "hernández", "HERNÁNDEZ", "hernandez", "Hernández"])
def test_search_worksites_ignores_accents_and_case_in_both_directions(records, query):
    found = Worksite.objects.matching(query).order_by("employer_name")

    assert list(found.values_list("employer_name", flat=True)) == ["Hernandez Produce", "Hernández Farms"]


@pytest.mark.parametrize("query", ["amenazó", "amenazo", "AMENAZO", "Amenazó"])
def test_search_incidents_ignores_accents_and_case_in_both_directions(records, query):
    found = Incident.objects.matching(query).order_by("description")

    assert list(found.values_list("description", flat=True)) == [
        "El supervisor amenazó con llamar a inmigración",
        "Supervisor amenazo a la comision",
    ]


@pytest.mark.parametrize("query", ["José Peña", "jose pena", "JOSÉ PEÑA", "Jose Pena"])
def test_search_contacts_ignores_accents_and_case_in_both_directions(records, query):
    found = Contact.objects.matching(query).order_by("pk")

    assert list(found.values_list("name", flat=True)) == ["José Peña", "JOSE PENA"]


@pytest.mark.parametrize("query", ["strasse", "ØSTER", "oster"])
def test_search_contacts_maps_letters_without_a_decomposition_as_unaccent_does(records, query):
    found = Contact.objects.matching(query)

    assert list(found.values_list("name", flat=True)) == ["Straße Øster"]


def test_search_worksites_by_an_unaccented_city_finds_the_accented_one(records):
    assert list(Worksite.objects.matching("san jose").values_list("employer_name", flat=True)) == [
        "Hernández Farms"
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("inmigracion", ["Hernández Farms"]),  # an incident of the worksite
        ("pena", ["Hernandez Produce", "Hernández Farms"]),  # contacts of both
        ("HERNANDEZ", ["Hernandez Produce", "Hernández Farms"]),
    ],
)
def test_search_the_worksite_list_ignores_accents(client, organizer, records, query, expected):
    client.force_login(organizer)

    response = client.get(reverse("cases:worksite_list"), {"q": query})

    assert [worksite.employer_name for worksite in response.context["page"].object_list] == expected


def test_search_stores_the_unaccented_vector_on_postgresql(records):
    if connection.vendor != "postgresql":
        assert Worksite.objects.filter(search_vector__isnull=False).count() == 0
        return
    vector = Worksite.objects.values_list("search_vector", flat=True).get(employer_name="Hernández Farms")
    assert vector == "'farms':2 'hernandez':1 'jose':4 'san':3"


def test_search_refresh_search_vectors_updates_every_row_in_one_query(
    organization, django_assert_num_queries
):
    WorksiteFactory.create_batch(3, organization=organization, employer_name="Muñoz Hotel")

    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 0):
        Worksite.objects.all().refresh_search_vectors()

    assert (
        list(Worksite.objects.matching("munoz").values_list("employer_name", flat=True))
        == ["Muñoz Hotel"] * 3
    )


def test_search_a_query_with_like_wildcards_matches_them_literally(organization):
    searchable(
        WorksiteFactory(organization=organization, employer_name="Acme 100% Staffing"),
        WorksiteFactory(organization=organization, employer_name="Acme 1000 Staffing"),
    )

    found = Worksite.objects.matching("100%")

    assert list(found.values_list("employer_name", flat=True)) == ["Acme 100% Staffing"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hernández", "Hernandez"),
        ("PEÑA", "PENA"),
        ("Straße", "Strasse"),
        ("Øster Æble", "Oster AEble"),
        ("ﬁesta", "fiesta"),
        (None, None),
    ],
)
def test_unaccent_removes_accents_and_keeps_the_case(text, expected):
    assert unaccent(text) == expected


def test_keys_first_reads_a_few_keys_into_a_list_and_leaves_many_to_a_subquery(organization, monkeypatch):
    sites = [WorksiteFactory(organization=organization) for _ in range(3)]
    keys = Worksite.objects.order_by("pk").values_list("pk", flat=True)
    monkeypatch.setattr(search, "KEYS_FIRST_AT_MOST", 3)
    assert keys_first(keys) == [site.pk for site in sites]
    monkeypatch.setattr(search, "KEYS_FIRST_AT_MOST", 2)
    assert keys_first(keys) is None


def test_any_of_keeps_the_rows_of_a_list_of_keys_sent_as_one_array(organization):
    sites = [WorksiteFactory(organization=organization) for _ in range(3)]
    incidents = [IncidentFactory(worksite=site) for site in sites]
    keys = [sites[2].pk, sites[0].pk]

    with CaptureQueriesContext(connection) as queries:
        assert list(Worksite.objects.filter(pk__any_of=keys).order_by("pk")) == [sites[0], sites[2]]
        found = Incident.objects.filter(worksite__any_of=keys).order_by("pk")
        assert list(found) == [incidents[0], incidents[2]]
    assert list(Worksite.objects.filter(pk__any_of=[])) == []
    if connection.vendor == "postgresql":  # one parameter of the column's type, which the planner hashes
        array = f"= ANY('{{{keys[0]},{keys[1]}}}'::bigint[])"
        assert [array in query["sql"] for query in queries.captured_queries] == [True, True]
    with pytest.raises(ValueError):  # integer keys only: the array is written from them
        list(Worksite.objects.filter(pk__any_of=["1,2"]))


def test_fold_removes_accents_and_case():
    assert fold("HERNÁNDEZ Peña") == "hernandez pena"


def test_search_index_is_a_gin_index_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%search_idx'")
            assert cursor.fetchall() == []
            return
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%search_idx' ORDER BY 1"
        )
        assert cursor.fetchall() == [
            (
                f"{table}_search_idx",
                f"CREATE INDEX {table}_search_idx ON public.{table} USING gin (search_vector)",
            )
            for table in ("cases_contact", "cases_incident", "cases_worksite", "contracts_clauseversion")
        ]


def test_search_migration_rebuilds_the_vectors_stored_before_it_unaccented(organization):
    site = WorksiteFactory(organization=organization, employer_name="Hernández Farms", city="Chicago")
    if connection.vendor == "postgresql":  # a vector as stored before: accents kept
        Worksite.objects.update(search_vector=SearchVector("employer_name", "city", config="simple"))
        assert Worksite.objects.matching("hernandez").count() == 0
    migration = import_module("cases.migrations.0005_search_unaccent")

    migration.reindex(apps, SimpleNamespace(connection=connection))

    assert list(Worksite.objects.matching("hernandez")) == [site]
