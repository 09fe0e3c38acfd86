"""The home page's cases panel: incidents per month by type and worksites by stage as server-rendered
SVG charts, and the latest incidents (deadlines have the platform's own panel: cases/deadlines.py feeds it).

The charts' geometry comes from power_campaign/charts.py, what they count from here; templates/charts/
draws them. Each chart is one aggregate query.

The incidents chart counts a year of incidents across the user's organizations (a coalition's big locals
hold tens of thousands), so each organization's monthly counts are kept in the cache (shared by every
process: Redis in production) and counted again only after that organization's incidents change: any
save or delete of an incident, and `create_children`, call `incidents_changed` (power_campaign/freshness.py).
The months before this one and this month are kept apart: an incident logged today, dated this month (what
organizers do all day), has this month counted again, not the eleven before it (topic "incidents-this-month");
anything else (an edit, a deletion, a backdated incident, an import) has both counted again (topic
"incidents" too). The counts expire after CHART_CACHE_SECONDS anyway, for writes that bypass the ORM (a
restore).
"""

import datetime
import itertools

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from power_campaign import charts, freshness
from power_campaign.accounts.models import Organization, Role

from .models import Incident, IncidentType, Referral, Stage, Worksite

READS = ("cases",)  # the apps whose records these panels show (power_campaign/dashboard.py)

MONTHS = 12
CHART_CACHE_SECONDS = 3600
INCIDENTS = "incidents"  # the freshness topic of the monthly counts: every month's
THIS_MONTH = "incidents-this-month"  # this month's only: a new incident dated this month
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


def _month_bounds(months):
    """Local midnight at the start of each month of `months`, and at the end of the last: aware datetimes."""
    last = months[-1]
    following = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return [
        timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in [*months, following]
    ]


def incidents_changed(organization_ids, *, this_month_only=False):
    """These organizations' incidents changed: their monthly counts are counted again when next shown (only
    this month's when the change is known to touch no other month)."""
    freshness.changed(THIS_MONTH, organization_ids, *([] if this_month_only else [INCIDENTS]))


def _this_month_starts():
    """Local midnight on the first day of the current month: an aware datetime."""
    first = timezone.localdate().replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))


def _monthly_counts(organization_ids, bounds):
    """{organization id: {(month index, type): count}}: each organization's counts of the months before this
    one and of this one, from the cache, and one query for each of the two where some are not in it."""
    versions = freshness.versions_of([INCIDENTS, THIS_MONTH], organization_ids)
    months = f"{bounds[0]:%Y-%m}:{len(bounds)}:{settings.TIME_ZONE}"
    # (index of the first month, its bounds) of each part; this month's changes with either topic.
    parts = {INCIDENTS: (0, bounds[:-1]), THIS_MONTH: (len(bounds) - 2, bounds[-2:])}
    keys = {
        (topic, pk): f"cases:incident-counts:{topic}:{pk}:{versions[topic, pk]}:{months}"
        for topic in parts
        for pk in organization_ids
    }
    cached = cache.get_many(keys.values())
    found = {pair: cached[key] for pair, key in keys.items() if key in cached}
    for topic, (offset, span) in parts.items():
        missing = [pk for pk in organization_ids if (topic, pk) not in found]
        if missing:
            counted = _count(missing, span, offset)
            cache.set_many({keys[topic, pk]: counts for pk, counts in counted.items()}, CHART_CACHE_SECONDS)
            found |= {(topic, pk): counts for pk, counts in counted.items()}
    return {pk: found[INCIDENTS, pk] | found[THIS_MONTH, pk] for pk in organization_ids}


def _count(organization_ids, bounds, offset):
    """{organization id: {(offset + month index, type): count}} of the months between `bounds`: one query."""
    counted = {pk: {} for pk in organization_ids}
    if len(bounds) < 2:
        return counted
    rows = (
        Incident.objects.filter(worksite__organization__in=organization_ids)
        .filter(occurred_at__gte=bounds[0], occurred_at__lt=bounds[-1])
        .values("worksite__organization", "type")
        .annotate(
            **{
                f"m{index}": Count("occurred_at", filter=Q(occurred_at__gte=start, occurred_at__lt=end))
                for index, (start, end) in enumerate(itertools.pairwise(bounds))
            }
        )
        .order_by()
    )
    for row in rows:
        for index in range(len(bounds) - 1):
            if row[f"m{index}"]:
                counted[row["worksite__organization"]][offset + index, row["type"]] = row[f"m{index}"]
    return counted


def incidents_by_month(organization_ids, today):
    """Incidents of the last MONTHS months (this one included) by month and type, in the organizations
    `organization_ids`: each organization's counts from the cache, one query for those not in it.

    Each month is a range of occurred_at (from local midnight on its first day), counted per type with a
    filtered COUNT: the (occurred_at) covering index serves it, and no time-zone conversion or month
    truncation runs per row. Anything dated after this month falls outside the chart.
    """
    months = charts.month_starts(today, MONTHS)
    counts = {}
    for by_month in _monthly_counts(organization_ids, _month_bounds(months)).values():
        for (index, type_), count in by_month.items():
            counts[months[index], type_] = counts.get((months[index], type_), 0) + count

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


def _organization_ids(user):
    """The organizations whose incidents `user` may see (Incident.objects.for_user's scope), as ids."""
    ids = Organization.objects.ids_for_user(user)
    return sorted(Organization.objects.values_list("pk", flat=True)) if ids is None else sorted(ids)


def incident_written(sender, instance, created=False, **kwargs):
    """post_save and post_delete of an Incident: its organization's monthly counts are counted again, only
    this month's for a new incident dated this month (or later: the chart ends with this month)."""
    if Incident._meta.get_field("worksite").is_cached(instance):
        organization_id = instance.worksite.organization_id
    else:
        organization_id = (
            Worksite.objects.filter(pk=instance.worksite_id).values_list("organization", flat=True).first()
        )
    if organization_id is not None:
        this_month = created and instance.occurred_at >= _this_month_starts()
        incidents_changed([organization_id], this_month_only=this_month)


def panels(request):
    user = request.user
    worksites = Worksite.objects.for_user(user)
    incidents = Incident.objects.for_user(user)
    found = []
    if user.has_role(Role.LEGAL):
        found.append(("cases/dashboard/legal_panel.html", legal_panel(user)))
    context = {
        "can_log": bool(user.roles()),
        "incidents_by_month": incidents_by_month(_organization_ids(user), timezone.localdate()),
        "worksites_by_stage": worksites_by_stage(worksites),
        "latest_incidents": list(
            incidents.select_related("worksite")
            .defer("search_vector", "worksite__search_vector", "worksite__notes")
            .order_by("-occurred_at", "-pk")[:LATEST_INCIDENTS]
        ),
    }
    return [*found, ("cases/dashboard/panel.html", context)]
