"""The retaliation chronology: protected activity set against the employer's adverse actions.

Protected activity is what the law protects: the organizing steps of the stage history (not "lost" or
"dormant"), filings with government agencies (on the date filed) and the protected activities organizers
log (complaints, petitions, strikes, testimony). Adverse actions are incidents whose type is in
ADVERSE_TYPES. Each adverse action is set against the latest protected activity on or before its day,
with the calendar days between them (0 = the same day): the temporal proximity advocates present.

Pure functions of the worksite's records: one query per source (or none when the caller prefetched
`stage_changes`, `filings`, `protected_activities` and `incidents`), nothing written.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ADVERSE_TYPES, IncidentType, Stage

PROTECTED = "protected"
ADVERSE = "adverse"
# Adverse actions this many days or fewer after protected activity are counted in the summary.
WINDOWS = (30, 90)

NOT_PROTECTED_STAGES = {Stage.LOST, Stage.DORMANT}


@dataclass
class Row:
    date: datetime.date
    side: str  # PROTECTED or ADVERSE
    source: str  # stage, filing, activity, incident
    label: str
    detail: str = ""
    url: str = ""
    # Adverse actions only: the latest protected activity on or before `date`, and the days since it.
    since: "Row | None" = None
    days: int | None = None
    # Orders rows of the same day and side: an incident's time, then the record's creation.
    order: tuple = ()

    @property
    def is_adverse(self):
        return self.side == ADVERSE


@dataclass(frozen=True)
class Summary:
    adverse: int  # adverse actions in all
    within: dict  # {30: n, 90: n}: adverse actions that many days or fewer after protected activity
    without_prior: int  # adverse actions with no protected activity on or before them


def _protected_rows(worksite):
    for change in worksite.stage_changes.all():
        if change.stage not in NOT_PROTECTED_STAGES:
            yield Row(
                change.date,
                PROTECTED,
                "stage",
                _("Organizing step: %s") % change.get_stage_display(),
                change.note,
                order=(0, change.recorded_at, change.pk),
            )
    for filing in worksite.filings.all():
        label = _("Filed with %s") % filing.agency_label
        if filing.case_number:
            label = f"{label} {filing.case_number}"
        # The filing's notes are internal: they stay out of the chronology.
        yield Row(filing.filed_on, PROTECTED, "filing", label, order=(1, filing.created_at, filing.pk))
    for activity in worksite.protected_activities.all():
        yield Row(
            activity.date,
            PROTECTED,
            "activity",
            activity.get_kind_display(),
            activity.description,
            order=(2, activity.created_at, activity.pk),
        )


def _adverse_rows(worksite):
    adverse_types = set(ADVERSE_TYPES)
    for incident in worksite.incidents.all():
        if incident.type in adverse_types:
            occurred = timezone.localtime(incident.occurred_at, worksite.zone)
            yield Row(
                occurred.date(),
                ADVERSE,
                "incident",
                incident.get_type_display(),
                incident.description or incident.place,
                incident.get_absolute_url(),
                order=(3, occurred, incident.pk),
            )


def chronology(worksite):
    """The worksite's protected activity and adverse actions, oldest first.

    On the same day protected activity comes first (it is "on or before" an adverse action that day).
    An incident's day is its day at the worksite (the worksite's time zone), as everywhere in the desk.
    """
    rows = sorted(
        [*_protected_rows(worksite), *_adverse_rows(worksite)],
        key=lambda row: (row.date, row.side != PROTECTED, row.order),
    )
    latest = None
    for row in rows:
        if row.side == PROTECTED:
            latest = row
        elif latest is not None:
            row.since, row.days = latest, (row.date - latest.date).days
    return rows


def summarize(rows):
    """How many adverse actions came within 30 and 90 days after protected activity."""
    adverse = [row for row in rows if row.side == ADVERSE]
    measured = [row.days for row in adverse if row.days is not None]
    return Summary(
        adverse=len(adverse),
        within={window: sum(1 for days in measured if days <= window) for window in WINDOWS},
        without_prior=len(adverse) - len(measured),
    )


def method_note(worksite):
    """How the chronology is put together, in the active language: printed under every chronology."""
    types = ", ".join(str(IncidentType(value).label) for value in ADVERSE_TYPES)
    return [
        _(
            "Protected activity: the organizing steps in the worksite's stage history (a drive recorded "
            "as lost or dormant is not counted), filings with government agencies on the day they were "
            "filed, and the other protected activity the organizers recorded (meetings, complaints to the "
            "employer, petitions, strikes, testimony)."
        ),
        _("Adverse actions: the incidents recorded as %(types)s.") % {"types": types},
        _(
            "Days are calendar days from the latest protected activity on or before the day of the adverse "
            "action (0 means the same day). Dates are those of the %(zone)s time zone."
        )
        % {"zone": worksite.time_zone},
        _(
            "The summary counts the adverse actions that came %(short)s or fewer, and %(long)s or fewer, "
            "days after protected activity. Only what was recorded in the case desk is listed: the "
            "chronology shows timing; it does not by itself show why the employer acted."
        )
        % {"short": WINDOWS[0], "long": WINDOWS[1]},
    ]
