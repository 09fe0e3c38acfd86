"""Data versions per organization, for caches of what an organization's records add up to.

A cache entry built from an organization's records goes under a key that holds the organization's current
version (`versions`); `changed` gives the organization a new one, so an entry is never read again once the
records under it changed. Versions live in the shared cache (Redis or the file cache in production), so
every process and machine sees the same ones; a version that has left the cache is simply a new one.

A `topic` names what changed: "data" is anything at all (every change the services make records an audit
event, and each create, update, delete or sign event changes its organization's "data": see
`audit_event_written`); an app's label is a change to a record of that app, from the same events, and
`existing(app)` ("<label>:existing") a change to one of its records that already existed (an update, a
deletion, a signature: not a new record), for what shows another app's records only by name, which a new
record does not change; and an app may keep narrower topics of its own. The organization None stands for
records of no organization (reference data), and ALL for every organization: coalition staff see them
all.

`changed` acts at once and again after the transaction commits: a reader that counted meanwhile, from the
records as they were, stored its entry under the version the commit then ends.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

ALL = "all"
DATA = "data"


def _key(topic, organization_id):
    return f"freshness:{topic}:{organization_id}"


def versions(topic, organization_ids):
    """{organization id: version} for each of `organization_ids` (None and ALL included), made where the
    cache has none."""
    return {pk: version for (_topic, pk), version in versions_of([topic], organization_ids).items()}


def versions_of(topics, organization_ids):
    """{(topic, organization id): version} for each of `topics` in each of `organization_ids`, in one read
    of the cache."""
    keys = {(topic, pk): _key(topic, pk) for topic in topics for pk in organization_ids}
    found = cache.get_many(keys.values())
    new = {key: uuid.uuid4().hex for key in keys.values() if key not in found}
    if new:
        cache.set_many(new, timeout=None)
        found |= new
    return {pair: found[key] for pair, key in keys.items()}


def changed(topic, organization_ids, *also):
    """The records of these organizations (ids; None for records of no organization) changed: now, and again
    once the transaction commits. ALL changes with each of them. `also`: other topics that changed too."""
    keys = [_key(each, pk) for each in (topic, *also) for pk in {*organization_ids, ALL}]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def everything_changed():
    """Every record may have changed (a restore writes under the services): every organization's version of
    every topic is made new, so that nothing built from the records before is read again."""
    from django.apps import apps

    from .accounts.models import Organization

    labels = [config.label for config in apps.get_app_configs()]
    organization_ids = [*Organization.objects.values_list("pk", flat=True), None]
    changed(DATA, organization_ids, *labels, *map(existing, labels))


def existing(app):
    """The topic of changes to `app`'s records that already existed (not new ones)."""
    return f"{app}:existing"


def is_change(event):
    """Whether an audit event records a change of records: a create, update, delete or sign."""
    Action = type(event).Action
    return event.action in (Action.CREATE, Action.UPDATE, Action.DELETE, Action.SIGN)


def audit_event_written(sender, instance, created, **kwargs):
    """post_save of an AuditEvent: a create, update, delete or sign changes its organization's data, and the
    data of the app of the record it is about (its object type's app label: "app" for "app.model"), of
    its existing records too unless the event is the record's creation."""
    if created and is_change(instance):
        app = instance.object_type.partition(".")[0]
        topics = [app] if app else []
        if app and instance.action != type(instance).Action.CREATE:
            topics.append(existing(app))
        changed(DATA, [instance.organization_id], *topics)
