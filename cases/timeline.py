"""The worksite page's single timeline (its deadlines come from the deadline engine: cases/deadlines.py).

The timeline merges SOURCES, functions `source(worksite, newest)` that answer `(entries, total)`: at least
their `newest` newest entries (all of them, for a source of a few records) and how many they have in all.
A page of 25 entries reads no more than the 25 newest of each source (a worksite may have years of
incidents). Other apps (contracts) add their own sources by appending to SOURCES.

Times and days are the worksite's (its time zone): a dated entry counts from midnight there.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _

from power_campaign import zones
from power_campaign.formats import date_format
from power_campaign.links import record_url

from .models import IncidentType, ProtectedActivity


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    kind: str  # stage, incident, filing, activity, ... (CSS class and label)
    label: str
    detail: str = ""
    url: str = ""


def every(entries):
    """A small source's answer: all of its entries, and their number."""
    entries = list(entries)
    return entries, len(entries)


def _start_of(day, worksite):
    return zones.start_of(day, worksite.zone)


def stage_entries(worksite, newest):
    return every(
        Entry(
            _start_of(change.date, worksite),
            "stage",
            _("Stage: %s") % change.get_stage_display(),
            change.note,
        )
        for change in worksite.stage_changes.all()
    )


def incident_entries(worksite, newest):
    """Hundreds of incidents: the newest only, as values (no model instances), the labels looked up once."""
    labels = {value: str(label) for value, label in IncidentType.choices}
    rows = list(
        worksite.incidents.order_by("-occurred_at", "-pk")
        .annotate(total=Window(Count("pk")))  # counted over every row, before the limit: one query
        .values_list("uuid", "type", "occurred_at", "place", "total")[:newest]
    )
    entries = [
        Entry(occurred_at, "incident", labels.get(type_, type_), place, record_url("cases:incident", uuid))
        for uuid, type_, occurred_at, place, _total in rows
    ]
    return entries, rows[0][-1] if rows else 0


def filing_entries(worksite, newest):
    return every(_filing_entries(worksite))


def _filing_entries(worksite):
    for filing in worksite.filings.all():
        yield Entry(
            _start_of(filing.filed_on, worksite),
            "filing",
            _("Filed with %s") % filing.agency_label,
            filing.case_number,
        )
        if filing.closed_on:
            yield Entry(
                _start_of(filing.closed_on, worksite),
                "filing",
                _("Closed at %s") % filing.agency_label,
                filing.case_number,
            )


def activity_entries(worksite, newest):
    """As values (no model instances), the labels looked up once."""
    labels = {value: str(label) for value, label in ProtectedActivity.Kind.choices}
    return every(
        Entry(_start_of(day, worksite), "activity", labels.get(kind, kind), description)
        for day, kind, description in worksite.protected_activities.values_list("date", "kind", "description")
    )


SOURCES = [stage_entries, incident_entries, filing_entries, activity_entries]


class Timeline:
    """Every dated record of the worksite, newest first, as the paginator reads it: how many there are in
    all, and the `newest` newest of them (what the pages up to the one asked for show)."""

    def __init__(self, worksite, newest):
        self.zone = worksite.zone
        answers = [source(worksite, newest) for source in SOURCES]
        self.total = sum(total for _entries, total in answers)
        entries = [entry for found, _total in answers for entry in found]
        self.entries = sorted(entries, key=lambda entry: entry.when, reverse=True)[:newest]

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        """The entries of a page (the paginator slices), each time in the worksite's time zone (the
        template shows `when.isoformat` and `day`, not the costlier date filter)."""
        shown = self.entries[index]
        return [Shown(**{**vars(entry), "when": zones.in_zone(entry.when, self.zone)}) for entry in shown]


@dataclass(frozen=True)
class Shown(Entry):
    """An entry as a page shows it."""

    @property
    def day(self):
        return date_format(self.when, "SHORT_DATE_FORMAT")

