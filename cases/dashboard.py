"""The home page's cases panel: incidents per month by type and worksites by stage as server-rendered
SVG charts, and the latest incidents (deadlines have the platform's own panel: cases/deadlines.py feeds it).

The charts' geometry comes from power_campaign/charts.py, what they count from here; templates/charts/
draws them. Each chart is one aggregate query.

The incidents chart reads the monthly counts kept as incidents are written (IncidentCount): at most
MONTHS rows per type, whatever the number of incidents.
"""

from django.db.models import Count, Sum
from django.utils import timezone

from power_campaign import charts
from power_campaign.accounts.models import Organization, Role

from .models import Incident, IncidentCount, IncidentType, Referral, Stage, Worksite

READS = ("cases",)  # the apps whose records these panels show (power_campaign/dashboard.py)

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

# Chart geometry, in viewBox units.
MONTH_PLOT = charts.Plot(left=40, right=394, top=16, bottom=200)  # room above for the totals
MONTH_HEIGHT = 236  # two lines of month labels under the plot
STAGE_ROW = 36  # a label line, then the bar
STAGE_BAR_MAX = 330  # labels sit above the bars (long stage names fit a phone), the count to the right


class Series(charts.Series):
    """An incident type's series."""

    @property
    def type(self):
        return self.key


class MonthBar(charts.Column):
    @property
    def month(self):
        return self.key


class StageBar(charts.Bar):
    @property
    def stage(self):
        return self.key


def incidents_by_month(organization_ids, today):
    """Incidents of the last MONTHS months (this one included) by month and type, in the organizations
    `organization_ids` (None: all of them): one query of their kept counts. A month is a month of the desk's
    time zone; anything dated after this month falls outside the chart."""
    months = charts.month_starts(today, MONTHS)
    cells = IncidentCount.objects.filter(month__gte=months[0], month__lte=months[-1])
    if organization_ids is not None:
        cells = cells.filter(organization__in=organization_ids)
    rows = cells.values_list("month", "type").annotate(total=Sum("count")).order_by()
    counts = {(month, type_): total for month, type_, total in rows if total}

    series = []
    for value, label in IncidentType.choices:
        total = sum(count for (_month, type_), count in counts.items() if type_ == value)
        if total:
            series.append(Series(value, label, TYPE_COLORS[value], total))

    return charts.monthly_chart(
        months,
        series,
        lambda month, s: counts.get((month, s.key), 0),
        plot=MONTH_PLOT,
        height=MONTH_HEIGHT,
        column=MonthBar,
    )


def worksites_by_stage(worksites):
    """How many worksites are at each stage (every stage listed, in order): one query."""
    rows = worksites.values("current_stage").annotate(count=Count("*")).order_by()
    counts = {row["current_stage"]: row["count"] for row in rows}
    return charts.bar_chart(
        [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        max_width=STAGE_BAR_MAX,
        row_height=STAGE_ROW,
        bar=StageBar,
    )


def legal_panel(user):
    """Legal staff's queue at a glance: referrals per status (one query) and how many they hold."""
    referrals = Referral.objects.for_user(user, roles=[Role.LEGAL])
    open_statuses = [Referral.Status.OPEN, Referral.Status.IN_REVIEW, Referral.Status.ACCEPTED]
    return {
        "counts": referrals.status_counts(),
        "assigned_to_me": referrals.filter(assigned_to=user, status__in=open_statuses).count(),
    }


def panels(request):
    user = request.user
    worksites = Worksite.objects.for_user(user)
    incidents = Incident.objects.for_user(user)
    found = []
    if user.has_role(Role.LEGAL):
        found.append(("cases/dashboard/legal_panel.html", legal_panel(user)))
    context = {
        "can_log": bool(user.roles()),
        "incidents_by_month": incidents_by_month(
            Organization.objects.ids_for_user(user), timezone.localdate()
        ),
        "worksites_by_stage": worksites_by_stage(worksites),
        "latest_incidents": list(
            incidents.select_related("worksite")
            .defer("search_vector", "worksite__search_vector", "worksite__notes")
            .order_by("-occurred_at", "-pk")[:LATEST_INCIDENTS]
        ),
    }
    return [*found, ("cases/dashboard/panel.html", context)]
