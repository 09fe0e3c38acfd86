"""Dates and times as text (power_campaign/formats): the project's `date_format` and `date` filter write
what Django's write, for every kind of value, format and language, at half the cost."""

import datetime
import zoneinfo

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date_filter
from django.utils import formats as django_formats
from django.utils import timezone, translation

from power_campaign import zones
from power_campaign.formats import date_format
from power_campaign.formats.filters import date as project_date_filter

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
VALUE_AT_2_05_PM_UTC = datetime.datetime(2026, 3, 12, 14, 5, tzinfo=datetime.UTC)
VALUES = [
    datetime.date(2026, 3, 12),
    datetime.date(1999, 12, 31),
    VALUE_AT_2_05_PM_UTC,  # aware
    datetime.datetime(2026, 11, 1, 6, 30, tzinfo=datetime.UTC),  # the night the clocks go back in Chicago
    datetime.datetime(2026, 7, 4, 0, 0),  # naive
    zones.in_zone(VALUE_AT_2_05_PM_UTC, zoneinfo.ZoneInfo("America/Boise")),
]
# Escaped letters are text ("\H\i" writes "Hi", also for a date); a date refuses the time formats' letters.
FORMATS = [None, "DATE_FORMAT", "SHORT_DATE_FORMAT", "M Y", "Y-m-d", r"j \d\e F", "l, N jS", r"\H\i Y", "c"]
TIME_FORMATS = ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "g:i a T", "H:i:s e O P"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_date_format_writes_what_djangos_writes(language):
    with translation.override(language), timezone.override(CHICAGO):
        for value in VALUES:
            for format_name in FORMATS:
                assert date_format(value, format_name) == django_formats.date_format(value, format_name)
            for format_name in TIME_FORMATS:
                if isinstance(value, datetime.datetime):
                    assert date_format(value, format_name) == django_formats.date_format(value, format_name)
                else:  # a date has no time: both refuse
                    with pytest.raises(TypeError):
                        date_format(value, format_name)
                    with pytest.raises(TypeError):
                        django_formats.date_format(value, format_name)


def test_the_date_filter_is_the_projects_and_writes_what_djangos_writes():
    source = '{{ value|date:"DATETIME_FORMAT" }}·{{ value|date }}·{{ value|date:"c" }}'
    template = engines["django"].from_string(source)
    assert template.template.engine.template_builtins[-1].filters["date"] is project_date_filter
    for language in ["en", "es"]:
        with translation.override(language), timezone.override(CHICAGO):
            for value in [*VALUES[2:], None, "", "not a date", 12]:
                local = timezone.template_localtime(value)
                expected = [django_date_filter(local, name) for name in ("DATETIME_FORMAT", None, "c")]
                assert template.render({"value": value}) == "·".join(expected)
    with translation.override("en"), timezone.override(CHICAGO):
        assert template.render({"value": VALUES[2]}) == (
            "March 12, 2026, 9:05 a.m. CDT·March 12, 2026·2026-03-12T09:05:00-05:00"
        )
    with translation.override("es"), timezone.override(CHICAGO):
        assert template.render({"value": VALUES[2]}).startswith("12 de marzo de 2026, 09:05 CDT·")
