"""PostgreSQL connections read timestamps with psycopg's compiled loader, and read the same datetimes as
Django's own loader does."""

import datetime
import zoneinfo

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from cases.models import Incident
from power_campaign.ops.database import TIMESTAMPTZ, tz_loader
from tests.cases.factories import IncidentFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="timestamptz loaders are PostgreSQL's (set DATABASE_URL to PostgreSQL to run this test)",
    ),
]

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
VALUES = [
    b"2026-03-04 07:30:00+00",
    b"2026-03-04 01:30:00.25-06",
    b"2026-11-01 01:59:59.999999-05",
    b"1999-12-31 23:00:00+05:30",
]


def loaded(loader_class, data):
    return loader_class(TIMESTAMPTZ, connection.connection).load(data)


def djangos(timezone):
    """Django's own loader class for `timezone`, registered on a throwaway adapters map."""
    holder = type("Holder", (), {"adapters": psycopg.adapt.AdaptersMap(psycopg.adapters)})()
    register_tzloader(timezone, holder)
    return holder.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)


def test_the_connection_reads_timestamps_with_the_compiled_loader():
    connection.ensure_connection()
    loader_class = connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert loader_class.timezone is connection.timezone is datetime.UTC
    loader = loader_class(TIMESTAMPTZ, connection.connection)
    compiled = psycopg.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert type(loader.load.__self__) is compiled
    assert compiled.__module__.startswith("psycopg_binary")


@pytest.mark.parametrize("timezone", [datetime.UTC, CHICAGO, None])
def test_values_are_those_djangos_loader_reads(timezone):
    connection.ensure_connection()
    for data in VALUES:
        assert loaded(tz_loader(timezone), data) == loaded(djangos(timezone), data)
        assert loaded(tz_loader(timezone), data).tzinfo is loaded(djangos(timezone), data).tzinfo
    assert loaded(tz_loader(datetime.UTC), VALUES[1]) == datetime.datetime(
        2026, 3, 4, 7, 30, 0, 250000, tzinfo=datetime.UTC
    )


def test_models_and_raw_queries_read_aware_datetimes_in_utc():
    moment = datetime.datetime(2026, 3, 4, 1, 30, 0, 123456, tzinfo=CHICAGO)
    incident = IncidentFactory(occurred_at=moment)
    read = Incident.objects.values_list("occurred_at", flat=True).get(pk=incident.pk)
    assert read == datetime.datetime(2026, 3, 4, 7, 30, 0, 123456, tzinfo=datetime.UTC)
    assert read.tzinfo is datetime.UTC
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", ["2026-03-04 01:30:00-06"])
        assert cursor.fetchone()[0] == datetime.datetime(2026, 3, 4, 7, 30, tzinfo=datetime.UTC)
