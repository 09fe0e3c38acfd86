"""The clause library in the Django admin: coalition administrators add versions (never change one);
organization staff read it; proposals and adopted clauses are read-only there."""

import pytest
from django.urls import reverse

from contracts.models import ClauseVersion
from power_campaign.audit.models import AuditEvent
from tests.contracts.conftest import clause
from tests.factories import UserFactory, member


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts


@pytest.fixture
def coalition_admin(db):
    return UserFactory(username="coalition", is_staff=True, coalition_role="admin")


def test_admin_add_version_starts_from_the_current_text_and_numbers_it(client, coalition_admin):
    e_verify = clause("e-verify-no-enrollment")
    current = e_verify.current_version()
    client.force_login(coalition_admin)
    url = reverse("admin:contracts_clauseversion_add")

    page = client.get(url, {"clause": e_verify.pk})
    assert page.context["adminform"].form.initial["body_es"] == current.body_es
    assert page.context["adminform"].form.initial["commentary_es"] == current.commentary_es

    response = client.post(
        url,
        {
            "clause": e_verify.pk,
            "title_en": current.title_en,
            "title_es": current.title_es,
            "body_en": "{employer} will never use E-Verify.",
            "body_es": current.body_es,
            "commentary": "",
            "commentary_es": "Nadie lo ha pedido todavía.",
            "sources": current.sources,
        },
    )

    assert response.status_code == 302
    latest = e_verify.current_version()
    assert (latest.number, latest.body_en, latest.commentary, latest.commentary_es, latest.created_by) == (
        2,
        "{employer} will never use E-Verify.",
        "",
        "Nadie lo ha pedido todavía.",
        coalition_admin,
    )
    assert ClauseVersion.objects.get(pk=current.pk).body_en == current.body_en
    assert AuditEvent.objects.filter(summary="clause e-verify-no-enrollment version 2 added").count() == 1


def test_admin_version_is_read_only(client, coalition_admin):
    version = clause("e-verify-no-enrollment").current_version()
    client.force_login(coalition_admin)
    url = reverse("admin:contracts_clauseversion_change", args=[version.pk])

    page = client.get(url)
    posted = client.post(url, {"clause": version.clause_id, "title_en": "Changed"})

    assert page.context["has_change_permission"] is False
    assert posted.status_code == 403
    assert ClauseVersion.objects.get(pk=version.pk).title_en == version.title_en


def test_admin_organization_staff_read_the_library_but_add_no_version(client, organization):
    staff = member("admin", organization, username="orgadmin", is_staff=True)
    client.force_login(staff)

    assert client.get(reverse("admin:contracts_clause_changelist")).status_code == 200
    assert client.get(reverse("admin:contracts_clauseversion_add")).status_code == 403
