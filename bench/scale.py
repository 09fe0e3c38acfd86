"""Pages at coalition scale (`make bench`, through bench/run.py; never part of `make test`).

Seeds a coalition-sized data set on PostgreSQL, then times the main pages of each role in process with
django.test.Client (server time: middleware, view, queries, template; no network).

The data set: 200 organizations with their members, then whatever each installed app adds through its
`<app>/bench.py` hook (found by `power_campaign.hooks`, like `demo.py`):

- `seed(scale)`: adds the app's rows in bulk, deterministically (`scale.rng`). `scale.organizations`
  are the 200 organizations (`scale.worksite_counts(n)` spreads n records over them: nine tenths in the
  two big ones), `scale.empty` an organization holding one bare record of each kind (no children),
  `scale.users[role]` the full-scale user of each role (a member of the two big organizations, so
  their pages show 18,000 of the 20,000 worksites), `scale.empty_users[role]` the same roles in the empty
  organization only, `scale.staff[organization pk]` each organization's organizers. `scale.shared`
  is where an app leaves what a later app needs (cases leaves "worksites" and "incidents").
- `pages(scale)`: the pages to time, a list of `{"name", "role", "url", "empty_url"}`: the page at full
  scale, and the same page in the empty organization (`empty_url`; the same URL for a list). Both
  are requested as `scale.users[role]` and `scale.empty_users[role]`.
- `DASHBOARD_CHANGES = {role: (topic, "what changed")}`: the change that role makes most in the app's
  records, after which their dashboard is timed too (`("cases", "an incident")`).

Every page gets: p50 and p95 over RUNS requests (after WARM_UPS), the query count at full scale and in
the empty organization (they must be equal: no query per row), the SQL time of one request, and
floor_ratio: its p50 over that of a minimal view behind the same middleware and login (bench/urls.py,
requested as the same user; the framework's own floor). The runs go round-robin over the pages, so
other work on the machine weighs on every page alike. The Django admin's change list of worksites at the
same scale is timed too, as the generic alternative: every page must be faster than it.

The home page keeps each app's panels in the cache until the records they show change in the user's
organizations, and the task worker makes them again ahead of their readers: after each change (once it
commits), and just after midnight for the new day. Each dashboard is timed as its reader gets it, then
in the two cases where the worker has the work to do: after the change its user makes most (the apps'
DASHBOARD_CHANGES: the parts made from that app's records forgotten, as the change does) and "made
whole" (every part forgotten: the new day's). Each is timed twice: "by the worker" is the worker's time
to make what is missing (power_campaign.dashboard.warm, no request), the delay before the reader finds
the dashboard ready; "by the reader" is the page of a reader who comes before the worker is done (they
then make it themselves).

Budgets (2-core machine): p95 under 150 ms; floor_ratio at most 8; p50 under the admin change list's;
queries equal on the empty organization and at full scale. A dashboard made "by the reader" (a reader
ahead of the worker: within the worker's delay after a change, or in the first minute of the day) and
made "by the worker" are held to the p95 budget and equal queries; the floor ratio and the admin list
judge the page as it is served, from the worker's panels.

The database is PostgreSQL, created afresh: DATABASE_URL if it names a database whose name contains
"bench", otherwise a database named power_bench_cases on the same server (default
postgres://postgres@127.0.0.1:5432/power_bench_cases). It is dropped and created through the
`postgres` maintenance database, so a developer's database is never touched. `--reuse` keeps a
database seeded by an earlier run (migrations are still applied). `--busy` keeps one core busy with a
spinning process while timing, to see the pages hold their budget on a loaded machine.

Writes the figures to var/bench/pages.json (bench/run.py folds them into var/bench/latest.json). Exit
status 0 if every page is within budget, 1 otherwise.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import platform
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULT_PATH = BASE_DIR / "var" / "bench" / "pages.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/power_bench_cases"
SEED_MARKER = "bench-organizer"  # a seeded database has this user

BUDGET_P95_MS = 150.0
BUDGET_FLOOR_RATIO = 8.0
WARM_UPS = 3
RUNS = 30
BATCH = 5_000

ORGANIZATIONS = 200
BIG_ORGANIZATIONS = ["Local 1000 (benchmark)", "Centro Unido (benchmark)"]
ORGANIZERS_BIG, ORGANIZERS_SMALL = 10, 2
FLOOR = "floor (minimal view)"
ADMIN_LIST = "admin: worksite change list"
WORKER, READER = "worker", "reader"  # who makes a dashboard after a change: see the docstring


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
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per timed request
    os.environ["DJANGO_SETTINGS_MODULE"] = "power_campaign.settings"
    os.environ["DATABASE_URL"] = url
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()

    from django.test.utils import override_settings

    from power_campaign import settings

    # Keep the development secrets (the field-encryption key) in var/, so that a later --reuse run can
    # read the encrypted fields this run writes.
    settings.prepare_var_dir()
    # The product's URLs plus the floor view, for this process only.
    override_settings(ROOT_URLCONF="bench.urls").enable()


# --- Seeding -----------------------------------------------------------------------------------


@dataclass
class Scale:
    """What the apps' `bench.seed(scale)` and `bench.pages(scale)` hooks share."""

    rng: random.Random
    now: datetime.datetime
    today: datetime.date
    organizations: list = field(default_factory=list)
    empty: object = None
    users: dict = field(default_factory=dict)
    empty_users: dict = field(default_factory=dict)
    staff: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)
    batch: int = BATCH

    def bulk(self, model, objects):
        """bulk_create in batches; returns the objects (with their primary keys on PostgreSQL)."""
        objects = list(objects)
        model.objects.bulk_create(objects, batch_size=self.batch)
        return objects

    def worksite_counts(self, total):
        """How `total` worksites spread over the organizations: the two big ones (whose members the
        full-scale users are) hold nine tenths, the 198 others share the rest."""
        big = [total * 6 // 10, total * 3 // 10]
        rest = total - sum(big)
        small = len(self.organizations) - len(big)
        return big + [rest // small + (1 if index < rest % small else 0) for index in range(small)]


def base_users(scale):
    """The organizations, the full-scale user of each role (member of every organization), the empty
    organization's users and each organization's organizers."""
    from power_campaign.accounts.models import Membership, Organization, Role, User

    names = BIG_ORGANIZATIONS + [
        f"Worker center {index} (benchmark)" for index in range(3, ORGANIZATIONS + 1)
    ]
    scale.organizations = scale.bulk(Organization, [Organization(name=name) for name in names])
    scale.empty = Organization.objects.create(name="Empty local (benchmark)")
    # The empty users belong to two organizations, like the full-scale ones (a second one changes the
    # filters shown); the second holds nothing at all.
    empty_too = Organization.objects.create(name="Empty center (benchmark)")
    for role, username in [
        (Role.ORGANIZER, SEED_MARKER),
        (Role.LEGAL, "bench-legal"),
        (Role.ADMIN, "bench-admin"),
    ]:
        user = User.objects.create_user(
            username=username, first_name="Ana", last_name="Torres", is_staff=role == Role.ADMIN
        )
        big = scale.organizations[: len(BIG_ORGANIZATIONS)]
        scale.bulk(Membership, [Membership(user=user, organization=o, role=role) for o in big])
        scale.users[role] = user
        empty = User.objects.create_user(username=f"empty-{role}", is_staff=role == Role.ADMIN)
        Membership.objects.create(user=empty, organization=scale.empty, role=role)
        Membership.objects.create(user=empty, organization=empty_too, role=role)
        scale.empty_users[role] = empty
    users = []
    for index, organization in enumerate(scale.organizations):
        count = ORGANIZERS_BIG if index < len(BIG_ORGANIZATIONS) else ORGANIZERS_SMALL
        users += [
            User(username=f"organizer-{organization.pk}-{n}", first_name="Organizer", last_name=str(n))
            for n in range(count)
        ]
    scale.bulk(User, users)
    users = User.objects.filter(username__startswith="organizer-").order_by("pk")
    memberships = []
    for user in users:
        organization_pk = int(user.username.split("-")[1])
        scale.staff.setdefault(organization_pk, []).append(user)
        memberships.append(Membership(user=user, organization_id=organization_pk, role=Role.ORGANIZER))
    scale.bulk(Membership, memberships)


def load_users(scale):
    """The users and organizations of an earlier seeding (--reuse)."""
    from power_campaign.accounts.models import Membership, Organization, Role, User

    scale.users = {
        Role.ORGANIZER: User.objects.get(username=SEED_MARKER),
        Role.LEGAL: User.objects.get(username="bench-legal"),
        Role.ADMIN: User.objects.get(username="bench-admin"),
    }
    scale.empty_users = {role: User.objects.get(username=f"empty-{role}") for role in Role.values}
    scale.empty = Organization.objects.get(name="Empty local (benchmark)")
    scale.organizations = list(
        Organization.objects.filter(name__endswith="(benchmark)")
        .exclude(name__startswith="Empty ")
        .order_by("pk")
    )
    for membership in Membership.objects.filter(user__username__startswith="organizer-"):
        scale.staff.setdefault(membership.organization_id, []).append(membership.user)


def seed(scale):
    from django.db import connection

    from power_campaign import hooks

    base_users(scale)
    for module in hooks.app_modules("bench"):
        if hasattr(module, "seed"):
            started = time.perf_counter()
            print(f"  {module.__name__} ...", flush=True)
            module.seed(scale)
            print(f"  {module.__name__}: {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load: statistics, visibility


def seed_missing(scale):
    """On a reused database, seed the apps whose hook says their data is not there yet (`seeded(scale)`
    false): an app's benchmark data added after the database was seeded."""
    from django.db import connection

    from power_campaign import hooks

    missing = [
        module
        for module in hooks.app_modules("bench")
        if hasattr(module, "seed") and hasattr(module, "seeded") and not module.seeded(scale)
    ]
    for module in missing:
        started = time.perf_counter()
        print(f"  {module.__name__} (not seeded yet) ...", flush=True)
        module.seed(scale)
        print(f"  {module.__name__}: {time.perf_counter() - started:.0f} s", flush=True)
    if missing:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def counts():
    """Rows per model of the apps that seed, for the report."""
    from django.apps import apps

    from power_campaign import hooks

    labels = {module.__name__.rsplit(".", 1)[0] for module in hooks.app_modules("bench")}
    found = {}
    for config in apps.get_app_configs():
        if config.name in labels or config.name == "power_campaign.accounts":
            for model in config.get_models():
                found[model._meta.label] = model._base_manager.count()
    return {label: count for label, count in found.items() if count}


# --- Measuring ---------------------------------------------------------------------------------


def percentile(values, fraction):
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def client_for(user):
    """A client signed in as `user` through a session made here: Client.force_login would add a sign-in
    to the audit trail at every run, and the dashboard's "Your recent activity" would show those instead
    of the seeded records (with other queries for their links)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client = Client(HTTP_HOST="localhost")
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def forget_panels(user, topic):
    """As if a record of `topic` (an app's label) had just been created in one of the user's organizations:
    the parts of their dashboard that read that app are made again at the next request (only theirs: the
    other pages' users keep their own; those that read only its existing records, "<app>:existing", are
    kept, as after a real creation). "accounts" (an organization renamed) is every part."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils import translation

    from power_campaign import dashboard

    request = RequestFactory().get("/")
    request.user = user
    with translation.override(settings.LANGUAGE_CODE):
        panels = dashboard.Panels(request)
        parts = {**panels.provider_parts(), **panels.panel_parts()}
        made_from = [panels.key(name, topics) for name, (topics, _make) in parts.items() if topic in topics]
        cache.delete_many(made_from)


def one_request(client, url, forget=None, worker=False):
    """(status, queries, SQL ms) of one request; `forget`: (user, topic) whose panels are forgotten just
    before (forget_panels); `worker`: the worker makes the forgotten panels instead (no request)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    if forget is not None:
        forget_panels(*forget)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        status = worker_makes(forget[0]) if worker else client.get(url).status_code
    sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    return status, len(queries), sql_ms


def worker_makes(user):
    """What the task worker does after a change for one reader (in English): 200 once done."""
    from power_campaign import dashboard

    dashboard.warm(user, "en")
    return 200


def targets(scale):
    """Every app's pages, then the floor and the admin change list."""
    from django.urls import reverse

    from power_campaign import hooks
    from power_campaign.accounts.models import Role

    pages = hooks.collect("bench", "pages", scale)
    # The home page keeps each app's panels in the cache until the records they show change: each
    # dashboard is timed as it is read again, as first read after the change its user makes most (an
    # organizer logs an incident...), and made again whole (the first read of the day).
    dashboards = [page for page in pages if page["url"] == reverse("dashboard")]
    changes = {}
    for module in hooks.app_modules("bench"):
        changes |= getattr(module, "DASHBOARD_CHANGES", {})
    made_again = []
    for page in dashboards:
        if page["role"] in changes:
            topic, change = changes[page["role"]]
            made_again.append({**page, "name": f"{page['name']} after {change}", "after_change": topic})
    for page in dashboards:
        made_again.append({**page, "name": f"{page['name']} made whole", "after_change": "accounts"})
    for by in (WORKER, READER):
        pages += [{**page, "name": f"{page['name']}, by the {by}", "made_by": by} for page in made_again]
    pages.append({"name": ADMIN_LIST, "role": Role.ADMIN, "url": reverse("admin:cases_worksite_changelist")})
    return pages


def spin(stop):  # pragma: no cover (another process)
    while not stop.is_set():
        sum(range(10_000))


def measure(scale, pages):
    """Time every page (round-robin over RUNS) and count its queries; the floor for each role."""
    from django.urls import reverse

    clients = {role: client_for(user) for role, user in scale.users.items()}
    empty_clients = {role: client_for(user) for role, user in scale.empty_users.items()}
    floor_url = reverse("bench_floor")
    roles = sorted({page["role"] for page in pages})
    rows = [{"name": f"{FLOOR} as {role}", "role": role, "url": floor_url, "floor": True} for role in roles]
    rows += [dict(page) for page in pages]

    def forget(row, users):
        return (users[row["role"]], row["after_change"]) if row.get("after_change") else None

    for row in rows:
        print(f"  {row['name']} ...", flush=True)
        client, full_forget = clients[row["role"]], forget(row, scale.users)
        worker = row.get("made_by") == WORKER
        for _ in range(WARM_UPS):
            status, _queries, _sql = one_request(client, row["url"], full_forget, worker)
            if status != 200:
                raise SystemExit(f"{row['name']}: {row['url']} answered {status}")
        _status, row["queries_full"], row["sql_ms"] = one_request(client, row["url"], full_forget, worker)
        row["queries_empty"] = None
        empty_url = row.get("empty_url", row["url"] if row.get("floor") else None)
        if empty_url:
            empty, empty_forget = empty_clients[row["role"]], forget(row, scale.empty_users)
            one_request(empty, empty_url, empty_forget, worker)  # warm-up
            status, row["queries_empty"], _sql = one_request(empty, empty_url, empty_forget, worker)
            if status != 200:
                raise SystemExit(f"{row['name']} (empty organization): {empty_url} answered {status}")
        row["timings"] = []

    for _ in range(RUNS):
        for row in rows:
            client, user = clients[row["role"]], scale.users[row["role"]]
            if row.get("after_change"):
                forget_panels(user, row["after_change"])
            started = time.perf_counter()
            worker_makes(user) if row.get("made_by") == WORKER else client.get(row["url"])
            row["timings"].append((time.perf_counter() - started) * 1000)

    floors = {}
    for row in rows:
        timings = row.pop("timings")
        row["p50_ms"] = round(percentile(timings, 0.5), 1)
        row["p95_ms"] = round(percentile(timings, 0.95), 1)
        row["max_ms"] = round(max(timings), 1)
        row["sql_ms"] = round(row["sql_ms"], 1)
        if row.get("floor"):
            floors[row["role"]] = row["p50_ms"]
    for row in rows:
        row["floor_ratio"] = round(row["p50_ms"] / floors[row["role"]], 1)
    return rows


def judge(rows):
    """Each page's budget misses (the floor and the admin list are references, not judged)."""
    admin = next(row for row in rows if row["name"] == ADMIN_LIST)
    for row in rows:
        misses = []
        if not row.get("floor") and row["name"] != ADMIN_LIST:
            if row["p95_ms"] >= BUDGET_P95_MS:
                misses.append(f"p95 {row['p95_ms']} >= {BUDGET_P95_MS:.0f} ms")
            served = not row.get("made_by")  # not the work a change or a new day leaves (the docstring)
            if served and row["floor_ratio"] > BUDGET_FLOOR_RATIO:
                misses.append(f"floor_ratio {row['floor_ratio']} > {BUDGET_FLOOR_RATIO:.0f}")
            if served and row["p50_ms"] >= admin["p50_ms"]:
                misses.append(f"p50 not under the admin change list's {admin['p50_ms']} ms")
            if row["queries_empty"] is None:
                misses.append("no empty-organization URL")
            elif row["queries_empty"] != row["queries_full"]:
                misses.append(f"queries {row['queries_empty']} (empty) != {row['queries_full']} (full)")
        row["misses"] = misses
        row["pass"] = not misses
    return rows


def table(rows):
    """The one table: name, p50, p95, queries empty/full, floor_ratio, result."""
    headers = (
        "page",
        "role",
        "p50 ms",
        "p95 ms",
        "queries empty",
        "queries full",
        "SQL ms",
        "floor ratio",
        "",
    )
    lines = [
        (
            row["name"],
            row["role"],
            f"{row['p50_ms']:.1f}",
            f"{row['p95_ms']:.1f}",
            "-" if row["queries_empty"] is None else str(row["queries_empty"]),
            str(row["queries_full"]),
            f"{row['sql_ms']:.1f}",
            f"{row['floor_ratio']:.1f}",
            "" if row.get("floor") or row["name"] == ADMIN_LIST else ("PASS" if row["pass"] else "FAIL"),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [headers, *lines]) for i in range(len(headers))]
    fmt = "  ".join(f"{{:<{w}}}" if i < 2 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*headers), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*line) for line in lines]
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by an earlier run")
    parser.add_argument("--busy", action="store_true", help="keep one core busy while timing")
    parser.add_argument("--only", help="time only the pages whose name contains this text")
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
    from django.utils import timezone

    from power_campaign.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    scale = Scale(rng=random.Random(42), now=now, today=timezone.localdate(now))
    seed_seconds = None
    if reuse and User.objects.filter(username=SEED_MARKER).exists():
        print(f"Reusing the data in {name}.", flush=True)
        load_users(scale)
        seed_missing(scale)
    else:
        print(f"Seeding {ORGANIZATIONS} organizations and every app's benchmark data ...", flush=True)
        started = time.perf_counter()
        seed(scale)
        seed_seconds = round(time.perf_counter() - started, 1)
        print(f"Seeded in {seed_seconds:.0f} s.", flush=True)
    seeded = counts()

    pages = targets(scale)
    if options.only:
        pages = [page for page in pages if options.only in page["name"] or page["name"] == ADMIN_LIST]
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=spin, args=(stop,), daemon=True) if options.busy else None
    if spinner:
        spinner.start()
    load_before = os.getloadavg()[0]
    print(f"Timing {len(pages)} pages, {RUNS} rounds ...", flush=True)
    try:
        rows = judge(measure(scale, pages))
    finally:
        if spinner:
            stop.set()
            spinner.join()
    load_after = os.getloadavg()[0]
    print()
    print(table(rows))
    for row in rows:
        for miss in row["misses"]:
            print(f"  {row['name']}: {miss}")

    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "postgresql": connection.pg_version,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            # Other work on the machine inflates every figure: the 1-minute load average around the runs.
            "load_average": [round(load_before, 2), round(load_after, 2)],
            "busy_core": options.busy,
        },
        "debug": settings.DEBUG,
        "database": name,
        "seed_seconds": seed_seconds,
        "rows": seeded,
        "warm_ups": WARM_UPS,
        "runs": RUNS,
        "budgets": {"p95_ms": BUDGET_P95_MS, "floor_ratio": BUDGET_FLOOR_RATIO},
        "pages": rows,
        "pass": all(row["pass"] for row in rows),
    }
    RESULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULT_PATH.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nRows: {', '.join(f'{count:,} {label}' for label, count in seeded.items())}.")
    if seed_seconds is not None:
        print(f"Seeding took {seed_seconds:.0f} s.")
    print(f"Load average (1 min) before and after timing: {load_before:.2f}, {load_after:.2f}.")
    verdict = "all within budget" if results["pass"] else "OVER BUDGET"
    print(f"Written to {RESULT_PATH.relative_to(BASE_DIR)}: {verdict}.")
    return 0 if results["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
