"""The audit trail as a reader sees it: summaries in the reader's language, readable record types, and
links to the records the reader may open.

What is stored (and hashed) stays as it was written, in English and language-independent: translation
happens here, at display, from a table of the summaries the platform and the apps write. A summary that no
pattern knows is shown as stored.

A domain app teaches it its own summaries with a hook, `<app>/audit.py: summaries()`, returning
[(regular expression matching the whole stored summary, render(event, match) -> text in the active
language)]; `field_names`, `choice`, `local_date` and `reference` help render them.

Records are stored by their keys (a UUID, or a user's id); a reader sees the name of each record they may
open instead (its model's `for_user`; a person: `_people`), and the key of any other. In a summary, a
pattern's group named after a model (`incident`, `packet`, `document`; `document__certificate` where a
summary names two records of one model) or holding a record reference (`cases.evidence:<uuid>`, as
documents.sources writes them) names that record: `render` reads the quoted
name from `match[...]` where the reader may see it, so that the apps' patterns need not know.
"""

import contextvars
import datetime
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from power_campaign.formats import date_format

from .models import AuditEvent

# Actions whose summary may name a stored file: shown only to readers who may open the record.
FILE_ACTIONS = {AuditEvent.Action.VIEW, AuditEvent.Action.DOWNLOAD, AuditEvent.Action.DOWNLOAD_ORIGINAL}


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    summary: str
    record_type: str
    url: str | None
    name: str = ""  # the record's name where the reader may see it; else "" (the page shows its key)

    @property
    def original(self):
        """The download of an original kept for chain of custody (marked in the custody list)."""
        return self.event.action == AuditEvent.Action.DOWNLOAD_ORIGINAL


def rows(events, reader=None, *, links=True):
    """The events as rows for `reader`: each record, and each record a summary names, the reader may see is
    named (one query per kind of record on the page, whatever the number of rows); any other keeps its key.
    With `links`, each record the reader's access path lets them open is linked, and the summaries that
    may name a stored file are shown only where they may open the record. Without links every summary is
    shown: the caller shows one record's own history on that record's page, to someone who opened it.
    Without a reader nothing is named or linked."""
    events = list(events)
    openable, names = _lookup(_wanted(events), reader) if reader is not None else ({}, {})
    result = []
    read = _references_read.set({})  # each reference table the summaries name read once (`reference`)
    try:
        for event in events:
            key = (event.object_type, event.object_id)
            summary = translate_summary(event, names)
            if links and reader is not None and event.action in FILE_ACTIONS and key not in openable:
                summary = _("(not shown: you may not open this record)") if event.summary else ""
            url = openable.get(key) if links else None
            name = names.get(key, "")
            result.append(Row(event, summary, record_type(event.object_type), url or None, name))
    finally:
        _references_read.reset(read)
    return result


_references_read = contextvars.ContextVar("audit_references_read", default=None)


def reference(model, code):
    """The row of `model`, a reference table keyed by `code` (an agency, a qualifying activity, an agreement
    component), that a summary names by its code, or None. While `rows` shows a page, the whole table is
    read once (they hold a few dozen rows), not once per summary."""
    tables = _references_read.get()
    if tables is None:
        return model._default_manager.filter(code=code).first()
    if model not in tables:
        tables[model] = {row.code: row for row in model._default_manager.all()}
    return tables[model].get(code)


@cache
def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def record_type(label):
    """A record type ('cases.evidence') as its readable, translated name ('Evidence file')."""
    model = _model(label) if label else None
    return str(capfirst(model._meta.verbose_name)) if model else label


def record_type_choices():
    """(label, readable name) of the record types of the platform and the domain apps (top-level packages
    of the project; not Django's or libraries'), by name.
    Read from the installed apps, not from the trail: no query, however long the trail."""
    base = Path(settings.BASE_DIR).resolve()
    labels = [
        model._meta.label_lower
        for config in apps.get_app_configs()
        if config.name.startswith("power_campaign.") or Path(config.path).resolve().parent == base
        for model in config.get_models()
        if model is not AuditEvent
    ]
    return sorted(((label, record_type(label)) for label in labels), key=lambda choice: choice[1])


def _key_field(model):
    return "uuid" if any(field.name == "uuid" for field in model._meta.fields) else "pk"


def _valid_key(model, key_field, value):
    try:
        return uuid.UUID(value) if key_field == "uuid" else model._meta.pk.to_python(value)
    except (ValueError, TypeError, ValidationError):
        return None


def _wanted(events):
    """{label: {key}} of the records the events are about and the records their summaries name."""
    wanted = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
        found = _match(event.summary) if event.summary else None
        if found is not None:
            for group, value in found[1].groupdict().items():
                for label, key in _references(group, value):
                    wanted[label].add(key)
    return wanted


def _lookup(wanted, reader):
    """({(label, key): url or ''} of the records `reader` may open (by their model's
    `objects.for_user(reader)`; '' where the model has no page of its own), {(label, key): name} of those
    records and of the people `reader` may see by name). One query per label."""
    openable, names = {}, {}
    people = get_user_model()
    for label, ids in wanted.items():
        model = _model(label)
        if model is people:
            names.update(_people(reader, label, ids))
            continue
        for_user = getattr(model._default_manager, "for_user", None) if model else None
        if for_user is None or model is AuditEvent:
            continue
        key_field = _key_field(model)
        keys = [key for key in (_valid_key(model, key_field, value) for value in ids) if key is not None]
        if not keys:
            continue
        has_page = hasattr(model, "get_absolute_url")
        # Every non-null relation in the same query: a name made from related records (an agreement is
        # named by its worksite) costs no query per row.
        for obj in for_user(reader).filter(**{f"{key_field}__in": keys}).select_related():
            key = (label, str(getattr(obj, key_field)))
            openable[key] = obj.get_absolute_url() if has_page else ""
            names[key] = record_name(obj)
    return openable, names


def _people(reader, label, ids):
    """{(label, id): display name} of the people among `ids` whom `reader` may see by name, as the audit
    log's Person filter names them: everyone for coalition administrators; else the reader and the members
    of the organizations the reader belongs to (administers or works in)."""
    from power_campaign.accounts.models import Organization, Role

    model = _model(label)
    keys = [key for key in (_valid_key(model, "pk", value) for value in ids) if key is not None]
    if not keys or not reader.is_authenticated:
        return {}
    people = model._default_manager.filter(pk__in=keys)
    if reader.coalition_role != Role.ADMIN:
        organizations = Organization.objects.for_user(reader)
        people = people.filter(Q(pk=reader.pk) | Q(memberships__organization__in=organizations)).distinct()
    return {(label, str(person.pk)): person.display_name for person in people}


def record_name(obj):
    """How the audit history names a record its reader may see: the model's `audit_name` (without what
    changes over time, as a status, or what the record type already says), else its `display_name` (a
    worksite's "employer d/b/a name", a person's full name), else its title, else its `__str__`."""
    for attribute in ("audit_name", "display_name", "title"):
        name = getattr(obj, attribute, None)
        if isinstance(name, str) and name:
            return name
    return str(obj)


@cache
def _project_labels():
    return frozenset(label for label, _name in record_type_choices())


@cache
def _labels_named(group):
    """The labels of the project's models named `group` ('packet': documents.packet), or its part before a
    double underscore ('document__certificate': documents.document)."""
    model = group.partition("__")[0]
    return tuple(label for label in sorted(_project_labels()) if label.rpartition(".")[2] == model)


def _references(group, value):
    """[(label, key)] of the records a summary's group may name: a reference ('cases.evidence:<uuid>'),
    else the value as the key of a model the group is named after."""
    if not value:
        return []
    label, colon, key = value.partition(":")
    if colon:
        return [(label, key)] if label in _project_labels() and key else []
    return [(label, value) for label in _labels_named(group)]


class _NamedMatch:
    """A pattern's match as a `render` reads it, whose groups naming a record the reader may see read as
    that record's quoted name instead of its key."""

    def __init__(self, match, names):
        self._match = match
        self._values = {group: _named(group, value, names) for group, value in match.groupdict().items()}

    def __getitem__(self, group):
        return self._values[group] if isinstance(group, str) else self._match[group]

    def group(self, *groups):
        values = [self[group] for group in groups or (0,)]
        return values[0] if len(values) == 1 else tuple(values)

    def groupdict(self, default=None):
        return {group: default if value is None else value for group, value in self._values.items()}

    def __getattr__(self, attribute):
        return getattr(self._match, attribute)


def _named(group, value, names):
    """The quoted name of the record `value` names, where the reader may see it; else `value`. The quotes
    (“ ”, read alike in English and in Latin American Spanish) set the name, which is user input, apart
    from the summary around it."""
    for reference in _references(group, value):
        if reference in names:
            return f"“{names[reference]}”"
    return value


# -- Summaries ------------------------------------------------------------------------------------------


def _fixed():
    return {
        "password accepted": _("Password accepted"),
        "wrong password": _("Wrong password"),
        "unknown user name": _("Unknown user name"),
        "wrong two-factor code": _("Wrong two-factor code"),
        "second factor verified (backup code)": _("Second factor verified (backup code)"),
        "second factor verified (authenticator)": _("Second factor verified (authenticator app)"),
        "two-factor backup codes issued": _("Two-factor backup codes issued"),
        "two-factor login enabled": _("Two-factor login enabled"),
        "password changed": _("Password changed"),
        "packet generation requested": _("Packet generation requested"),
        "demo data seeded": _("Demo data seeded"),
        "legal-only file (name not recorded)": _("Legal-only file (name not recorded)"),
    }


def field_names(event, names):
    """'name, phone' as the fields' translated names (the model's verbose names), or 'nothing'."""
    names = [name.strip() for name in names.split(",") if name.strip() and name.strip() != "nothing"]
    if not names:
        return _("nothing")
    model = _model(event.object_type)
    readable = []
    for name in names:
        try:
            readable.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except FieldDoesNotExist:
            readable.append(name)
    return ", ".join(readable)


def choice(event, field, value):
    """A stored choice value of the event's record ('open') as its translated label."""
    model = _model(event.object_type)
    try:
        choices = dict(model._meta.get_field(field).flatchoices) if model else {}
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(value, value))


def local_date(text):
    """An ISO date as the reader's short date."""
    try:
        return date_format(datetime.date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except ValueError:
        return text


def _kind(kind):
    from power_campaign.documents.kinds import kind_label

    return str(kind_label(kind))


def _copy(text):
    return _("original with location data") if text == "original with location data" else _("copy")


SHA = r"(?P<sha>[0-9a-f]{64})"
PATTERNS = [
    (
        r"profile changed: (?P<fields>.*)",
        lambda e, m: _("Profile changed: %(fields)s") % {"fields": field_names(e, m["fields"])},
    ),
    (
        r"(?P<kind>[\w.-]+) v(?P<version>\d+) (?P<how>signed|generated); sha256 " + SHA,
        lambda e, m: (
            _("%(kind)s, version %(version)s, signed; SHA-256 %(sha256)s")
            if m["how"] == "signed"
            else _("%(kind)s, version %(version)s, generated; SHA-256 %(sha256)s")
        )
        % {"kind": _kind(m["kind"]), "version": m["version"], "sha256": m["sha"]},
    ),
    (
        r"exhibit uploaded to packet (?P<packet>[0-9a-f-]+); sha256 " + SHA,
        lambda e, m: _("Exhibit uploaded to packet %(packet)s; SHA-256 %(sha256)s")
        % {"packet": m["packet"], "sha256": m["sha"]},
    ),
    (
        r"exhibit added to packet (?P<packet>[0-9a-f-]+) from (?P<source>\S+) \((?P<copy>[^)]*)\); "
        r"sha256 " + SHA,
        lambda e, m: _("Exhibit added to packet %(packet)s from %(source)s (%(copy)s); SHA-256 %(sha256)s")
        % {"packet": m["packet"], "source": m["source"], "copy": _copy(m["copy"]), "sha256": m["sha"]},
    ),
    (
        r"copied into packet (?P<packet>[0-9a-f-]+) as an exhibit \((?P<copy>[^)]*)\); sha256 " + SHA,
        lambda e, m: _("Copied into packet %(packet)s as an exhibit (%(copy)s); SHA-256 %(sha256)s")
        % {"packet": m["packet"], "copy": _copy(m["copy"]), "sha256": m["sha"]},
    ),
    (
        r"exhibit removed from packet (?P<packet>[0-9a-f-]+); sha256 " + SHA,
        lambda e, m: _("Exhibit removed from packet %(packet)s; SHA-256 %(sha256)s")
        % {"packet": m["packet"], "sha256": m["sha"]},
    ),
    (
        r"exhibit moved (?P<way>up|down) in packet (?P<packet>[0-9a-f-]+)",
        lambda e, m: (
            _("Exhibit moved up in packet %(packet)s")
            if m["way"] == "up"
            else _("Exhibit moved down in packet %(packet)s")
        )
        % {"packet": m["packet"]},
    ),
    (
        r"packet generated: (?P<pages>\d+) pages; PDF sha256 (?P<pdf>[0-9a-f]{64}); archive sha256 "
        r"(?P<zip>[0-9a-f]{64})",
        lambda e, m: ngettext(
            "Packet generated: %(pages)s page; PDF SHA-256 %(pdf)s; archive SHA-256 %(zip)s",
            "Packet generated: %(pages)s pages; PDF SHA-256 %(pdf)s; archive SHA-256 %(zip)s",
            int(m["pages"]),
        )
        % {"pages": int(m["pages"]), "pdf": m["pdf"], "zip": m["zip"]},
    ),
    (
        r"field-encryption keys rotated: (?P<count>\d+) value\(s\) re-encrypted",
        lambda e, m: ngettext(
            "Field-encryption keys rotated: %(count)s value re-encrypted",
            "Field-encryption keys rotated: %(count)s values re-encrypted",
            int(m["count"]),
        )
        % {"count": int(m["count"])},
    ),
    (
        r"backup made: database \((?P<rows>\d+) rows\) and (?P<files>\d+) stored file\(s\); "
        r"manifest SHA-256 (?P<sha>[0-9a-f]{64})",
        lambda e, m: ngettext(
            "Backup made: %(rows)s database rows and %(files)s stored file; manifest SHA-256 %(sha)s",
            "Backup made: %(rows)s database rows and %(files)s stored files; manifest SHA-256 %(sha)s",
            int(m["files"]),
        )
        % {"rows": int(m["rows"]), "files": int(m["files"]), "sha": m["sha"]},
    ),
    (
        r"restored from the backup made (?P<made>\S+): database \((?P<rows>\d+) rows\) and "
        r"(?P<files>\d+) stored file\(s\); manifest SHA-256 (?P<sha>[0-9a-f]{64})",
        lambda e, m: ngettext(
            "Restored from the backup made %(made)s: %(rows)s database rows and %(files)s stored file; "
            "manifest SHA-256 %(sha)s",
            "Restored from the backup made %(made)s: %(rows)s database rows and %(files)s stored files; "
            "manifest SHA-256 %(sha)s",
            int(m["files"]),
        )
        % {
            "made": local_date(m["made"][:10]),
            "rows": int(m["rows"]),
            "files": int(m["files"]),
            "sha": m["sha"],
        },
    ),
    (
        r"audit checkpoint signed at event #(?P<sequence>\d+)",
        lambda e, m: _("Audit checkpoint signed at event #%(sequence)s") % {"sequence": m["sequence"]},
    ),
    (
        r"audit trail keyed: (?P<count>\d+) earlier events verified and re-chained with key (?P<key>\w+)",
        lambda e, m: ngettext(
            "Audit trail keyed: %(count)s earlier event verified and re-chained with key %(key)s",
            "Audit trail keyed: %(count)s earlier events verified and re-chained with key %(key)s",
            int(m["count"]),
        )
        % {"count": int(m["count"]), "key": m["key"]},
    ),
    (
        r"(?P<record>.+) changed in the admin: (?P<fields>.*)",
        lambda e, m: _("%(record)s changed in the admin: %(fields)s")
        % {"record": record_type(e.object_type) or m["record"], "fields": field_names(e, m["fields"])},
    ),
    (
        r"(?P<record>.+) deleted in the admin",
        lambda e, m: _("%(record)s deleted in the admin")
        % {"record": record_type(e.object_type) or m["record"]},
    ),
    (
        r"(?P<field>[a-z_]+): (?P<old>[\w-]+) → (?P<new>[\w-]+)",
        lambda e, m: _("%(field)s: %(old)s → %(new)s")
        % {
            "field": field_names(e, m["field"]),
            "old": choice(e, m["field"], m["old"]),
            "new": choice(e, m["field"], m["new"]),
        },
    ),
]


@cache
def _compiled():
    """The platform's patterns, then every app's (`<app>/audit.py: summaries()`), compiled once."""
    from power_campaign import hooks

    found = [*PATTERNS, *hooks.collect("audit", "summaries")]
    return [(re.compile(pattern + r"\Z"), render) for pattern, render in found]


@lru_cache(maxsize=4096)
def _match(summary):
    """(render, match) of the first pattern matching the stored summary, or None (kept for the summaries
    seen last: a page looks each one up twice, for the records it names and to translate it)."""
    for pattern, render in _compiled():
        match = pattern.match(summary)
        if match:
            return render, match
    return None


def translate_summary(event, names=None):
    """The event's summary in the active language (as stored if no known pattern matches). With `names`
    ({(label, key): name}, as `rows` finds them for its reader), the records it names are named."""
    summary = event.summary
    if not summary:
        return ""
    fixed = _fixed().get(summary)
    if fixed is not None:
        return fixed
    found = _match(summary)
    if found is None:
        return summary
    render, match = found
    return render(event, _NamedMatch(match, names) if names else match)
