"""What `uvisa` holds about one person (power_campaign/inventory.py): the client cases named by
reference or whose client (full name or other names used) is the person, with everything under them
(screening, activities, certification requests, follow-ups, petitions, family members, the client's
declaration), family members
of other cases who bear the person's name, and documents and packets about those cases."""

from django.urls import reverse

from power_campaign.documents.api import Document, Exhibit, Packet, reference_of
from power_campaign.inventory import Item

from .models import ClientCase, FamilyMember, FollowUp, client_identity_fields


def _item(record, label, url="", when=None, files=()):
    return Item("uvisa", str(record._meta.verbose_name), reference_of(record), label, url, when, tuple(files))


def records(person):
    wanted = {ref.partition(":")[2] for ref in person.references if ref.startswith("uvisa.clientcase:")}
    # Names are encrypted: matched in Python, over the two name fields only (a big local has thousands of
    # cases, each with a dozen encrypted fields); the matching cases are then read whole.
    candidates = ClientCase.objects.filter(organization=person.organization).only(
        "uuid", "client_name", "other_names"
    )
    keys = [
        case.pk
        for case in candidates
        if str(case.uuid) in wanted or person.matches(case.client_name) or person.matches(case.other_names)
    ]
    cases = list(ClientCase.objects.filter(pk__in=keys).order_by("pk"))
    found = []
    for case in cases:
        found.append(_item(case, str(case), case.get_absolute_url(), case.created_at))
        screening = getattr(case, "screening", None)
        if screening is not None:
            found.append(
                Item(
                    "uvisa",
                    str(screening._meta.verbose_name),
                    f"uvisa.screening:{screening.pk}",
                    f"{screening} · {case.code}",
                    case.get_absolute_url(),
                )
            )
        found += [_item(a, f"{a} · {case.code}", case.get_absolute_url()) for a in case.activities.all()]
        for r in case.requests.select_related("agency"):
            found.append(_item(r, str(r), r.get_absolute_url(), r.created_at))
        found += [
            _item(f, f"{f} · {case.code}", f.request.get_absolute_url())
            for f in FollowUp.objects.filter(request__case=case).select_related("request")
        ]
        found += [
            _item(p, f"{p} · {case.code}", p.get_absolute_url(), p.created_at) for p in case.petitions.all()
        ]
        found += [_item(m, f"{m} · {case.code}", case.get_absolute_url()) for m in case.family.all()]
        declaration = getattr(case, "declaration", None)
        if declaration is not None:
            found.append(
                _item(
                    declaration,
                    f"{declaration._meta.verbose_name} · {case.code}",
                    reverse("uvisa:declaration", args=[case.uuid]),
                    declaration.updated_at,
                )
            )
        # the worksite records linked to the case (what `cases` and the apps after it then look into)
        found += [
            Item(
                "cases",
                str(i._meta.verbose_name),
                reference_of(i),
                str(i),
                i.get_absolute_url(),
                i.created_at,
            )
            for i in case.incidents.all()
        ]
        found += [
            Item(
                "cases",
                str(e._meta.verbose_name),
                reference_of(e),
                e.original_name,
                e.get_absolute_url(),
                e.uploaded_at,
                tuple(n for n in (e.file.name, e.shown_file.name) if n),
            )
            for e in case.evidence.all()
        ]
        subjects = [reference_of(case), *(reference_of(r) for r in case.requests.all())]
        for document in Document.objects.filter(organization=case.organization, subject__in=subjects):
            found.append(
                _item(
                    document,
                    document.title,
                    document.get_absolute_url(),
                    document.created_at,
                    [document.file.name],
                )
            )
        for packet in Packet.objects.filter(organization=case.organization, subject__in=subjects):
            files = [packet.archive.name] if packet.archive else []
            files += [e.file.name for e in Exhibit.objects.filter(packet=packet) if e.file]
            found.append(_item(packet, packet.title, packet.get_absolute_url(), packet.created_at, files))
    found += [
        _item(m, f"{m} · {m.case.code}", m.case.get_absolute_url())
        for m in FamilyMember.objects.filter(case__organization=person.organization)
        .exclude(case__in=cases)
        .select_related("case")
        .defer(*client_identity_fields("case__"))
        if person.matches(m.name)
    ]
    return found
