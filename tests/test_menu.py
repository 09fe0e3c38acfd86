"""The main menu: contributed by the apps (`<app>/menu.py: items(request)`), the same for every role as
the hand-written menu it replaced: entries, order, labels, links and aria-current."""

import re

import pytest
from django.urls import reverse

from power_campaign import hooks
from power_campaign.menu import MenuItem, view_is
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

DASHBOARD = ("Dashboard", "/")
WORKSITES = ("Worksites", "/worksites/")
INCIDENTS = ("Incidents", "/worksites/incidents/")
REFERRALS = ("Referrals", "/worksites/referrals/")
AGREEMENTS = ("Agreements", "/agreements/")
REVIEWS = ("Agreement reviews", "/agreements/review/")
U_VISAS = ("U visas", "/uvisa/")
CONTRACTS = ("Contracts", "/contracts/")
LIBRARY = ("Clause library", "/contracts/library/")
PACKETS = ("Packets", "/documents/packets/")
AUDIT_LOG = ("Audit log", "/audit/")
MY_ACCOUNT = ("My account", "/account/")
ORGANIZATIONS = ("Organizations", "/organizations/")


def menu(response):
    """(label, link, marked current) for each link of the main menu, in order."""
    html = response.content.decode()
    nav = re.search(r'<nav class="main-nav" id="main-nav" aria-label="([^"]*)">(.*?)</nav>', html, re.S)
    links = re.findall(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>', nav.group(2))
    return [(label, href, bool(current)) for href, current, label in links]


def shown(*entries, current=None):
    return [(label, href, (label, href) == current) for label, href in entries]


def user_with(*roles, coalition_role=""):
    user = UserFactory(coalition_role=coalition_role)
    for role in roles:
        MembershipFactory(user=user, role=role, organization=OrganizationFactory())
    return user


@pytest.mark.parametrize(
    ("roles", "coalition_role", "expected"),
    [
        ((), "", [DASHBOARD, WORKSITES, INCIDENTS, AGREEMENTS, CONTRACTS, PACKETS, MY_ACCOUNT]),
        (
            ("organizer",),
            "",
            [DASHBOARD, WORKSITES, INCIDENTS, AGREEMENTS, CONTRACTS, LIBRARY, PACKETS, MY_ACCOUNT],
        ),
        (
            ("legal",),
            "",
            [
                *(DASHBOARD, WORKSITES, INCIDENTS, REFERRALS, AGREEMENTS),
                *(U_VISAS, CONTRACTS, LIBRARY, PACKETS, MY_ACCOUNT),
            ],
        ),
        (
            ("admin",),
            "",
            [
                DASHBOARD,
                WORKSITES,
                INCIDENTS,
                AGREEMENTS,
                REVIEWS,
                U_VISAS,
                CONTRACTS,
                LIBRARY,
                PACKETS,
                AUDIT_LOG,
                MY_ACCOUNT,
            ],
        ),
        (
            ("legal", "admin"),
            "",
            [
                DASHBOARD,
                WORKSITES,
                INCIDENTS,
                REFERRALS,
                AGREEMENTS,
                REVIEWS,
                U_VISAS,
                CONTRACTS,
                LIBRARY,
                PACKETS,
                AUDIT_LOG,
                MY_ACCOUNT,
            ],
        ),
        (
            ("organizer",),
            "legal",
            [
                *(DASHBOARD, WORKSITES, INCIDENTS, REFERRALS, AGREEMENTS),
                *(U_VISAS, CONTRACTS, LIBRARY, PACKETS, MY_ACCOUNT),
            ],
        ),
        (
            (),
            "admin",
            [
                DASHBOARD,
                WORKSITES,
                INCIDENTS,
                AGREEMENTS,
                REVIEWS,
                U_VISAS,
                CONTRACTS,
                LIBRARY,
                PACKETS,
                AUDIT_LOG,
                ORGANIZATIONS,
                MY_ACCOUNT,
            ],
        ),
    ],
    ids=[
        "no-membership",
        "organizer",
        "legal",
        "admin",
        "legal-and-admin",
        "coalition-legal",
        "coalition-admin",
    ],
)
def test_menu_shows_each_role_its_entries_in_order(client, roles, coalition_role, expected):
    client.force_login(user_with(*roles, coalition_role=coalition_role))

    response = client.get(reverse("dashboard"))

    assert menu(response) == shown(*expected, current=DASHBOARD)


@pytest.mark.parametrize(
    ("role", "page", "current"),
    [
        ("organizer", "worksite_list", WORKSITES),
        ("organizer", "worksite", WORKSITES),
        ("organizer", "incident_list", INCIDENTS),
        ("organizer", "incident_log", INCIDENTS),
        ("organizer", "incident", WORKSITES),
        ("organizer", "packet_list", PACKETS),
        ("organizer", "account", MY_ACCOUNT),
        ("organizer", "password_change", None),
        ("legal", "referral_list", REFERRALS),
        ("legal", "worksite", WORKSITES),
        ("legal", "uvisa_case_list", U_VISAS),
        ("admin", "event_list", AUDIT_LOG),
        ("admin", "dashboard", DASHBOARD),
    ],
)
def test_menu_marks_the_current_page_for_each_role(client, organization, role, page, current):
    user = member(role, organization)
    site = WorksiteFactory(organization=organization, created_by=user)
    urls = {
        "dashboard": reverse("dashboard"),
        "worksite_list": reverse("cases:worksite_list"),
        "worksite": site.get_absolute_url(),
        "incident_list": reverse("cases:incident_list"),
        "incident_log": f"{reverse('cases:incident_log')}?q=nothing",
        "incident": IncidentFactory(worksite=site).get_absolute_url(),
        "referral_list": reverse("cases:referral_list"),
        "uvisa_case_list": reverse("uvisa:case_list"),
        "packet_list": reverse("documents:packet_list"),
        "event_list": reverse("audit:event_list"),
        "account": reverse("accounts:account"),
        "password_change": reverse("accounts:password_change"),
    }
    entries = {
        "organizer": [DASHBOARD, WORKSITES, INCIDENTS, AGREEMENTS, CONTRACTS, LIBRARY, PACKETS, MY_ACCOUNT],
        "legal": [
            DASHBOARD,
            WORKSITES,
            INCIDENTS,
            REFERRALS,
            AGREEMENTS,
            U_VISAS,
            CONTRACTS,
            LIBRARY,
            PACKETS,
            MY_ACCOUNT,
        ],
        "admin": [
            DASHBOARD,
            WORKSITES,
            INCIDENTS,
            AGREEMENTS,
            REVIEWS,
            U_VISAS,
            CONTRACTS,
            LIBRARY,
            PACKETS,
            AUDIT_LOG,
            MY_ACCOUNT,
        ],
    }
    client.force_login(user)

    response = client.get(urls[page])

    assert response.status_code == 200
    assert menu(response) == shown(*entries[role], current=current)


def test_menu_in_spanish_has_spanish_labels(client, organization):
    user = member("legal", organization, language="es")
    client.force_login(user)

    response = client.get(reverse("cases:referral_list"))

    assert menu(response) == [
        ("Panel", "/", False),
        ("Lugares de trabajo", "/worksites/", False),
        ("Incidentes", "/worksites/incidents/", False),
        ("Remisiones", "/worksites/referrals/", True),
        ("Acuerdos", "/agreements/", False),
        ("Visas U", "/uvisa/", False),
        ("Contratos", "/contracts/", False),
        ("Biblioteca de cláusulas", "/contracts/library/", False),
        ("Paquetes", "/documents/packets/", False),
        ("Mi cuenta", "/account/", False),
    ]
    # The button the menu folds behind on a phone (static/js/menu.js), named in the user's language.
    toggle = (
        '<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="main-nav">'
        "Menú</button>"
    )
    assert toggle in response.content.decode()


def test_menu_is_not_shown_to_anonymous_visitors(client):
    response = client.get(reverse("accounts:login"))

    assert '<nav class="main-nav"' not in response.content.decode()
    assert 'class="menu-toggle"' not in response.content.decode()


def test_menu_item_is_shown_to_the_roles_it_names_or_to_everyone():
    everyone = MenuItem("Help", "/help/", view_is("help"))
    legal_only = MenuItem("U-visa", "/uvisa/", view_is("uvisa:list"), roles=("legal", "admin"))

    assert [everyone.shown_to(set()), legal_only.shown_to({"organizer"}), legal_only.shown_to({"admin"})] == [
        True,
        False,
        True,
    ]


def test_hooks_find_platform_apps_first_then_installed_apps_in_order(settings):
    settings.INSTALLED_APPS = [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "cases",
        "power_campaign.accounts",
        "power_campaign.audit",
        "power_campaign.documents",
    ]

    found = [module.__name__ for module in hooks.app_modules("menu")]

    assert found == [
        "power_campaign.accounts.menu",
        "power_campaign.audit.menu",
        "power_campaign.documents.menu",
        "cases.menu",
    ]


def test_hooks_pass_over_a_module_of_that_name_without_the_function():
    found = [module.__name__ for module in hooks.app_modules("deadlines", having="deadlines")]

    assert found == ["cases.deadlines", "agreements.deadlines", "uvisa.deadlines"]
    assert hooks.app_modules("deadlines", having="no_such_function") == []
    assert hooks.answers("deadlines", "no_such_function") == []


def test_hooks_collect_joins_what_each_app_returns(rf, organizer):
    request = rf.get("/")
    request.user = organizer

    labels = [str(item.label) for item in hooks.collect("menu", "items", request)]

    assert labels == [
        "My account",
        "Audit log",
        "Packets",
        "Worksites",
        "Incidents",
        "Referrals",
        "Agreements",
        "Agreement reviews",
        "U visas",
        "Contracts",
        "Clause library",
    ]
