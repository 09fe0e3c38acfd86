"""The home page's panels: the platform's deadlines panel, then those the domain apps contribute.

An app with a `dashboard` module exposing `panels(request)` adds panels to the home page: each is a
(template name, context) pair, shown in the order of `hooks.collect`. The platform imports no domain app.

The panels add up thousands of records in a coalition's big locals, so their HTML is kept in the shared
cache (Redis or the file cache in production), per user, language and day, one app at a time: an app's
panels are made again as soon as the records they show change in one of the user's organizations. Every
change the services make records an audit event, which gives the organization a new version of the changed
record's app (power_campaign/freshness.py); a `dashboard` module names the topics of the records its
panels show in `READS` (its own app, and "<app>:existing" for another app's records it only names), and
its panels' key holds those topics' versions, and the platform's own ("accounts": organizations' names). A
module that names none is made again after any change at all. The deadlines panel is made of each
provider's soonest deadlines, kept the same way by the `READS` of its `deadlines` module: one app's
deadlines are not counted again because another app's records changed. docs/extending.md has examples.

A deadline passing is announced by no change: a part that shows deadlines is kept only until the first
of them passes (then shown as passed, or gone). PANEL_CACHE_SECONDS bounds the rest of what no change
announces (a write outside the services, as a restore). What is cached names workers and employers, so it
is encrypted with the field-encryption key: the cache holds nothing readable. A panel's template gets its
context as `panel`, and no request: it shows only what its context holds.

The task worker makes the panels ahead of their readers, so that a reader seldom waits for them: after each
change (an audit event, once its transaction commits) it makes again the parts that change made stale, for
every user of the organization who read their dashboard within READER_SECONDS, in the language they read it
in (`warm_after_change`: WARM_AFTER_SECONDS later, one task queued per organization at a time, after
packets); and just after midnight (TIME_ZONE: the day in the keys) it makes the new day's for every such
reader (`manage.py warm_dashboards --schedule` queues that nightly task; without --schedule the command
warms every reader's dashboard at once, after a restore for instance). A reader who comes before the worker
is done makes them, as without it.
"""

import contextlib
import datetime
import hashlib
import logging
import pickle

from cryptography.fernet import InvalidToken
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_tasks import task

from . import deadlines, freshness
from .accounts.models import Organization, User
from .crypto.fields import multifernet
from .hooks import app_modules

logger = logging.getLogger(__name__)

PANEL_CACHE_SECONDS = 3600
ACCOUNTS = "accounts"  # the platform's records every panel shows: organizations' names
READER_SECONDS = 14 * 24 * 3600  # the worker keeps the dashboard of a user who read it within this warm
WARM_AFTER_SECONDS = 5  # a warm-up waits this long after the change: a burst of changes costs one
WARM_QUEUED_SECONDS = 300  # a queued warm-up that no worker started within this is queued again
WARM_PRIORITY = -10  # after packets and the daily tasks: a reader ahead of the worker still gets a page


def reads(module):
    """The freshness topics of a hook module's answers: the apps it names in READS and the platform's
    accounts, or any change at all (freshness.DATA) when it names none."""
    named = getattr(module, "READS", None)
    return (freshness.DATA,) if named is None else (*named, ACCOUNTS)


class Panels:
    """One request's view of the cache: each part's key holds the user, what they may see, the language,
    the day and the versions of the topics the part is made from, in the user's organizations."""

    def __init__(self, request):
        self.request = request
        self.user = request.user
        organization_ids = Organization.objects.ids_for_user(self.user)
        self.scope = [*([freshness.ALL] if organization_ids is None else organization_ids), None]
        self.providers = app_modules("deadlines", having="deadlines")
        self.apps = app_modules("dashboard", having="panels")
        topics = {topic for module in [*self.providers, *self.apps] for topic in reads(module)}
        self.versions = freshness.versions_of(topics, self.scope)
        self.now = timezone.now()
        self.lifetimes = {}  # {part name: seconds}, for parts that must be made again sooner (`until_passed`)

    def key(self, name, topics):
        user, today = self.user, timezone.localdate(self.now).isoformat()
        versions = [self.versions[topic, pk] for topic in sorted(topics) for pk in self.scope]
        parts = (user.pk, user.access_key(), get_language(), today, versions)
        return f"dashboard:{name}:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    def cached(self, parts):
        """{name: value} for `parts`, {name: (topics, make)}: from the cache, else made and kept there."""
        keys = {name: self.key(name, topics) for name, (topics, _make) in parts.items()}
        tokens, found = cache.get_many(keys.values()), {}
        for name, key in keys.items():
            if (token := tokens.get(key)) is not None:
                with contextlib.suppress(InvalidToken):  # written with a key since retired: made again
                    found[name] = pickle.loads(multifernet().decrypt(token))  # noqa: S301 - ours, authenticated
        made = {name: make() for name, (_topics, make) in parts.items() if name not in found}
        for name, value in made.items():
            token = multifernet().encrypt(pickle.dumps(value))
            cache.set(keys[name], token, self.lifetimes.get(name, PANEL_CACHE_SECONDS))
        return {name: found.get(name, made.get(name)) for name in parts}

    def until_passed(self, name, deadlines):
        """Keep part `name` only until the first of `deadlines` still to come passes."""
        upcoming = [deadline.ends_at for deadline in deadlines if not deadline.passed_at(self.now)]
        if upcoming:
            seconds = int((min(upcoming) - self.now).total_seconds()) + 1
            self.lifetimes[name] = max(1, min(seconds, PANEL_CACHE_SECONDS))

    def provider_parts(self):
        """{name: (topics, make)} of each deadline provider's soonest deadlines."""
        n = deadlines.DASHBOARD_SHOWN

        def soonest(module):
            answer = module.deadlines(self.user, now=self.now, soonest=n)
            self.until_passed(module.__name__, answer)
            return answer

        return {module.__name__: (reads(module), lambda m=module: soonest(m)) for module in self.providers}

    def panel_parts(self):
        """{name: (topics, make)} of the deadlines panel (made from the providers' parts), then each app's
        panels, in the order they are shown."""
        provider_topics = {topic for module in self.providers for topic in reads(module)}
        parts = {"deadlines": (provider_topics, self.deadlines_html)}
        for module in self.apps:
            parts[module.__name__] = (reads(module), lambda m=module: render(*m.panels(self.request)))
        return parts

    def deadlines_html(self):
        answers = self.cached(self.provider_parts())
        shown, more = deadlines.merge_soonest(answers.values(), deadlines.DASHBOARD_SHOWN)
        self.until_passed("deadlines", shown)
        return render(deadlines.panel(shown, more, self.now))

    def html(self):
        """Every panel's HTML: the deadlines panel, then each app's panels."""
        return "".join(self.cached(self.panel_parts()).values())


def render(*panels):
    return render_to_string("dashboard_panels.html", {"panels": panels})


def rendered_panels(request):
    """The panels' HTML: each app's from the cache while the records it shows did not change, else made.
    The reader and their language are noted, for the worker to keep their dashboard warm."""
    cache.set(_reader_key(request.user.pk), get_language(), READER_SECONDS)
    return mark_safe(Panels(request).html())  # noqa: S308 - rendered by the template engine, which escaped it


# --- Made ahead by the task worker ----------------------------------------------------------------


def _reader_key(user_pk):
    return f"dashboard:reader:{user_pk}"


def _queued_key(organization_id):
    return f"dashboard:warm-queued:{organization_id}"


def readers(organization_id=freshness.ALL):
    """[(user, language)] of the active users who read their dashboard within READER_SECONDS and see the
    records of `organization_id`: its members and coalition staff (everyone for ALL or None, records of
    no organization)."""
    users = User.objects.filter(is_active=True)
    if organization_id not in (freshness.ALL, None):
        users = users.filter(Q(memberships__organization_id=organization_id) | ~Q(coalition_role=""))
    users = list(users.distinct().order_by("pk"))
    languages = cache.get_many([_reader_key(user.pk) for user in users])
    return [(user, languages[_reader_key(user.pk)]) for user in users if _reader_key(user.pk) in languages]


def warm(user, language):
    """Make whatever part of `user`'s dashboard in `language` the cache does not hold (as a read would)."""
    request = HttpRequest()
    request.user = user
    with translation.override(language):
        Panels(request).html()


@task(priority=WARM_PRIORITY)
def warm_dashboards_task(organization_id=freshness.ALL):
    """Warm the dashboards of `organization_id`'s readers (every reader for ALL). A reader's failure is
    logged and the others are still warmed: their page makes what is missing anyway."""
    cache.delete(_queued_key(organization_id))  # a change from now on queues the next warm-up
    warmed = 0
    for user, language in readers(organization_id):
        try:
            warm(user, language)
        except Exception:
            logger.exception("The dashboard of user %s could not be made ahead.", user.pk)
        else:
            warmed += 1
    return {"warmed": warmed}


def warm_after_change(sender, instance, created, **kwargs):
    """post_save of an AuditEvent, connected after freshness.audit_event_written: once the change commits
    (and the versions it changed are new), queue a warm-up of its organization's readers WARM_AFTER_SECONDS
    later, unless one is queued and not started yet."""
    if created and freshness.is_change(instance):
        organization_id = instance.organization_id

        def queue():
            if cache.add(_queued_key(organization_id), True, WARM_QUEUED_SECONDS):
                task, later = warm_dashboards_task, datetime.timedelta(seconds=WARM_AFTER_SECONDS)
                if task.get_backend().supports_defer:  # else (tests) at once
                    task = task.using(run_after=timezone.now() + later)
                task.enqueue(organization_id)

        transaction.on_commit(queue)


def next_midnight(now=None):
    """Just after the next midnight in TIME_ZONE, when the keys' day changes."""
    today = timezone.localdate(now or timezone.now())
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight) + datetime.timedelta(minutes=1)


@task(priority=WARM_PRIORITY)
def daily_warm_task():
    """Just after midnight: the new day's dashboards of every reader; queues the next night's first."""
    from .ops.scheduling import schedule_once

    schedule_once(daily_warm_task, after=next_midnight())
    return warm_dashboards_task.call()
