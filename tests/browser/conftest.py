"""Playwright (sync API) driving the system Chromium against pytest-django's live server."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path("/tmp/shots")


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One Chromium for the browser tests, stopped when they are done: Playwright's event loop must
    not outlive them (pyHanko, used by the document tests, runs its own loop).

    While the loop runs in the main thread, Django would refuse the tests' own ORM calls (factories,
    assertions on rows) as "async unsafe": allowed for exactly that time, so that the setting never
    leaks into other tests or their subprocesses. The test database exists before the loop starts."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(
            f"Chromium not found at {executable}: install Debian's chromium or set CHROMIUM_PATH",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield browser
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        browser.close()
        playwright.stop()


def _page(browser, **context_options):
    context = browser.new_context(locale="en-US", **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _page(browser, viewport={"width": 1280, "height": 800})
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = _page(
        browser,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
    )
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _password_only_login(settings):
    """Two-factor login is asked for only where a test turns it on (the environment may set roles)."""
    settings.TWO_FACTOR_REQUIRED_ROLES = []


# The reference data the data migrations seed: (migration module, its seeding function, a model it fills).
REFERENCE_DATA = [
    ("cases.migrations.0002_search_indexes_and_deadline_rules", "forwards", "cases.DeadlineRule"),
    ("agreements.migrations.0002_seed_components_and_template", "seed", "agreements.AgreementTemplate"),
    ("uvisa.migrations.0002_seed_reference_data", "seed", "uvisa.CertifyingAgency"),
    ("contracts.migrations.0002_seed_topics_and_clauses", "seed", "contracts.ClauseTopic"),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A live-server test empties the database after it, and serialized_rollback cannot put the rows back
    here (the connection it keeps them on is not the one the tests use while Playwright's event loop runs):
    what the data migrations seed is seeded again before each browser test, where it is missing."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    for module, function, model in REFERENCE_DATA:
        if not apps.get_model(model).objects.exists():
            getattr(import_module(module), function)(apps, SimpleNamespace(connection=connection))


@pytest.fixture
def shots():
    """Where screenshots for people to look at go (outside the repository). Tests take them with a
    60-second timeout: a full-page capture at the phone's pixel density is slow on a busy machine."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def login(page, live_server, username, password):
    """Sign in through the English login form, as a person would; return the response to the form."""
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label(re.compile(r"^Username:?$")).fill(username)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in").click()
    return navigation.value


def menu(page):
    """The main menu, opened first where it folds behind its button (a phone)."""
    toggle = page.locator("button.menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.get_by_role("navigation", name=re.compile("^(Main menu|Menú principal)$"))


def sign_out(page):
    """Press the main menu's sign-out button, in any language."""
    nav = menu(page)
    with page.expect_navigation():
        nav.locator("form[action='/logout/'] button").click()
