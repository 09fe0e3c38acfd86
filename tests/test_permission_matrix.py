"""The permission matrix driver: every URL pattern has an access rule, and each rule holds on the site.

The rules and records come from each app's `tests/<app>/permissions.py` (tests/matrix.py says how).
A view added without a rule makes `test_every_url_pattern_has_an_access_rule` fail; a view whose
access check is missing or wrong makes its `test_url_follows_its_access_rule[...]` fail, naming each
request that went wrong.
"""

import importlib
from types import ModuleType

import pytest
from django.urls import get_resolver

from tests.factories import member
from tests.matrix import (
    GET,
    GET_POST,
    LEGAL_ONLY,
    PROJECT,
    SIGNED_IN,
    Rule,
    check_rule,
    collected_rules,
    make_context,
    rule_problems,
    site_modules,
    url_patterns,
)

MODULES = site_modules()
RULES = collected_rules(MODULES)
CHECKED = sorted(name for name, rule in RULES.items() if not rule.django_admin)


def test_every_url_pattern_has_an_access_rule():
    problems = rule_problems(list(url_patterns()), MODULES)
    assert problems == [], "\n".join(problems)


@pytest.fixture
def ctx(db):
    return make_context(MODULES)


@pytest.mark.parametrize("name", CHECKED)
def test_url_follows_its_access_rule(client, ctx, name):
    problems = check_rule(client, name, RULES[name], ctx)
    assert problems == [], "\n".join(problems)


def test_django_admin_requires_login_then_staff(client, ctx):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302), ("/login/?next=%2Fadmin%2F", 302)]
    client.force_login(member("admin", ctx["organization"]))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


# The driver's own checks, on a small URLconf (tests/matrix_selftest_urls.py).

SELFTEST_URLS = "tests.matrix_selftest_urls"


def rules_module(rules):
    module = ModuleType("tests.permissions")
    module.RULES = rules
    return module


def selftest_modules(rules):
    return {PROJECT: rules_module(rules), "accounts": importlib.import_module("tests.accounts.permissions")}


def test_matrix_reports_a_url_without_a_rule():
    patterns = list(url_patterns(get_resolver(SELFTEST_URLS)))
    modules = selftest_modules({"page": Rule(GET), "any_method": Rule(GET), "gone": Rule(GET)})
    assert rule_problems(patterns, modules) == [
        "unlisted: no rule in tests.permissions",
        "gone: rule in tests.permissions for no URL",
    ]


def test_matrix_reports_an_app_without_a_permissions_module():
    patterns = list(url_patterns(get_resolver(SELFTEST_URLS)))
    modules = {**selftest_modules({}), PROJECT: None}
    assert rule_problems(patterns, modules) == [
        "tests.permissions is missing: it must give the rules of ['any_method', 'page', 'unlisted']"
    ]


@pytest.fixture
def selftest_ctx(settings, organization, other_organization):
    settings.ROOT_URLCONF = SELFTEST_URLS
    return {"organization": organization, "other": other_organization, "records": {}}


def test_matrix_reports_every_method_answered_but_not_allowed(client, selftest_ctx):
    assert check_rule(client, "any_method", Rule(GET, roles=SIGNED_IN), selftest_ctx) == [
        "any_method HEAD (not allowed): 200, expected 405",
        "any_method POST (not allowed): 200, expected 405",
        "any_method PUT (not allowed): 200, expected 405",
        "any_method PATCH (not allowed): 200, expected 405",
        "any_method DELETE (not allowed): 200, expected 405",
        "any_method OPTIONS (not allowed): 200, expected 405",
    ]


def test_matrix_reports_an_allowed_method_the_view_refuses(client, selftest_ctx):
    assert check_rule(client, "page", Rule(GET_POST, roles=SIGNED_IN), selftest_ctx) == [
        "page POST: 405, but the rule allows it"
    ]


def test_matrix_reports_a_role_the_view_lets_through(client, selftest_ctx):
    assert check_rule(client, "page", Rule(GET, roles=LEGAL_ONLY), selftest_ctx) == [
        "page as admin: 200, expected 403",
        "page as no role: 200, expected 403",
        "page as organizer: 200, expected 403",
    ]


def test_matrix_passes_a_rule_the_view_follows(client, selftest_ctx):
    assert check_rule(client, "page", Rule(GET, roles=SIGNED_IN), selftest_ctx) == []
