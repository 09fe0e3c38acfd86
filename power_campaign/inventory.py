"""What the system holds about one person, across apps: for counsel (a subject-access or discovery
request, a deletion request).

A person is described by a `Person`: the organization whose records are searched, the names they are
known by, and references (`'app.model:uuid'`) of records already known to be about them (the record they
were picked from and what it links to). Each app contributes with the hook
`<app>/inventory.py: records(person)`, returning `Item`s for the records it holds about that person (an
app matches names its own way: some of its fields are encrypted). `inventory(person)` asks the apps in
hook order (platform apps, then INSTALLED_APPS), each given the references the earlier ones found too,
joins their answers, and adds the audit events recorded about each of those records.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Q

from power_campaign import hooks
from power_campaign.audit.models import AuditEvent


@dataclass(frozen=True)
class Person:
    organization: object
    names: tuple = ()
    references: tuple = ()

    def matches(self, text):
        """Whether `text` (a name, or several on lines of their own) names the person: case and spacing
        do not matter."""
        wanted = {" ".join(name.casefold().split()) for name in self.names if name.strip()}
        found = {" ".join(line.casefold().split()) for line in (text or "").splitlines() if line.strip()}
        return bool(wanted & found)


@dataclass(frozen=True)
class Item:
    app: str
    kind: str  # the model's verbose name
    reference: str  # 'app.model:uuid'
    label: str  # how the record is named on the page (no sensitive value)
    url: str = ""
    when: object = None  # when the record was created, if known
    files: tuple = field(default_factory=tuple)  # stored file names

    @property
    def object_type(self):
        return self.reference.partition(":")[0]

    @property
    def object_id(self):
        return self.reference.partition(":")[2]


@dataclass
class Inventory:
    person: Person
    records: list
    events: list

    @property
    def files(self):
        return [(item, name) for item in self.records for name in item.files]


def inventory(person, passes=3):
    """Each app's records about `person`. Every app is given the references found so far (an incident
    `cases` found the person witnessed leads `agreements` to its breach reports), and the apps are asked
    again while a round finds something new (at most `passes` rounds). Then the audit events about all
    of those records."""
    unique, seen = [], set()
    functions = [module.records for module in hooks.app_modules("inventory", having="records")]
    for _round in range(passes):
        before = len(unique)
        for function in functions:
            known = tuple(dict.fromkeys([*person.references, *(item.reference for item in unique)]))
            for item in function(replace(person, references=known)):
                if item.reference not in seen:
                    seen.add(item.reference)
                    unique.append(item)
        if len(unique) == before:
            break
    return Inventory(person, unique, events_about(unique))


def events_about(items):
    """The audit events recorded about any of `items`, oldest first: one query."""
    by_type = {}
    for item in items:
        by_type.setdefault(item.object_type, []).append(item.object_id)
    if not by_type:
        return []
    condition = Q()
    for object_type, ids in by_type.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    return list(AuditEvent.objects.filter(condition).select_related("actor").order_by("sequence"))
