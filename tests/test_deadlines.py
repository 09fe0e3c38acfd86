"""The deadline engine: business days that skip weekends and US federal holidays, month periods, the
order of dated and timed deadlines, the providers found by module name, and the shared list template."""

import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from power_campaign import hooks
from power_campaign.deadlines import (
    Deadline,
    add_business_days,
    add_months,
    collect,
    is_business_day,
    soonest_first,
)

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def local(*args):
    return datetime.datetime(*args, tzinfo=CHICAGO)


def deadline(due, label="Cure the breach", url="/agreements/1/"):
    return Deadline(
        due=due,
        label=label,
        rule="cure-30-days",
        source="Agreement § 7.2",
        record="Agreement with Acme",
        url=url,
        organization=None,
    )


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # A Notice of Inspection served on Wednesday before Thanksgiving (Thursday 11-26): Friday,
        # Monday, Tuesday.
        (datetime.date(2026, 11, 25), 3, datetime.date(2026, 12, 1)),
        # Christmas 2027 is a Saturday, observed Friday 12-24: Thursday, Monday, Tuesday.
        (datetime.date(2027, 12, 22), 3, datetime.date(2027, 12, 28)),
        # New Year's Day 2028 is a Saturday, observed Friday 2027-12-31: Thursday, Monday, Tuesday.
        (datetime.date(2027, 12, 29), 3, datetime.date(2028, 1, 4)),
        # Juneteenth 2026 is a Friday: Monday, Tuesday, Wednesday.
        (datetime.date(2026, 6, 18), 3, datetime.date(2026, 6, 24)),
        # Juneteenth 2027 is a Saturday, observed Friday 06-18: Monday.
        (datetime.date(2027, 6, 17), 1, datetime.date(2027, 6, 21)),
        # Independence Day 2026 is a Saturday, observed Friday 07-03.
        (datetime.date(2026, 7, 2), 1, datetime.date(2026, 7, 6)),
        # An ordinary week: weekends only.
        (datetime.date(2026, 3, 12), 3, datetime.date(2026, 3, 17)),
        (datetime.date(2026, 3, 12), 0, datetime.date(2026, 3, 12)),
    ],
)
def test_add_business_days_skips_weekends_and_federal_holidays(start, n, expected):
    assert add_business_days(start, n) == expected


def test_add_business_days_keeps_the_local_time_of_day_across_thanksgiving(settings):
    settings.TIME_ZONE = "America/Chicago"
    served = local(2026, 11, 25, 16, 30).astimezone(datetime.UTC)  # Wednesday afternoon

    assert add_business_days(served, 3) == local(2026, 12, 1, 16, 30)


def test_add_business_days_counts_on_the_local_calendar(settings):
    settings.TIME_ZONE = "America/Chicago"
    friday_evening = local(2026, 11, 20, 20, 0).astimezone(datetime.UTC)  # Saturday already in UTC

    assert add_business_days(friday_evening, 1) == local(2026, 11, 23, 20, 0)


def test_add_business_days_refuses_to_count_backwards():
    with pytest.raises(ValueError, match="counts forward only"):
        add_business_days(datetime.date(2026, 3, 12), -1)


def test_is_business_day_knows_federal_holidays_and_their_observed_days():
    days = [
        datetime.date(2026, 11, 26),  # Thanksgiving
        datetime.date(2026, 11, 27),  # the day after: a working day for the federal calendar
        datetime.date(2027, 12, 24),  # Christmas observed
        datetime.date(2027, 12, 31),  # New Year's Day 2028 observed
        datetime.date(2026, 6, 19),  # Juneteenth
        datetime.date(2026, 10, 12),  # Columbus Day
        datetime.date(2026, 11, 28),  # a Saturday
    ]

    assert [is_business_day(day) for day in days] == [False, True, False, False, False, False, False]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),  # a leap year
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2028, 2, 29), 48, datetime.date(2032, 2, 29)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 31), 6, datetime.date(2026, 9, 30)),
        (datetime.date(2026, 7, 15), 6, datetime.date(2027, 1, 15)),
        (datetime.date(2026, 12, 31), 12, datetime.date(2027, 12, 31)),
        (datetime.date(2027, 3, 31), -1, datetime.date(2027, 2, 28)),
    ],
)
def test_add_months_takes_the_last_day_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_add_months_keeps_the_time_of_a_datetime():
    assert add_months(local(2026, 8, 31, 9, 15), 6) == local(2027, 2, 28, 9, 15)


def test_deadline_due_on_a_date_passes_at_the_end_of_that_local_day(settings):
    settings.TIME_ZONE = "America/Chicago"
    due = deadline(datetime.date(2026, 12, 1))

    assert due.ends_at == local(2026, 12, 2, 0, 0)
    assert due.passed_at(local(2026, 12, 1, 23, 59)) is False
    assert due.passed_at(local(2026, 12, 2, 0, 0)) is True


def test_soonest_first_orders_dated_and_timed_deadlines_together(settings):
    settings.TIME_ZONE = "America/Chicago"
    on_the_day = deadline(datetime.date(2026, 12, 1), label="Dated")
    in_the_afternoon = deadline(local(2026, 12, 1, 14, 0), label="Timed, same day")
    the_day_before = deadline(local(2026, 11, 30, 23, 0), label="Timed, day before")
    the_next_morning = deadline(local(2026, 12, 2, 8, 0), label="Timed, next day")

    ordered = soonest_first([the_next_morning, on_the_day, in_the_afternoon, the_day_before])

    assert [d.label for d in ordered] == ["Timed, day before", "Timed, same day", "Dated", "Timed, next day"]


def test_providers_are_found_by_module_name():
    import agreements.deadlines
    import cases.deadlines
    import uvisa.deadlines

    assert hooks.app_modules("deadlines") == [cases.deadlines, agreements.deadlines, uvisa.deadlines]


@pytest.mark.django_db
def test_collect_answers_nothing_for_a_subject_no_app_knows(organizer, organization):
    assert collect(organizer, subject=organization) == []


def test_deadline_list_marks_a_passed_deadline_and_shows_a_date_without_time(monkeypatch, settings):
    settings.TIME_ZONE = "America/Chicago"
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 12, 3, 9, 0).astimezone(datetime.UTC))
    passed = deadline(datetime.date(2026, 12, 1), label="Cure the breach")
    coming = deadline(local(2026, 12, 4, 14, 0), label="Produce the I-9 forms", url="/cases/incidents/2/")

    with translation.override("en"):
        html = render_to_string("deadlines/_list.html", {"deadlines": [passed, coming], "across": True})

    assert '<li class="passed">' in html
    passed_html = (
        '<time datetime="2026-12-01">December 1, 2026</time></strong>\n    <span class="badge">passed</span>'
    )
    assert passed_html in html
    assert '<li class="open">' in html
    assert '<time datetime="2026-12-04T14:00:00-06:00">December 4, 2026, 2:00 p.m. CST</time>' in html
    assert '<a href="/agreements/1/">Agreement with Acme</a>' in html
    assert html.count('<span class="badge">') == 1
