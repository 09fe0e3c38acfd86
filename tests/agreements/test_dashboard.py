"""The home page's agreements panel for administrators."""

import datetime

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, BreachReport
from tests.agreements.conftest import VALUES, make_active
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.panels import dashboard_panels

PANEL = "agreements/dashboard/panel.html"


def panel(client, user):
    response = client.get(reverse("dashboard"))
    found = [context for template, context in dashboard_panels(response) if template == PANEL]
    return found[0] if found else None, response.content.decode()


@pytest.fixture
def landscape(organization, organizer, template, site, clock):
    """Around June 5, 2026: one active agreement expiring in 30 days, one in two years, one in review since
    June 1, one draft, and a possible breach at the first."""
    soon_site = WorksiteFactory(organization=organization, employer_name="Soon Foods")
    soon = make_active(soon_site, template, organizer, expires_on=datetime.date(2026, 7, 5))
    make_active(site, template, organizer)
    review = services.create_agreement(
        worksite=WorksiteFactory(organization=organization),
        template=template,
        values=dict(VALUES),
        user=organizer,
    )
    services.submit_for_review(agreement=review, user=organizer)
    Agreement.objects.filter(pk=review.pk).update(
        status_changed_at=datetime.datetime(2026, 6, 1, 15, 0, tzinfo=datetime.UTC)
    )
    services.create_agreement(worksite=site, template=template, values=dict(VALUES), user=organizer)
    breach = BreachReport.objects.create(
        agreement=soon,
        incident=IncidentFactory(worksite=soon_site, type="ice_visit"),
        status=BreachReport.Status.POSSIBLE,
        flagged_automatically=True,
    )
    return {"soon": soon, "review": review, "breach": breach}


def test_admin_panel_counts_agreements_by_status(client, admin, landscape):
    client.force_login(admin)

    context, _html = panel(client, admin)

    assert [(value, count) for value, _label, count in context["counts"]] == [
        ("draft", 1),
        ("in_review", 1),
        ("changes_requested", 0),
        ("approved", 0),
        ("out_for_signature", 0),
        ("partially_signed", 0),
        ("active", 2),
        ("expired", 0),
        ("terminated", 0),
    ]


def test_admin_panel_lists_expiring_agreements_reviews_and_possible_breaches(client, admin, landscape):
    client.force_login(admin)

    context, html = panel(client, admin)

    assert context["expiring"] == [landscape["soon"]]
    assert (context["reviews_waiting"], context["possible_count"], context["possible"]) == (
        1,
        1,
        [landscape["breach"]],
    )
    soon = landscape["soon"].get_absolute_url()
    assert f'<a href="{soon}">Soon Foods</a> · <time datetime="2026-07-05">July 5, 2026</time>' in html
    assert (
        "1 agreement waiting for review</a> · the oldest waiting since "
        '<time datetime="2026-06-01">June 1, 2026</time>'
    ) in html
    assert "Possible breaches to review" in html
    breach = landscape["breach"].get_absolute_url()
    assert f'<a href="{breach}">Soon Foods</a> · ICE visit or raid, March 10, 2026' in html


@pytest.mark.parametrize("who", ["organizer", "legal"])
def test_panel_not_shown_to_other_roles(client, landscape, who, request):
    client.force_login(request.getfixturevalue(who))

    context, html = panel(client, None)

    assert context is None
    assert "Possible breaches to review" not in html


def test_panel_of_another_organization_admin_counts_nothing_of_ours(client, other_admin, landscape):
    client.force_login(other_admin)

    context, _html = panel(client, other_admin)

    assert sum(count for _value, _label, count in context["counts"]) == 0
    assert (context["expiring"], context["reviews_waiting"], context["possible"]) == ([], 0, [])


def test_panel_says_when_there_is_nothing_to_review(client, admin, clock):
    client.force_login(admin)

    _context, html = panel(client, admin)

    assert "No possible breaches to review." in html
    assert "No agreements are waiting for review." in html
    assert "No active agreement expires in that time." in html
