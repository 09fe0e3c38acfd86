"""Reports: certifying agencies in practice (legal staff), and the anonymized evidence for expanding
eligibility (coalition staff).

Small-cell suppression (`suppress`): no count of 1 to 4 people is shown. Every published total is the
sum of the cells under it (each person is counted in exactly one cell), so a total minus the shown cells
would give a withheld cell back: wherever a line (a row with its total, a column with its total, the
cells of one incident type with that type's total) has exactly one withheld member, the smallest other
non-zero member is withheld too, and this is repeated until no line has exactly one. A withheld cell may
therefore hold 5 or more; pages and CSV files say "withheld", never "fewer than 5". Zero is shown (it
names nobody). The report has no filters, so no second table can be subtracted from this one.
"""

import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cases.models import IncidentType
from power_campaign.accounts.models import Role

from .models import CertificationRequest, CertifyingAgency, ClientCase, Finding, RequestStatus

MIN_CELL = 5

# Agencies in practice

SENT_STATUSES = [RequestStatus.SENT, RequestStatus.SIGNED, RequestStatus.DECLINED]
AGENCY_SORTS = ("name", "sent", "signed", "declined", "pending", "median_days")


def median(values):
    """The median of `values` (the mean of the two middle ones for an even count), or None if empty."""
    values = list(values)
    return statistics.median(values) if values else None


@dataclass
class AgencyRow:
    agency: CertifyingAgency
    sent: int
    signed: int
    declined: int
    pending: int
    median_days: float | None

    @property
    def name(self):
        return self.agency.label  # in the reader's language; the CSV export keeps the stored name


def agency_stats(user, sort="name"):
    """Per certifying agency asked at least once by the user's organizations (legal staff and
    administrators; coalition staff: every organization): requests sent, signed, declined, pending (sent,
    no answer yet) and the median days from sending to the answer. Two queries. Counts cover the whole
    organization, whoever the cases are assigned to: they name no client."""
    requests = CertificationRequest.objects.in_organizations_of(user, roles=[Role.LEGAL, Role.ADMIN])
    counts = (
        requests.order_by()
        .values("agency")
        .annotate(
            sent=Count("pk", filter=Q(status__in=SENT_STATUSES)),
            signed=Count("pk", filter=Q(status=RequestStatus.SIGNED)),
            declined=Count("pk", filter=Q(status=RequestStatus.DECLINED)),
            pending=Count("pk", filter=Q(status=RequestStatus.SENT)),
        )
    )
    answered = requests.filter(
        status__in=[RequestStatus.SIGNED, RequestStatus.DECLINED],
        sent_on__isnull=False,
        decided_on__isnull=False,
    ).values_list("agency", "sent_on", "decided_on")
    days = {}
    for agency_id, sent_on, decided_on in answered:
        days.setdefault(agency_id, []).append((decided_on - sent_on).days)
    agencies = CertifyingAgency.objects.in_bulk([row["agency"] for row in counts])
    rows = [
        AgencyRow(
            agencies[row["agency"]],
            row["sent"],
            row["signed"],
            row["declined"],
            row["pending"],
            median(days.get(row["agency"], [])),
        )
        for row in counts
    ]
    return sort_rows(rows, sort)


def sort_rows(rows, sort):
    """`sort` is a column of AGENCY_SORTS, "-" first for the largest first; unknown: by name. Rows
    without a median go last either way; ties by name."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in AGENCY_SORTS:
        key, descending = "name", False
    rows = sorted(rows, key=lambda row: row.name.lower())
    if key == "name":
        return sorted(rows, key=lambda row: row.name.lower(), reverse=descending)
    known = [row for row in rows if getattr(row, key) is not None]
    unknown = [row for row in rows if getattr(row, key) is None]
    return sorted(known, key=lambda row: getattr(row, key), reverse=descending) + unknown


# Evidence for expanding eligibility

QUALIFYING = "qualifying"
HARMFUL_NO_FIT = "harmful_no_fit"
TOTAL = "total"
MEASURES = (QUALIFYING, HARMFUL_NO_FIT)
MEASURE_LABELS = {
    QUALIFYING: _("Maps to a current qualifying activity"),
    HARMFUL_NO_FIT: _("Harmful, but fits no qualifying activity"),
    TOTAL: _("Total"),
}


def suppress(values, lines, minimum=MIN_CELL):
    """The keys of `values` to withhold: every count from 1 to minimum - 1, then, for each line (a list
    of keys whose values add up: parts and their total alike) with exactly one withheld member, the
    smallest other non-zero member too, until no line has exactly one."""
    withheld = {key for key, value in values.items() if 0 < value < minimum}
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [key for key in line if key in withheld]
            if len(hidden) != 1:
                continue
            candidates = [key for key in line if key not in withheld and values[key] > 0]
            if candidates:
                withheld.add(min(candidates, key=lambda key: (values[key], str(key))))
                changed = True
    return withheld


def outcome(case):
    """QUALIFYING if the screening chose any qualifying activity; HARMFUL_NO_FIT if it chose none but the
    harm was found (or, before a screening, harm was recorded at intake); else None (not counted)."""
    if case.activity_count:
        return QUALIFYING
    screening = getattr(case, "screening", None)
    if screening is not None:
        return HARMFUL_NO_FIT if screening.harm == Finding.MET else None
    return HARMFUL_NO_FIT if case.harm_types else None


def first_incident(case):
    incidents = list(case.incidents.all())
    if case.referral_id:
        incidents.append(case.referral.incident)
    return min(incidents, key=lambda incident: (incident.occurred_at, incident.pk), default=None)


def person_cells(cases):
    """{(type, state, year): {measure: people}}: each client counted once, under the earliest incident
    linked to the case (or its referral's); clients with no incident or no outcome are left out."""
    cells = {}
    for case in cases:
        found = outcome(case)
        incident = first_incident(case)
        if found is None or incident is None:
            continue
        key = (incident.type, incident.worksite.state, incident.occurred_at.year)
        cells.setdefault(key, dict.fromkeys(MEASURES, 0))[found] += 1
    return cells


def eligibility_cases():
    """Every organization's U-visa cases (coalition staff, anonymized: only types, states, years and
    outcomes leave this module)."""
    return (
        ClientCase.objects.annotate(activity_count=Count("activities"))
        .select_related("screening", "referral__incident__worksite")
        .prefetch_related("incidents__worksite")
    )


@dataclass
class Cell:
    value: int
    withheld: bool

    def __str__(self):
        return str(_("withheld")) if self.withheld else str(self.value)


def eligibility_table(cells):
    """The published table: rows (type, type label, state, year, {measure: Cell}) with a total per row,
    totals per incident type and overall, with small cells and their complements withheld."""
    values = {}
    lines = []
    types = {}
    for (kind, state, year), counts in cells.items():
        row = (kind, state, year)
        for measure in MEASURES:
            values[(row, measure)] = counts[measure]
        values[(row, TOTAL)] = sum(counts.values())
        lines.append([(row, measure) for measure in (*MEASURES, TOTAL)])
        types.setdefault(kind, []).append(row)
    for kind, rows in types.items():
        for measure in (*MEASURES, TOTAL):
            values[(("type", kind), measure)] = sum(values[(row, measure)] for row in rows)
            lines.append([*((row, measure) for row in rows), (("type", kind), measure)])
        lines.append([(("type", kind), measure) for measure in (*MEASURES, TOTAL)])
    for measure in (*MEASURES, TOTAL):
        values[("all", measure)] = sum(values[(row, measure)] for row in cells)
        lines.append([*((row, measure) for row in cells), ("all", measure)])
        lines.append([*((("type", kind), measure) for kind in types), ("all", measure)])
    lines.append([("all", measure) for measure in (*MEASURES, TOTAL)])
    withheld = suppress(values, lines)

    def shown(key):
        return Cell(values[key], key in withheld)

    labels = dict(IncidentType.choices)
    order = {value: index for index, value in enumerate(IncidentType.values)}
    rows = [
        {
            "type": kind,
            "type_label": labels.get(kind, kind),
            "state": state,
            "year": year,
            "cells": {measure: shown(((kind, state, year), measure)) for measure in (*MEASURES, TOTAL)},
        }
        for kind, state, year in sorted(cells, key=lambda row: (order.get(row[0], 99), row[1], row[2]))
    ]
    by_type = [
        {
            "type": kind,
            "type_label": labels.get(kind, kind),
            "cells": {measure: shown((("type", kind), measure)) for measure in (*MEASURES, TOTAL)},
        }
        for kind in sorted(types, key=lambda kind: order.get(kind, 99))
    ]
    totals = {measure: shown(("all", measure)) for measure in (*MEASURES, TOTAL)}
    for row in [*rows, *by_type]:
        row["columns"] = [(MEASURE_LABELS[m], row["cells"][m]) for m in (*MEASURES, TOTAL)]
    total_columns = [(MEASURE_LABELS[m], totals[m]) for m in (*MEASURES, TOTAL)]
    return {"rows": rows, "by_type": by_type, "totals": totals, "total_columns": total_columns}


def may_see_eligibility(user):
    """Coalition staff who work on legal matters: coalition-wide legal staff and administrators."""
    return user.is_authenticated and user.coalition_role in (Role.LEGAL, Role.ADMIN)
