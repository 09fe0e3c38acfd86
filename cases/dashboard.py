"""The home page's cases panel: incidents per month by type and worksites by stage as server-rendered
SVG charts, and the latest incidents (deadlines have the platform's own panel: cases/deadlines.py feeds it).

The charts' geometry is computed here and drawn by templates/cases/dashboard/ (no script: the site's
Content-Security-Policy forbids inline scripts and styles). Each chart is one aggregate query.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Incident, IncidentType, Stage, Worksite

MONTHS = 12
LATEST_INCIDENTS = 8

# One colour per incident type, fixed so that a type keeps its colour whatever else is charted.
# Paul Tol's "muted" scheme (distinguishable with the common colour-vision deficiencies), an orange
# and a grey; segments are also separated by a white line, and the legend and table carry the names.
TYPE_COLORS = {
    IncidentType.ICE_VISIT: "#882255",
    IncidentType.I9_NOTICE: "#CC6677",
    IncidentType.EVERIFY: "#DDCC77",
    IncidentType.NO_MATCH: "#999933",
    IncidentType.IMMIGRATION_THREAT: "#AA4499",
    IncidentType.RETALIATION: "#332288",
    IncidentType.WAGE_THEFT: "#117733",
    IncidentType.UNSAFE: "#44AA99",
    IncidentType.ASSAULT: "#88CCEE",
    IncidentType.SURVEILLANCE: "#E69F00",
    IncidentType.OTHER: "#999999",
}

# Chart geometry, in viewBox units. The SVGs scale to the card's width (390 px phones included).
WIDTH = 400
MONTH_PLOT = {"left": 40, "right": 394, "top": 16, "bottom": 200}  # room above for the totals
MONTH_HEIGHT = 236  # two lines of month labels under the plot
STAGE_ROW = 36  # a label line, then the bar
STAGE_BAR_MAX = 330  # labels sit above the bars (long stage names fit a phone), the count to the right


def month_starts(today, count=MONTHS):
    """The first day of each of the last `count` months, oldest first, the current month last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def axis(value, intervals=5):
    """Values for the axis: 0 to the first multiple of a step of 1, 2, 5, 10, 20, 50, ... at or above
    `value`, in at most `intervals` steps (0 and 1 when there is nothing)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if -(-value // step) <= intervals:
                top = max(-(-value // step), 1) * step
                return list(range(0, top + 1, step))
        magnitude *= 10


@dataclass
class Series:
    type: str
    label: str
    color: str
    total: int


@dataclass
class Segment:
    series: Series
    count: int
    y: float
    height: float


@dataclass
class MonthBar:
    month: datetime.date
    x: float
    width: float
    center: float
    total: int
    top: float  # where the stack ends (the total is written just above)
    cells: list = field(default_factory=list)  # counts in legend (series) order
    segments: list = field(default_factory=list)  # drawn bottom up, zero counts left out


def incidents_by_month(incidents, today):
    """Incidents of the last MONTHS months (this one included) by month and type: one query."""
    months = month_starts(today)
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    rows = (
        incidents.filter(occurred_at__gte=since)
        .annotate(month=TruncMonth("occurred_at"))
        .values("month", "type")
        .annotate(count=Count("*"))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = timezone.localtime(row["month"]).date()
        if month in months:  # anything dated in the future falls outside the chart
            counts[month, row["type"]] = row["count"]

    series = []
    for value, label in IncidentType.choices:
        total = sum(count for (_month, type_), count in counts.items() if type_ == value)
        if total:
            series.append(Series(value, label, TYPE_COLORS[value], total))

    plot = MONTH_PLOT
    totals = [sum(counts.get((month, s.type), 0) for s in series) for month in months]
    values = axis(max(totals, default=0))
    scale = (plot["bottom"] - plot["top"]) / values[-1]
    slot = (plot["right"] - plot["left"]) / len(months)
    bar_width = round(slot * 0.7, 2)
    bars = []
    for index, (month, total) in enumerate(zip(months, totals, strict=True)):
        x = plot["left"] + index * slot + (slot - bar_width) / 2
        center = round(x + bar_width / 2, 2)
        bar = MonthBar(month, round(x, 2), bar_width, center, total, round(plot["bottom"] - total * scale, 2))
        stacked = 0
        for s in series:
            count = counts.get((month, s.type), 0)
            bar.cells.append(count)
            if count:
                height = count * scale
                y = plot["bottom"] - stacked - height
                bar.segments.append(Segment(s, count, round(y, 2), round(height, 2)))
                stacked += height
        bars.append(bar)
    return {
        "months": bars,
        "series": series,
        "total": sum(totals),
        "first": months[0],
        "last": months[-1],
        "ticks": [(value, round(plot["bottom"] - value * scale, 2)) for value in values],
        "width": WIDTH,
        "height": MONTH_HEIGHT,
        "plot": plot,
    }


@dataclass
class StageBar:
    stage: str
    label: str
    count: int
    width: float
    label_y: float
    bar_y: float
    count_x: float


def worksites_by_stage(worksites):
    """How many worksites are at each stage (every stage listed, in order): one query."""
    rows = worksites.values("current_stage").annotate(count=Count("*")).order_by()
    counts = {row["current_stage"]: row["count"] for row in rows}
    top = max(counts.values(), default=0)
    bars = []
    for index, (value, label) in enumerate(Stage.choices):
        count = counts.get(value, 0)
        width = round(count / top * STAGE_BAR_MAX, 2) if top else 0
        if count and width < 2:
            width = 2  # a small count stays visible next to a big one
        top_y = index * STAGE_ROW
        bars.append(StageBar(value, label, count, width, top_y + 13, top_y + 18, width + 6))
    return {
        "bars": bars,
        "total": sum(counts.values()),
        "width": WIDTH,
        "height": len(bars) * STAGE_ROW,
        "bar_height": 14,
    }


def panels(request):
    user = request.user
    worksites = Worksite.objects.for_user(user)
    incidents = Incident.objects.for_user(user)
    context = {
        "incidents_by_month": incidents_by_month(incidents, timezone.localdate()),
        "worksites_by_stage": worksites_by_stage(worksites),
        "latest_incidents": list(
            incidents.select_related("worksite").order_by("-occurred_at", "-pk")[:LATEST_INCIDENTS]
        ),
    }
    return [("cases/dashboard/panel.html", context)]
