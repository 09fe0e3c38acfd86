"""The deadlines the law sets after an incident (an I-9 notice of inspection...), from the DeadlineRule
reference data: the cases app's provider for the platform's deadline engine (power_campaign.deadlines).

It answers for the dashboard (no subject: deadlines still to come), for a worksite and for an incident.
"""

import datetime
import functools
import operator

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from power_campaign import zones
from power_campaign.deadlines import Deadline, Soonest, add_business_days, is_business_day

from .models import DeadlineRule, Incident, Worksite

READS = ("cases",)  # the apps whose records these deadlines come from (power_campaign/dashboard.py)


def due(rule, occurred_at, zone):
    """When `rule`'s deadline falls for an incident at `occurred_at` at a worksite in `zone` (a ZoneInfo),
    as a time of that zone: hours run on the clock, business days on the worksite's calendar (weekends and
    federal holidays skipped) from the incident's local date, keeping its local time of day."""
    if rule.unit == DeadlineRule.Unit.HOURS:
        return zones.in_zone(occurred_at + datetime.timedelta(hours=rule.amount), zone)
    return zones.in_zone(add_business_days(occurred_at, rule.amount, zone), zone)


def rule_applies(rule, incident):
    return rule.incident_type == incident.type and rule.state in ("", incident.worksite.state)


def incident_deadlines(incidents, rules=None, *, open_at=None, soonest=None):
    """The deadlines triggered by `incidents` (each with its worksite and organization loaded), unsorted;
    with `open_at`, only those that have not passed by then (the others are never built); with `soonest=n`,
    the n soonest as a Soonest (only those n are built)."""
    rules = rules if rules is not None else DeadlineRule.objects.every()
    spanish = get_language() == "es"
    found = []
    for incident in incidents:
        for rule in rules:
            if not rule_applies(rule, incident):
                continue
            when = due(rule, incident.occurred_at, incident.worksite.zone)
            if open_at is not None and when <= open_at:  # `due` keeps the time of day: passed
                continue
            found.append((when, rule.label_es if spanish else rule.label, incident, rule))
    if soonest is not None:  # in soonest_first's order: due, label, then the URL (the incident's uuid)
        found.sort(key=lambda row: (row[0], row[1], str(row[2].uuid)))
        return Soonest([_deadline(*row) for row in found[:soonest]], later=max(len(found) - soonest, 0))
    return [_deadline(*row) for row in found]


def _deadline(when, label, incident, rule):
    return Deadline(
        due=when,
        label=label,
        rule=rule.code,
        source=rule.source,
        record=str(incident),
        url=incident.get_absolute_url(),
        organization=incident.worksite.organization,
        about=incident.worksite.display_name,
    )


def earliest_open(rule, now):
    """The earliest occurred_at whose deadline under `rule` is still to come at `now` (or a little earlier):
    what the dashboard reads. Hours: exactly `now` minus them. Business days: the start of the day X with
    `rule.amount` business days in [X, today); an incident dated before X has at least that many business
    days between it and today, so its deadline fell before today. Worksites' calendars differ from the
    desk's by hours: X is taken a day earlier (a few more incidents read, whose deadlines are then
    worked out exactly)."""
    if rule.unit == DeadlineRule.Unit.HOURS:
        return now - datetime.timedelta(hours=rule.amount)
    day, counted = timezone.localdate(now), 0
    while counted < rule.amount:
        day -= datetime.timedelta(days=1)
        counted += is_business_day(day)
    day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def still_open(rules, moment, *, by_state=True):
    """Per rule, only the incidents recent enough to have that rule's deadline not yet passed at `moment`
    (and, `by_state`, in its state: the caller may have kept only the rules of the incidents' state)."""
    return functools.reduce(
        operator.or_,
        (
            Q(type=rule.incident_type, occurred_at__gte=earliest_open(rule, moment))
            & (Q(worksite__state=rule.state) if rule.state and by_state else Q())
            for rule in rules
        ),
    )


def deadlines(user, *, subject=None, now, soonest=None, since=None):
    """The provider: without a subject, the deadlines still to come (only incidents recent enough to have
    one are read: a few days' worth, so `soonest` takes them from those); for a worksite or an incident,
    all of its deadlines, past ones included, or with `since` those not passed by then."""
    if isinstance(subject, Worksite):
        return worksite_deadlines(user, subject, since)
    rules = DeadlineRule.objects.every()
    if not rules:
        return []
    incidents = (
        Incident.objects.for_user(user)
        .filter(type__in={rule.incident_type for rule in rules})
        .select_related("worksite__organization")
        .defer("search_vector", "description", "worksite__search_vector", "worksite__notes")
    )
    if subject is None:
        recent = incidents.filter(still_open(rules, now))
        return incident_deadlines(recent, rules, open_at=now, soonest=soonest)
    if isinstance(subject, Incident):
        incidents = incidents.filter(pk=subject.pk)
    else:
        return []
    if since is not None:
        incidents = incidents.filter(still_open(rules, since))
    return incident_deadlines(incidents, rules, open_at=since)


def worksite_deadlines(user, worksite, since):
    """A worksite's (its page): the worksite is in hand with its organization, so the access check is the
    user's role there, only its state's rules apply, and its incidents are read by its key alone."""
    rules = worksite.deadline_rules
    if not rules or not Worksite.objects.user_may_see(user, worksite):
        return []
    incidents = Incident.objects.filter(
        worksite=worksite, type__in={rule.incident_type for rule in rules}
    ).defer("search_vector", "description")
    if since is not None:
        incidents = incidents.filter(still_open(rules, since, by_state=False))
    incidents = list(incidents.order_by())
    for incident in incidents:
        incident.worksite = worksite
    return incident_deadlines(incidents, rules, open_at=since)
