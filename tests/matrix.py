"""The permission matrix: every URL pattern has an access rule, and each rule is checked against the site.

Each app contributes the rules for its own URL patterns, and the records they point at, in
`tests/<app label>/permissions.py` (the project's own URLconf in `tests/permissions.py`):

    RULES = {
        "cases:worksite": Rule(GET, kwargs=uuid_of("worksite"), org_scoped=True),
        "cases:referral_list": Rule(GET, roles=LEGAL_ONLY),
    }

    def records(organization, owner):
        # One of each record the URLs point at, in `organization`; `owner` is a legal staff member there.
        return {"worksite": Worksite.objects.create(...)}

`tests/test_permission_matrix.py` finds these modules by name for every app whose URLconf is included
in the site's, and checks each URL (`check_rule`):

- a signed-out visitor is sent to the login page (unless the rule is `public`);
- every role not in `roles` gets 403, and so does a signed-in user with no membership (`NO_ROLE`),
  unless the rule admits any signed-in user (`roles=SIGNED_IN`);
- an object of another organization is not found (404) for `org_scoped` rules, for every allowed role
  and for the user with no membership;
- every method not in `methods` (of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) answers 405, and
  every method in it does not. HEAD and OPTIONS are methods like the others: a view answering GET
  answers HEAD only if its rule lists HEAD (the site's views do not);
- every allowed role gets through (a status in `ok`, and not sent to the login page).

The functions below return the problems found, as sentences, rather than asserting: the driver's own
tests check that a wrong rule set is reported.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import OrganizationFactory, UserFactory, member

ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
ROLES = ("organizer", "legal", "admin")
NO_ROLE = "no role"  # a signed-in user who belongs to no organization
COALITION_ADMIN = "coalition admin"  # coalition staff with coalition_role "admin" and no membership

ANY_ROLE = frozenset(ROLES)  # any role in an organization
SIGNED_IN = ANY_ROLE | {NO_ROLE}  # any signed-in user, with or without a membership
LEGAL_ONLY = frozenset({"legal"})
ADMIN_ONLY = frozenset({"admin"})

GET = frozenset({"GET"})
POST = frozenset({"POST"})
GET_POST = frozenset({"GET", "POST"})

PROJECT = ""  # the owner of the patterns written in the root URLconf itself


@dataclass(frozen=True)
class Rule:
    methods: frozenset  # the methods the view answers; every other one must be 405
    roles: frozenset = ANY_ROLE  # who gets through: roles, and NO_ROLE for a user with no membership
    public: bool = False  # no sign-in needed (roles and org_scoped are then ignored)
    kwargs: Callable = field(default=lambda ctx: {})  # the URL's arguments, from the records (`ctx`)
    org_scoped: bool = False  # kwargs name an organization's object: another organization's is a 404
    ok: frozenset = frozenset({200, 302})  # statuses of a request that passed the access check
    django_admin: bool = False  # part of the Django admin, which checks is_staff itself (tested apart)


def own_org(ctx):
    return {"uuid": ctx["organization"].uuid}


def uuid_of(key):
    """The URL argument `uuid` of the record `key` of the organization in `ctx`."""
    return lambda ctx: {"uuid": ctx["records"][ctx["organization"].pk][key].uuid}


# Discovery


def url_patterns(resolver=None, namespace="", owner=None):
    """(owner, name) for every URL pattern: `owner` is the label of the app whose URLconf defines it
    (PROJECT for the root URLconf); the Django admin's own patterns are left out."""
    resolver = resolver or get_resolver()
    if owner is None:
        owner = owner_of(resolver.urlconf_name)
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: is_staff, then OrganizationScopedAdmin (tests/*/test_admin*.py)
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner, owner_of(pattern.urlconf_name))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield owner, f"{namespace}{name}"


def owner_of(urlconf):
    name = urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", "")
    config = apps.get_containing_app_config(name) if name else None
    return config.label if config else PROJECT


def module_name(owner):
    return f"tests.{owner}.permissions" if owner else "tests.permissions"


def rule_modules(owners):
    """The permissions module of each owner: {owner: module or None if it has none}."""
    found = {}
    for owner in sorted(owners):
        try:
            found[owner] = importlib.import_module(module_name(owner))
        except ModuleNotFoundError as error:
            if error.name != module_name(owner):
                raise
            found[owner] = None
    return found


def rule_problems(patterns, modules):
    """What is wrong with the rule set: a URL without a rule, a rule without a URL, a rule given by
    another app than the one defining the URL, an app with URLs but no permissions module."""
    problems = []
    by_owner = {}
    for owner, name in patterns:
        by_owner.setdefault(owner, set()).add(name)
    for owner, names in sorted(by_owner.items()):
        module: ModuleType | None = modules.get(owner)
        if module is None:
            problems.append(f"{module_name(owner)} is missing: it must give the rules of {sorted(names)}")
            continue
        declared = set(module.RULES)
        problems += [f"{name}: no rule in {module.__name__}" for name in sorted(names - declared)]
        problems += [f"{name}: rule in {module.__name__} for no URL" for name in sorted(declared - names)]
    return problems


def collected_rules(modules):
    return {name: rule for module in modules.values() if module for name, rule in module.RULES.items()}


def site_modules():
    return rule_modules({owner for owner, _ in url_patterns()} | {PROJECT})


# Records


def make_context(modules):
    """Two organizations, each with one of every record the apps' rules point at."""
    organization = OrganizationFactory(name="Local 12")
    other = OrganizationFactory(name="Centro Unido")
    records = {}
    for org in (organization, other):
        owner = member("legal", org)
        records[org.pk] = {}
        for module in modules.values():
            if module is not None and hasattr(module, "records"):
                records[org.pk].update(module.records(org, owner))
    return {"organization": organization, "other": other, "records": records}


# The checks


def send(client, method, url):
    return getattr(client, method.lower())(url)


def user_for(role, ctx):
    """The user holding `role` in the context's organization (or no membership at all, for NO_ROLE)."""
    users = ctx.setdefault("users", {})
    if role not in users:
        if role == COALITION_ADMIN:
            users[role] = UserFactory(coalition_role="admin")
        else:
            users[role] = UserFactory() if role == NO_ROLE else member(role, ctx["organization"])
    return users[role]


def check_rule(client, name, rule, ctx):
    """Every problem with URL `name` against its rule, as sentences (an empty list when all is well)."""
    url = reverse(name, kwargs=rule.kwargs(ctx))
    first = "GET" if "GET" in rule.methods else sorted(rule.methods)[0]
    checks = [] if rule.public else [signed_out, refused, other_organization]
    problems = []
    for check in [*checks, methods, let_through]:
        client.logout()
        problems += [f"{name} {problem}" for problem in check(client, name, rule, ctx, url, first)]
    client.logout()
    return problems


def unexpected(what, response, statuses):
    if response.status_code in statuses:
        return []
    return [f"{what}: {response.status_code}, expected {' or '.join(map(str, statuses))}"]


def signed_out(client, name, rule, ctx, url, first):
    response = send(client, first, url)
    login = f"{reverse(settings.LOGIN_URL)}?next={url}"
    if response.status_code == 302 and response["Location"] != login:
        return [f"signed out: sent to {response['Location']}, not to the login page"]
    return unexpected("signed out", response, [302])


def refused(client, name, rule, ctx, url, first):
    """Roles not in the rule: 403; a user with no membership: 403, or 404 for an organization's object."""
    problems = []
    for role in sorted(SIGNED_IN - rule.roles):
        client.force_login(user_for(role, ctx))
        status = 404 if rule.org_scoped and role == NO_ROLE else 403
        problems += unexpected(f"as {role}", send(client, first, url), [status])
    return problems


def other_organization(client, name, rule, ctx, url, first):
    if not rule.org_scoped:
        return []
    other_url = reverse(name, kwargs=rule.kwargs({**ctx, "organization": ctx["other"]}))
    problems = []
    for role in sorted(rule.roles):
        client.force_login(user_for(role, ctx))
        response = send(client, first, other_url)
        problems += unexpected(f"as {role}, another organization's object", response, [404])
    return problems


def methods(client, name, rule, ctx, url, first):
    """Every method the rule does not list: 405; every other one it lists: anything but 405."""
    if not rule.public:
        client.force_login(user_for(sorted(rule.roles)[0], ctx))
    problems = []
    for method in ALL_METHODS:
        response = send(client, method, url) if method != first else None
        if method not in rule.methods:
            problems += unexpected(f"{method} (not allowed)", response, [405])
        elif response is not None and response.status_code == 405:
            problems.append(f"{method}: 405, but the rule allows it")
    return problems


def let_through(client, name, rule, ctx, url, first):
    """Every allowed role (anyone, for a public page) passes the access check."""
    problems = []
    for role in [None] if rule.public else sorted(rule.roles):
        if role:
            client.force_login(user_for(role, ctx))
        response = send(client, first, url)
        problems += unexpected(f"as {role or 'anyone'}", response, sorted(rule.ok))
        login = reverse(settings.LOGIN_URL)
        if role and response.status_code == 302 and response["Location"].startswith(login):
            problems.append(f"as {role}: sent to the login page")
    return problems
