"""The worksite page's single timeline (its deadlines come from the deadline engine: cases/deadlines.py).

Other apps (agreements, contracts) add their own entries by appending a function to SOURCES:
it takes a worksite and returns Entry objects.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .models import Incident, IncidentType


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    kind: str  # stage, incident, filing, activity, ... (CSS class and label)
    label: str
    detail: str = ""
    url: str = ""  # may be lazy (incident_url): the page shows 50 entries of hundreds


# The URL of an incident (by its uuid), worked out only if its entry is shown.
incident_url = lazy(lambda uuid: Incident(uuid=uuid).get_absolute_url(), str)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def stage_entries(worksite):
    for change in worksite.stage_changes.all():
        yield Entry(_start_of(change.date), "stage", _("Stage: %s") % change.get_stage_display(), change.note)


def incident_entries(worksite):
    # Hundreds of incidents, 50 entries shown: their values only (no model instances), the labels looked
    # up once, the URLs made for those shown.
    labels = {value: str(label) for value, label in IncidentType.choices}
    rows = worksite.incidents.values_list("uuid", "type", "occurred_at", "place")
    for uuid, type_, occurred_at, place in rows:
        yield Entry(occurred_at, "incident", labels.get(type_, type_), place, incident_url(uuid))


def filing_entries(worksite):
    for filing in worksite.filings.all():
        yield Entry(
            _start_of(filing.filed_on), "filing", _("Filed with %s") % filing.agency_label, filing.case_number
        )
        if filing.closed_on:
            yield Entry(
                _start_of(filing.closed_on),
                "filing",
                _("Closed at %s") % filing.agency_label,
                filing.case_number,
            )


def activity_entries(worksite):
    for activity in worksite.protected_activities.all():
        yield Entry(_start_of(activity.date), "activity", activity.get_kind_display(), activity.description)


SOURCES = [stage_entries, incident_entries, filing_entries, activity_entries]


def timeline(worksite):
    """Every dated record of the worksite, newest first."""
    entries = [entry for source in SOURCES for entry in source(worksite)]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)

