"""The cases app's benchmark data and pages (`make bench`: bench/scale.py calls `seed` and `pages`).

Over the 200 organizations: 20,000 worksites over 3 years of organizing (the two big organizations hold
half), with stage history and organizers; 200,000 incidents, 40,000 contacts, 30,000 witness links,
6,000 agency filings, 20,000 protected activities, 2,000 referrals and 50,000 evidence records (rows
only: no files are written). One worksite has 300 incidents, a typical one 10. The empty organization
gets a bare worksite and a bare incident (on another worksite), so that each page can be counted there.
Everything is written in bulk through the services' bulk functions, deterministically (`scale.rng`).
"""

import datetime
import hashlib
import uuid
from urllib.parse import urlencode

WORKSITES = 20_000
INCIDENTS = 200_000
CONTACTS = 40_000
FILINGS = 6_000
ACTIVITIES = 20_000
REFERRALS = 2_000
WITNESS_LINKS = 30_000
EVIDENCE = 50_000
YEARS = 3

TYPICAL_INCIDENTS = 10  # the "typical" worksite page
BIG_INCIDENTS = 300  # the biggest worksite page
SEARCH_WORD, SEARCH_WORD_ROWS = "forklift", 100  # planted in incidents of 100 different worksites
RARE_WORD, RARE_WORD_ROWS = "zamboni", 2

CITIES = [
    ("Los Angeles", "CA"),
    ("Fresno", "CA"),
    ("Salinas", "CA"),
    ("Oakland", "CA"),
    ("San Diego", "CA"),
    ("Chicago", "IL"),
    ("Cicero", "IL"),
    ("Houston", "TX"),
    ("Dallas", "TX"),
    ("El Paso", "TX"),
    ("Phoenix", "AZ"),
    ("Miami", "FL"),
    ("Immokalee", "FL"),
    ("Atlanta", "GA"),
    ("Dalton", "GA"),
    ("New York", "NY"),
    ("Newark", "NJ"),
    ("Philadelphia", "PA"),
    ("Denver", "CO"),
    ("Seattle", "WA"),
    ("Yakima", "WA"),
    ("Omaha", "NE"),
    ("Postville", "IA"),
    ("Charlotte", "NC"),
    ("Nashville", "TN"),
    ("Las Vegas", "NV"),
    ("Minneapolis", "MN"),
    ("Milwaukee", "WI"),
    ("Boston", "MA"),
    ("Albuquerque", "NM"),
]
EMPLOYER_WORDS = [
    "Acme", "Golden", "Valley", "Sunrise", "Pacific", "Prairie", "Summit", "Harbor", "Eagle", "Pioneer",
    "Liberty", "Northern", "Southern", "Coastal", "Central", "United", "Premier", "Royal", "Evergreen",
    "Riverside", "Lakeside", "Mountain", "Frontier", "Keystone", "Heritage",
]  # fmt: skip
EMPLOYER_KINDS = [
    "Foods", "Packing", "Logistics", "Hospitality", "Builders", "Farms", "Cleaning Services", "Poultry",
    "Distribution", "Car Wash", "Manufacturing", "Home Care", "Restaurants", "Hotels", "Dairy",
]  # fmt: skip
FIRST_NAMES = [
    "María", "José", "Juan", "Ana", "Luis", "Rosa", "Carlos", "Elena", "Miguel", "Lucía", "Pedro",
    "Sofía", "Jorge", "Carmen", "Raúl", "Teresa", "Andrés", "Patricia", "Tomás", "Gloria",
]  # fmt: skip
LAST_NAMES = [
    "García", "Hernández", "López", "Martínez", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
    "Cruz", "Flores", "Gómez", "Morales", "Vásquez", "Reyes", "Jiménez", "Torres", "Díaz", "Ortiz",
]  # fmt: skip
WORDS = [
    "supervisor", "manager", "shift", "overtime", "unpaid", "wages", "break", "lunch", "line", "dock",
    "warehouse", "kitchen", "freezer", "ladder", "chemicals", "gloves", "masks", "heat", "water", "injury",
    "threatened", "fired", "suspended", "schedule", "hours", "papers", "agents", "vans", "parking", "lot",
    "meeting", "union", "petition", "committee", "workers", "crew", "night", "morning", "office", "letter",
    "documents", "camera", "photos", "yelled", "pushed", "cut", "reduced", "deducted", "tips", "cash",
]  # fmt: skip
PLACES = ["Loading dock", "Break room", "Parking lot", "Main office", "Kitchen", "Line 3", "Front gate", ""]

STAGE_WEIGHTS = {
    "first_contact": 30,
    "committee": 22,
    "majority": 12,
    "demand": 8,
    "election": 5,
    "bargaining": 6,
    "ratified": 5,
    "lost": 5,
    "dormant": 7,
}
TYPE_WEIGHTS = {
    "ice_visit": 4,
    "i9_notice": 5,
    "everify": 5,
    "no_match": 4,
    "immigration_threat": 10,
    "retaliation": 16,
    "wage_theft": 24,
    "unsafe": 14,
    "assault": 4,
    "surveillance": 8,
    "other": 6,
}
LADDER = ["first_contact", "committee", "majority", "demand", "election", "bargaining", "ratified"]


def _worksites(scale):
    from cases.models import Industry, Worksite

    rng = scale.rng
    stages, weights = zip(*STAGE_WEIGHTS.items(), strict=True)
    worksites = []
    for organization, count in zip(scale.organizations, scale.worksite_counts(WORKSITES), strict=True):
        for _ in range(count):
            city, state = rng.choice(CITIES)
            number = len(worksites) + 1
            worksites.append(
                Worksite(
                    organization=organization,
                    employer_name=f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(EMPLOYER_KINDS)} {number}",
                    dba=f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(EMPLOYER_KINDS)}"
                    if rng.random() < 0.2
                    else "",
                    street=f"{rng.randint(100, 9999)} {rng.choice(['Main', 'Industrial', 'Mill', 'Oak'])} St",
                    city=city,
                    state=state,
                    postal_code=f"{rng.randint(10000, 99999)}",
                    industry=rng.choice(Industry.values),
                    headcount=rng.randint(8, 1500),
                    languages=rng.choice(["Spanish, English", "Spanish", "Spanish, K'iche'", "English"]),
                    current_stage=rng.choices(stages, weights)[0],  # where its history leads
                )
            )
    big = worksites[1]
    big.city, big.state = "Fresno", "CA"  # California: both I-9 deadlines apply
    return worksites


def _histories(scale, worksites):
    """The stage history leading to each current stage (create_worksites sets it from the history)."""
    rng = scale.rng
    paths = []
    for worksite in worksites:
        if worksite.current_stage in LADDER:
            path = LADDER[: LADDER.index(worksite.current_stage) + 1]
        else:
            path = [*LADDER[: rng.randint(1, 3)], worksite.current_stage]
        day = scale.today - datetime.timedelta(days=rng.randint(200, YEARS * 365))
        dated = []
        for stage in path:
            dated.append((stage, day, ""))
            day = min(day + datetime.timedelta(days=rng.randint(10, 120)), scale.today)
        paths.append(dated)
    return paths


def _incidents(scale, worksites, organizer):
    from cases.models import Incident

    rng = scale.rng
    span_minutes = YEARS * 365 * 24 * 60
    types, weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    typical, big, others = worksites[0], worksites[1], worksites[2:]
    owners = [typical] * TYPICAL_INCIDENTS + [big] * BIG_INCIDENTS
    owners += [rng.choice(others) for _ in range(INCIDENTS - len(owners))]
    incidents = []
    for worksite in owners:
        type_ = rng.choices(types, weights)[0]
        ice = type_ == "ice_visit"
        incidents.append(
            Incident(
                worksite=worksite,
                type=type_,
                occurred_at=scale.now - datetime.timedelta(minutes=rng.randrange(span_minutes)),
                place=rng.choice(PLACES),
                description=" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))),
                workers_affected=rng.randint(1, 40) if rng.random() < 0.5 else None,
                ice_document=rng.choice(["judicial_warrant", "i200", "subpoena", "none"]) if ice else "",
                consent_given=rng.choice([True, False, None]) if ice else None,
                created_by=organizer,
            )
        )
    first = {}
    for index, incident in enumerate(incidents):
        first.setdefault(incident.worksite, index)
    for worksite in rng.sample(others, SEARCH_WORD_ROWS):
        incidents[first[worksite]].description += f" {SEARCH_WORD}"
    for worksite in rng.sample(others, RARE_WORD_ROWS):
        incidents[first[worksite]].description += f" {RARE_WORD}"
    return incidents


def _evidence(scale, incidents, organizer):
    from cases.models import Evidence

    rng = scale.rng
    kinds = [("photo", "image/jpeg", "jpg"), ("pdf", "application/pdf", "pdf"), ("audio", "audio/mp4", "m4a")]
    records = []
    for index in range(EVIDENCE):
        incident = incidents[1 + index % 20] if index < 20 else rng.choice(incidents)  # some on the big site
        kind, content_type, extension = rng.choice(kinds)
        record_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
        uploaded = incident.occurred_at + datetime.timedelta(hours=rng.randint(1, 200))
        records.append(
            Evidence(
                uuid=record_uuid,
                incident=incident,
                kind=kind,
                content_type=content_type,
                description="Photo of the posted notice" if kind == "photo" else "",
                file=f"evidence/{uploaded:%Y/%m}/{record_uuid}",
                original_name=f"IMG_{index:05d}.{extension}",
                sha256=hashlib.sha256(record_uuid.bytes).hexdigest(),
                size=rng.randint(20_000, 4_000_000),
                uploaded_by=organizer,
                uploaded_at=uploaded,
            )
        )
    return records


def seed(scale):
    from django.db.models.expressions import RawSQL

    from cases import services
    from cases.models import AgencyFiling, Contact, Evidence, Incident, ProtectedActivity, Referral, Worksite
    from power_campaign.accounts.models import Role
    from power_campaign.audit.models import AuditEvent

    rng, today = scale.rng, scale.today
    organizer = scale.users[Role.ORGANIZER]

    worksites = _worksites(scale)
    services.create_worksites(
        worksites=worksites, user=organizer, histories=_histories(scale, worksites), batch_size=scale.batch
    )
    Assigned = Worksite.organizers.through
    scale.bulk(
        Assigned,
        [
            Assigned(worksite_id=worksite.pk, user_id=user.pk)
            for worksite in worksites
            for user in rng.sample(
                scale.staff[worksite.organization_id],
                rng.randint(1, min(2, len(scale.staff[worksite.organization_id]))),
            )
        ],
    )

    incidents = _incidents(scale, worksites, organizer)
    services.create_children(records=incidents, user=organizer, batch_size=scale.batch)

    contacts = []
    for index in range(CONTACTS):
        worksite = worksites[1] if index < 20 else rng.choice(worksites)
        contacts.append(
            Contact(
                worksite=worksite,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                preferred_language=rng.choice(["es", "es", "en", "other"]),
                phone=f"+1555{index % 100:02d}{index:05d}"[:12] if index % 2 else "",
                committee_role=rng.choice(["leader", "committee", "witness", "supporter", "other"]),
                consent_to_contact=rng.random() < 0.6,
                created_by=organizer,
            )
        )
    services.create_children(records=contacts, user=organizer, batch_size=scale.batch)
    contacts_at = {}
    for contact in contacts:
        contacts_at.setdefault(contact.worksite_id, []).append(contact)
    Witness = Incident.witnesses.through
    links = set()
    candidates = [incident for incident in incidents if incident.worksite_id in contacts_at]
    while len(links) < WITNESS_LINKS:
        incident = rng.choice(candidates)
        links.add((incident.pk, rng.choice(contacts_at[incident.worksite_id]).pk))
    scale.bulk(Witness, [Witness(incident_id=i, contact_id=c) for i, c in sorted(links)])

    incidents_at = {}
    for incident in incidents:
        incidents_at.setdefault(incident.worksite_id, []).append(incident)
    filings = []
    for index in range(FILINGS):
        worksite = worksites[1] if index < 10 else rng.choice(worksites)
        filed = today - datetime.timedelta(days=rng.randint(30, YEARS * 365))
        closed = filed + datetime.timedelta(days=rng.randint(30, 400)) if rng.random() < 0.4 else None
        agency = rng.choice(["whd", "osha", "eeoc", "nlrb", "state"])
        filings.append(
            AgencyFiling(
                worksite=worksite,
                agency=agency,
                state_agency_name="State labor commissioner" if agency == "state" else "",
                case_number=f"{agency.upper()}-{2000 + index}",
                filed_on=filed,
                closed_on=closed if closed and closed <= today else None,
                created_by=organizer,
            )
        )
    scale.bulk(AgencyFiling, filings)
    Linked = AgencyFiling.incidents.through
    scale.bulk(
        Linked,
        [
            Linked(agencyfiling_id=filing.pk, incident_id=incident.pk)
            for filing in filings
            for incident in rng.sample(
                incidents_at.get(filing.worksite_id, []),
                min(2, len(incidents_at.get(filing.worksite_id, []))),
            )
        ],
    )
    kinds = ["organizing", "complaint", "petition", "strike", "testimony", "other"]
    scale.bulk(
        ProtectedActivity,
        [
            ProtectedActivity(
                worksite=worksites[1] if index < 15 else rng.choice(worksites),
                kind=rng.choice(kinds),
                date=today - datetime.timedelta(days=rng.randint(0, YEARS * 365)),
                description="Workers delivered a petition about overtime",
                created_by=organizer,
            )
            for index in range(ACTIVITIES)
        ],
    )
    referred = incidents_at[worksites[1].pk][:5] + rng.sample(incidents, REFERRALS - 5)
    scale.bulk(
        Referral,
        [
            Referral(
                incident=incident,
                organization_id=incident.worksite.organization_id,
                reason="Threats and assault by the supervisor",
                referred_by=organizer,
            )
            for incident in {incident.pk: incident for incident in referred}.values()
        ],
    )
    scale.bulk(Evidence, _evidence(scale, incidents, organizer))

    # A spread of "last changed" times (auto_now set them all to now).
    span_minutes = YEARS * 365 * 24 * 60
    Worksite.objects.update(
        updated_at=RawSQL("now() - make_interval(mins => ((id * 7919) %% %s)::int)", [span_minutes]),
    )

    # The empty organization: one record of each kind, so that every list has a row (Django runs no row
    # query for an empty page) and matches every filter timed: a bare worksite (the worksite page with
    # nothing on it), and a worksite at committee stage with one recent I-9 notice holding both search
    # words, referred to legal.
    empty_user = scale.empty_users[Role.ORGANIZER]
    bare = Worksite(organization=scale.empty, employer_name="Bare Foods", city="Fresno", state="CA")
    other = Worksite(
        organization=scale.empty, employer_name="Lone Incident Packing", city="Fresno", state="CA"
    )
    history = [[], [("first_contact", today - datetime.timedelta(days=90), ""), ("committee", today, "")]]
    services.create_worksites(worksites=[bare, other], user=empty_user, histories=history)
    lone = Incident(
        worksite=other,
        type="i9_notice",
        occurred_at=scale.now - datetime.timedelta(days=3),
        description=f"Notice of inspection {SEARCH_WORD} {RARE_WORD}",
    )
    services.create_children(records=[lone], user=empty_user)
    Referral.objects.create(incident=lone, reason="Threats by the supervisor", referred_by=empty_user)
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        actor=organizer,
        summary=f"benchmark data: {len(worksites)} worksites",
    )
    scale.shared["worksites"] = worksites


# The change each role makes most in these records, after which their dashboard is timed (bench/scale.py).
DASHBOARD_CHANGES = {"organizer": ("cases", "an incident")}


def pages(scale):
    from django.db.models import Count
    from django.urls import reverse

    from cases.models import Incident, Referral, Worksite
    from power_campaign.accounts.models import Role

    full = Worksite.objects.exclude(organization=scale.empty).annotate(incidents_count=Count("incidents"))
    typical = full.filter(incidents_count=TYPICAL_INCIDENTS).order_by("pk").first()
    big = full.order_by("-incidents_count", "pk").first()
    incident = (
        Incident.objects.filter(worksite=big)
        .annotate(
            witness_count=Count("witnesses", distinct=True),
            filing_count=Count("filings", distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
        .order_by("-evidence_count", "-witness_count", "-filing_count", "-occurred_at")
        .first()
    )
    referral = Referral.objects.filter(incident__worksite=big).order_by("pk").first()
    bare = Worksite.objects.get(organization=scale.empty, employer_name="Bare Foods")
    lone = Incident.objects.get(worksite__organization=scale.empty)
    listing = reverse("cases:worksite_list")
    since = (scale.today - datetime.timedelta(days=365)).isoformat()
    organizer, legal = Role.ORGANIZER, Role.LEGAL

    def same(name, url, role=organizer):
        return {"name": name, "role": role, "url": url, "empty_url": url}

    found = [
        same("dashboard (organizer)", reverse("dashboard")),
        same("dashboard (legal)", reverse("dashboard"), legal),
        same("worksite list", listing),
        same("list: stage", f"{listing}?{urlencode({'stage': 'committee'})}"),
        same(
            "list: incident type + since",
            f"{listing}?{urlencode({'incident_type': 'i9_notice', 'since': since})}",
        ),
        same("list: recently changed", f"{listing}?{urlencode({'sort': '-updated_at'})}"),
        same("list: page 50", f"{listing}?{urlencode({'page': 50})}"),
        same(f"search: {SEARCH_WORD} (~{SEARCH_WORD_ROWS})", f"{listing}?{urlencode({'q': SEARCH_WORD})}"),
        same(f"search: {RARE_WORD} (rare)", f"{listing}?{urlencode({'q': RARE_WORD})}"),
        same("incident list", reverse("cases:incident_list")),
        same(
            "incident list: worksite name",
            f"{reverse('cases:incident_list')}?{urlencode({'employer': 'Fresno'})}",
        ),
        same("referral queue", reverse("cases:referral_list"), legal),
        {
            "name": f"worksite ({TYPICAL_INCIDENTS} incidents)",
            "role": organizer,
            "url": typical.get_absolute_url(),
            "empty_url": bare.get_absolute_url(),
        },
        {
            "name": f"worksite ({big.incidents_count} incidents)",
            "role": organizer,
            "url": big.get_absolute_url(),
            "empty_url": bare.get_absolute_url(),
        },
        {
            "name": "incident",
            "role": organizer,
            "url": incident.get_absolute_url(),
            "empty_url": lone.get_absolute_url(),
        },
    ]
    if referral is not None:
        lone_referral = Referral.objects.filter(incident=lone).first()
        if lone_referral is not None:
            found.append(
                {
                    "name": "referral",
                    "role": legal,
                    "url": reverse("cases:referral", args=[referral.uuid]),
                    "empty_url": reverse("cases:referral", args=[lone_referral.uuid]),
                }
            )
    return found
