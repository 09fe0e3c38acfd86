"""Deadlines: one engine that every domain app feeds, and the calendar arithmetic they share.

An app with a `deadlines` module exposing

    def deadlines(user, *, subject=None, now, soonest=None, since=None):
        return [Deadline(...), ...]

contributes its deadlines (the platform imports no domain app; apps are asked in INSTALLED_APPS order):

- `subject=None`: the deadlines `user` should act on, across every record they may see (the dashboard):
  those still to come, and past ones only while they still call for action (an uncured breach...).
- `subject=<a model instance>`: every deadline about that record (a worksite, an incident, a U-visa
  case), past ones included; an app answers nothing for a subject it does not know.

`now` is the moment to measure against, the same for every provider of one request. A provider scopes
what it reads by `user` itself (`Model.objects.for_user(user)`), as any other access path does.

The dashboard shows only the soonest few of a coalition's thousands, so it asks with `soonest=n` (and no
subject): a provider may then answer a `Soonest`, its n soonest deadlines and how many more it has
(`later`), reading no more rows than that takes (`first(queryset, n)`: the first n rows and the count of
all). A plain list is taken as all of the provider's deadlines.

`collect(user, subject=...)` merges the providers' answers, soonest first; `collect_soonest(user, n)` the
dashboard's n soonest and how many more.

Business days skip weekends and US federal public holidays (observed days included):
`add_business_days`. Month periods keep the day of the month, or take the month's last day when it is
shorter: `add_months`.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass

import holidays
from django.utils import timezone

from power_campaign import hooks

DASHBOARD_SHOWN = 10  # the soonest; each record's own page lists all of its deadlines


@dataclass(frozen=True)
class Deadline:
    due: datetime.date | datetime.datetime  # a date: due by the end of that (local) day
    label: str  # what must happen by then, in the user's language
    rule: str  # the code of the rule that sets it (e.g. a DeadlineRule's code)
    source: str  # the citation: statute, regulation, agreement clause
    record: str  # the record it is about, as shown ("I-9 notice of inspection, 03/12/2026")
    url: str  # that record's page
    organization: object  # the Organization the record belongs to
    about: str = ""  # the larger subject, for lists across subjects (the worksite's name)

    @property
    def has_time(self):
        return isinstance(self.due, datetime.datetime)

    @property
    def ends_at(self):
        """The moment the deadline passes (a date's deadline: the start of the next local day)."""
        if self.has_time:
            return self.due
        next_day = self.due + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))

    def passed_at(self, now):
        return self.ends_at <= now

    @property
    def passed(self):
        return self.passed_at(timezone.now())


def soonest_first(deadlines):
    """Dated and timed deadlines in one order: a date's deadline counts as the end of that day."""
    return sorted(deadlines, key=lambda deadline: (deadline.ends_at, deadline.label, deadline.url))


class Soonest(list):
    """A provider's answer to `soonest=n`: its n soonest deadlines, soonest first, and `later`, how many more
    it has."""

    def __init__(self, deadlines=(), later=0):
        super().__init__(deadlines)
        self.later = later


def soonest_of(deadlines, n, total=None):
    """The `n` soonest of `deadlines` as a Soonest; `total` is how many there are in all, when `deadlines`
    holds only some of them (each kind's first n, read with `first`)."""
    ordered = soonest_first(deadlines)[:n]
    total = len(deadlines) if total is None else total
    return Soonest(ordered, later=total - len(ordered))


def first(queryset, n):
    """The first `n` rows of an ordered `queryset` and how many rows it has in all: always two queries (the
    limited one can walk an index and stop; the count reads no wide columns)."""
    return list(queryset[:n]), queryset.count()


def collect(user, *, subject=None, now=None, since=None):
    """Every provider's deadlines for `user` (about `subject` if given), soonest first; with `since`, only
    those that had not passed by then."""
    now = now or timezone.now()
    found = hooks.collect("deadlines", "deadlines", user, subject=subject, now=now, since=since)
    if since is not None:
        found = [deadline for deadline in found if not deadline.passed_at(since)]
    return soonest_first(found)


def collect_soonest(user, n, *, now=None):
    """The `n` soonest deadlines `user` should act on, across every provider, and how many more there are."""
    now = now or timezone.now()
    return merge_soonest(hooks.answers("deadlines", "deadlines", user, now=now, soonest=n), n)


def merge_soonest(answers, n):
    """The `n` soonest of the providers' answers to `soonest=n`, and how many more they have."""
    answers = list(answers)
    found = soonest_first(deadline for answer in answers for deadline in answer)
    later = sum(getattr(answer, "later", 0) for answer in answers) + max(len(found) - n, 0)
    return found[:n], later


def panel(shown, more, now):
    """The home page's one deadlines panel: (template name, context), like the apps' dashboard panels
    (power_campaign/dashboard.py asks each provider for its DASHBOARD_SHOWN soonest)."""
    return ("deadlines/panel.html", {"deadlines": shown, "more": more, "now": now})


# Calendar arithmetic


@functools.cache
def _federal_holidays():
    """US federal public holidays with their observed days (a Saturday's on Friday, a Sunday's on Monday);
    years are added as they are asked for."""
    return holidays.country_holidays("US", categories=(holidays.PUBLIC,), observed=True)


def is_business_day(day):
    return day.weekday() < 5 and day not in _federal_holidays()


def add_business_days(start, n, zone=None):
    """The day `n` business days after `start` (a date, or a datetime keeping its local time of day).

    Weekends and US federal holidays (observed days included) are skipped; an aware datetime is counted on
    the local calendar, that of `zone` (a ZoneInfo: a place's) or else the current time zone's (a Friday
    evening in Chicago is already Saturday in UTC)."""
    if n < 0:
        raise ValueError("add_business_days counts forward only.")
    if isinstance(start, datetime.datetime) and timezone.is_aware(start):
        start = timezone.localtime(start, zone)
    due, left = start, n
    while left:
        due += datetime.timedelta(days=1)
        if is_business_day(due.date() if isinstance(due, datetime.datetime) else due):
            left -= 1
    return due


def add_months(start, n):
    """The same day `n` months after `start` (a date or datetime), or the month's last day when that month
    is shorter: Aug 31 + 6 months = Feb 28 (Feb 29 in a leap year); Feb 29 + 12 months = Feb 28."""
    months = start.year * 12 + start.month - 1 + n
    year, month = divmod(months, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)
