"""Cases at coalition scale (`make bench`; never part of `make test`).

Seeds what the coalition is designed for: 2 organizations, 20,000 worksites, 200,000 incidents over
3 years, 40,000 contacts, with their stage history, organizers, filings, protected activity, witnesses
and referrals, deterministically (random.Random(42)). Then it times the pages an organizer uses, in
process with django.test.Client (server time: middleware, view, queries, template; no network):
the worksite list (plain, filtered, sorted, page 50), search, two worksite pages (10 and 300
incidents), an incident page and the dashboard. Each page: 3 warm-up requests, then 30 timed; the
query count and SQL time are one request's (Django's query log). Budget: p95 under 150 ms per page.

The database is PostgreSQL, created afresh: DATABASE_URL if it names a database whose name contains
"bench", otherwise a database named power_bench_cases on the same server (default
postgres://postgres@127.0.0.1:5432/power_bench_cases). It is dropped and created through the
`postgres` maintenance database, so a developer's database is never touched. `--reuse` keeps a
database seeded by an earlier run (migrations are still applied), to try a fix quickly.

The figures are printed and written to var/bench/cases_scale.json. Exit status 0 if every page is
within budget, 1 otherwise.
"""

import argparse
import datetime
import json
import os
import platform
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULT_PATH = BASE_DIR / "var" / "bench" / "cases_scale.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/power_bench_cases"

BUDGET_P95_MS = 150.0
WARM_UPS = 3
RUNS = 30

ORGANIZATIONS = [("Local 1000 (benchmark)", 12_000), ("Centro Unido (benchmark)", 8_000)]
WORKSITES = sum(count for _name, count in ORGANIZATIONS)
INCIDENTS = 200_000
CONTACTS = 40_000
FILINGS = 6_000
ACTIVITIES = 20_000
REFERRALS = 2_000
WITNESS_LINKS = 30_000
ORGANIZERS_PER_ORGANIZATION = 10
BATCH = 5_000
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


# --- Database ----------------------------------------------------------------------------------


def database_url():
    """DATABASE_URL if it is a PostgreSQL database meant for benchmarks, else power_bench_cases."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return DEFAULT_DATABASE_URL
    if "bench" not in parts.path.lstrip("/"):
        # Never drop the developer's database: same server, the benchmark's own database.
        return urlunsplit(parts._replace(path="/power_bench_cases"))
    return url


def maintenance_connection(url):
    """A connection to the server's `postgres` database, to drop and create the benchmark's own."""
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    try:
        return psycopg.connect(maintenance, autocommit=True)
    except psycopg.OperationalError as error:
        host = parts.hostname or "localhost"
        raise SystemExit(
            f"PostgreSQL is not reachable at {host}:{parts.port or 5432} ({error}). Start it, or set "
            "DATABASE_URL to postgres://user@host:port/<a database whose name contains 'bench'>."
        ) from None


def recreate_database(url):
    from psycopg import sql

    name = sql.Identifier(urlsplit(url).path.lstrip("/"))
    with maintenance_connection(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def database_exists(url):
    with maintenance_connection(url) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [urlsplit(url).path.lstrip("/")]
        ).fetchone()
    return found is not None


def configure(url):
    os.environ.setdefault("DEBUG", "true")
    os.environ["DJANGO_SETTINGS_MODULE"] = "power_campaign.settings"
    os.environ["DATABASE_URL"] = url
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()


# --- Seeding -----------------------------------------------------------------------------------


def bulk(model, objects):
    model.objects.bulk_create(objects, batch_size=BATCH)
    return objects


def seed(rng):
    """Everything the pages read, in bulk; returns what the measurements need."""
    from django.db import connection
    from django.db.models.expressions import RawSQL
    from django.utils import timezone

    from cases.models import (
        AgencyFiling,
        Contact,
        Incident,
        Industry,
        ProtectedActivity,
        Referral,
        StageChange,
        Worksite,
    )
    from power_campaign.accounts.models import Membership, Organization, Role, User
    from power_campaign.search import search_vector

    now = timezone.now()
    today = timezone.localdate()
    span_minutes = YEARS * 365 * 24 * 60

    organizations = [Organization.objects.create(name=name) for name, _count in ORGANIZATIONS]
    organizer = User.objects.create_user(username="bench-organizer", first_name="Ana", last_name="Torres")
    Membership.objects.bulk_create(
        Membership(user=organizer, organization=organization, role=Role.ORGANIZER)
        for organization in organizations
    )
    staff = {}
    for organization in organizations:
        users = bulk(
            User,
            [
                User(
                    username=f"organizer-{organization.pk}-{index}",
                    first_name="Organizer",
                    last_name=str(index),
                )
                for index in range(ORGANIZERS_PER_ORGANIZATION)
            ],
        )
        users = list(User.objects.filter(username__in=[user.username for user in users]))
        bulk(
            Membership,
            [Membership(user=user, organization=organization, role=Role.ORGANIZER) for user in users],
        )
        staff[organization.pk] = users

    # Worksites, their stage history and organizers.
    stages, stage_weights = zip(*STAGE_WEIGHTS.items(), strict=True)
    worksites = []
    for organization, (_name, count) in zip(organizations, ORGANIZATIONS, strict=True):
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
                    current_stage=rng.choices(stages, stage_weights)[0],
                    created_by=organizer,
                )
            )
    typical, big = worksites[0], worksites[1]
    big.city, big.state = "Fresno", "CA"  # California: both I-9 deadlines apply

    # The stage history leading to each current stage; the current stage's date is its last entry.
    paths = []
    for worksite in worksites:
        if worksite.current_stage in LADDER:
            path = LADDER[: LADDER.index(worksite.current_stage) + 1]
        else:
            path = [*LADDER[: rng.randint(1, 3)], worksite.current_stage]
        day = today - datetime.timedelta(days=rng.randint(200, YEARS * 365))
        dated = []
        for stage in path:
            dated.append((stage, day))
            day = min(day + datetime.timedelta(days=rng.randint(10, 120)), today)
        worksite.current_stage_on = dated[-1][1]
        paths.append(dated)
    bulk(Worksite, worksites)
    bulk(
        StageChange,
        [
            StageChange(worksite=worksite, stage=stage, date=day, recorded_by=organizer)
            for worksite, path in zip(worksites, paths, strict=True)
            for stage, day in path
        ],
    )
    Assigned = Worksite.organizers.through
    bulk(
        Assigned,
        [
            Assigned(worksite_id=worksite.pk, user_id=user.pk)
            for worksite in worksites
            for user in rng.sample(staff[worksite.organization_id], rng.randint(1, 2))
        ],
    )

    # Incidents: ~10 per worksite, exactly 10 at the typical worksite and 300 at the big one.
    types, type_weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    others = worksites[2:]
    owners = [typical] * TYPICAL_INCIDENTS + [big] * BIG_INCIDENTS
    owners += [rng.choice(others) for _ in range(INCIDENTS - len(owners))]
    incidents = []
    for worksite in owners:
        type_ = rng.choices(types, type_weights)[0]
        ice = type_ == "ice_visit"
        incidents.append(
            Incident(
                worksite=worksite,
                type=type_,
                occurred_at=now - datetime.timedelta(minutes=rng.randrange(span_minutes)),
                place=rng.choice(PLACES),
                description=" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))),
                workers_affected=rng.randint(1, 40) if rng.random() < 0.5 else None,
                ice_document=rng.choice(["judicial_warrant", "i200", "subpoena", "none"]) if ice else "",
                consent_given=rng.choice([True, False, None]) if ice else None,
                created_by=organizer,
            )
        )
    by_worksite = {}
    for index, incident in enumerate(incidents):
        by_worksite.setdefault(incident.worksite, index)
    for worksite in rng.sample(others, SEARCH_WORD_ROWS):
        incidents[by_worksite[worksite]].description += f" {SEARCH_WORD}"
    for worksite in rng.sample(others, RARE_WORD_ROWS):
        incidents[by_worksite[worksite]].description += f" {RARE_WORD}"
    bulk(Incident, incidents)

    # Contacts: 20 at the big worksite, the rest spread out; witnesses among them.
    contacts = []
    for index in range(CONTACTS):
        worksite = big if index < 20 else rng.choice(worksites)
        contacts.append(
            Contact(
                worksite=worksite,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                preferred_language=rng.choice(["es", "es", "en", "other"]),
                phone=f"+1 555 01{index % 100:02d} {index:05d}" if index % 2 else "",
                committee_role=rng.choice(["leader", "committee", "witness", "supporter", "other"]),
                consent_to_contact=rng.random() < 0.6,
                created_by=organizer,
            )
        )
    bulk(Contact, contacts)
    contacts_at = {}
    for contact in contacts:
        contacts_at.setdefault(contact.worksite_id, []).append(contact)
    Witness = Incident.witnesses.through
    links = set()
    candidates = [incident for incident in incidents if incident.worksite_id in contacts_at]
    while len(links) < WITNESS_LINKS:
        incident = rng.choice(candidates)
        links.add((incident.pk, rng.choice(contacts_at[incident.worksite_id]).pk))
    bulk(Witness, [Witness(incident_id=incident, contact_id=contact) for incident, contact in sorted(links)])

    # Filings (linked to incidents of their worksite), protected activity, referrals.
    incidents_at = {}
    for incident in incidents:
        incidents_at.setdefault(incident.worksite_id, []).append(incident)
    filings = []
    for index in range(FILINGS):
        worksite = big if index < 10 else rng.choice(worksites)
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
    bulk(AgencyFiling, filings)
    Linked = AgencyFiling.incidents.through
    bulk(
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
    bulk(
        ProtectedActivity,
        [
            ProtectedActivity(
                worksite=big if index < 15 else rng.choice(worksites),
                kind=rng.choice(kinds),
                date=today - datetime.timedelta(days=rng.randint(0, YEARS * 365)),
                description="Workers delivered a petition about overtime",
                created_by=organizer,
            )
            for index in range(ACTIVITIES)
        ],
    )
    referred = incidents_at[big.pk][:5] + rng.sample(incidents, REFERRALS - 5)
    bulk(
        Referral,
        [
            Referral(incident=incident, reason="Threats and assault by the supervisor", referred_by=organizer)
            for incident in {incident.pk: incident for incident in referred}.values()
        ],
    )

    # One UPDATE per table: the stored tsvectors (the fields of Searchable.update_search_vector) and,
    # for worksites, a spread of "last changed" times (auto_now set them all to now).
    Worksite.objects.update(
        search_vector=search_vector(*Worksite.objects.all().search_fields),
        updated_at=RawSQL("now() - make_interval(mins => ((id * 7919) %% %s)::int)", [span_minutes]),
    )
    Incident.objects.update(
        search_vector=search_vector(*Incident.objects.all().search_fields)
    )
    Contact.objects.update(search_vector=search_vector(*Contact.objects.all().search_fields))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load: statistics, visibility
    return organizer


def targets():
    """The pages to time: (name, URL)."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from cases.models import Incident, Worksite

    worksites = Worksite.objects.annotate(incidents_count=Count("incidents"))
    typical = worksites.filter(incidents_count=TYPICAL_INCIDENTS).order_by("pk").first()
    big = worksites.order_by("-incidents_count", "pk").first()
    incident = (
        Incident.objects.filter(worksite=big)
        .annotate(
            witness_count=Count("witnesses", distinct=True), filing_count=Count("filings", distinct=True)
        )
        .order_by("-witness_count", "-filing_count", "-occurred_at")
        .first()
    )
    listing = reverse("cases:worksite_list")
    since = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    return [
        ("worksite list", listing),
        ("list: stage", f"{listing}?{urlencode({'stage': 'committee'})}"),
        (
            "list: incident type + since",
            f"{listing}?{urlencode({'incident_type': 'i9_notice', 'since': since})}",
        ),
        ("list: recently changed", f"{listing}?{urlencode({'sort': '-updated_at'})}"),
        ("list: page 50", f"{listing}?{urlencode({'page': 50})}"),
        (f"search: {SEARCH_WORD} (~{SEARCH_WORD_ROWS})", f"{listing}?{urlencode({'q': SEARCH_WORD})}"),
        (f"search: {RARE_WORD} (rare)", f"{listing}?{urlencode({'q': RARE_WORD})}"),
        (f"worksite ({TYPICAL_INCIDENTS} incidents)", typical.get_absolute_url()),
        (f"worksite ({big.incidents_count} incidents)", big.get_absolute_url()),
        ("incident", incident.get_absolute_url()),
        ("dashboard", reverse("dashboard")),
    ]


# --- Measuring ---------------------------------------------------------------------------------


def percentile(values, fraction):
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(client, url):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UPS):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    reset_queries()  # each request empties the log (DEBUG): count from zero
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    p95 = percentile(timings, 0.95)
    return {
        "url": url,
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(timings), 1),
        "queries": len(queries),
        "query_ms": round(sum(float(query["time"]) for query in queries.captured_queries) * 1000, 1),
        "pass": p95 < BUDGET_P95_MS,
    }


def counts():
    from cases.models import (
        AgencyFiling,
        Contact,
        Incident,
        ProtectedActivity,
        Referral,
        StageChange,
        Worksite,
    )

    return {
        str(model._meta.verbose_name_plural): model.objects.count()
        for model in [Worksite, Incident, Contact, StageChange, AgencyFiling, ProtectedActivity, Referral]
    }


def report(pages):
    headers = ("page", "p50 ms", "p95 ms", "max ms", "queries", "SQL ms", "result")
    rows = [
        (
            name,
            f"{page['p50_ms']:.1f}",
            f"{page['p95_ms']:.1f}",
            f"{page['max_ms']:.1f}",
            str(page["queries"]),
            f"{page['query_ms']:.1f}",
            "PASS" if page["pass"] else "FAIL",
        )
        for name, page in pages.items()
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{width}}}" if i == 0 else f"{{:>{width}}}" for i, width in enumerate(widths))
    print()
    print(line.format(*headers))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*row))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by an earlier run")
    options = parser.parse_args(argv)

    url = database_url()
    name = urlsplit(url).path.lstrip("/")
    reuse = options.reuse and database_exists(url)
    if not reuse:
        print(f"Creating the database {name} ...", flush=True)
        recreate_database(url)
    configure(url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from power_campaign.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    seed_seconds = None
    if reuse and User.objects.filter(username="bench-organizer").exists():
        print(f"Reusing the data in {name}.", flush=True)
    else:
        print(
            f"Seeding {WORKSITES:,} worksites, {INCIDENTS:,} incidents, {CONTACTS:,} contacts ...", flush=True
        )
        started = time.perf_counter()
        seed(random.Random(42))
        seed_seconds = round(time.perf_counter() - started, 1)
        print(f"Seeded in {seed_seconds:.0f} s.", flush=True)
    organizer = User.objects.get(username="bench-organizer")
    seeded = counts()

    client = Client(HTTP_HOST="localhost")
    client.force_login(organizer)
    load_before = os.getloadavg()[0]
    pages = {}
    for page_name, page_url in targets():
        print(f"  {page_name} ...", flush=True)
        pages[page_name] = measure(client, page_url)
    load_after = os.getloadavg()[0]
    report(pages)

    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "postgresql": connection.pg_version,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            # Other work on the machine inflates every figure: the 1-minute load average around the runs.
            "load_average": [round(load_before, 2), round(load_after, 2)],
        },
        "debug": settings.DEBUG,
        "database": name,
        "seed_seconds": seed_seconds,
        "rows": seeded,
        "warm_ups": WARM_UPS,
        "runs": RUNS,
        "budget_p95_ms": BUDGET_P95_MS,
        "pages": pages,
        "pass": all(page["pass"] for page in pages.values()),
    }
    RESULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    seeded_text = ", ".join(f"{count:,} {label}" for label, count in seeded.items())
    print(f"\nRows: {seeded_text}.")
    if seed_seconds is not None:
        print(f"Seeding took {seed_seconds:.0f} s.")
    print(
        f"Load average (1 min) before and after timing: {load_before:.2f}, {load_after:.2f} "
        f"({os.cpu_count()} CPUs)."
    )
    verdict = "all within budget" if results["pass"] else "OVER BUDGET"
    print(
        f"Written to {RESULT_PATH.relative_to(BASE_DIR)}: {verdict} (p95 < {BUDGET_P95_MS:.0f} ms per page)."
    )
    return 0 if results["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
