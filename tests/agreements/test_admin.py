import pytest
from django.urls import reverse

from agreements.models import AgreementTemplate
from power_campaign.audit.models import AuditEvent
from tests.factories import UserFactory, member


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts


@pytest.fixture
def coalition_admin(db):
    return UserFactory(username="coalition", is_staff=True, coalition_role="admin")


def test_admin_published_template_is_read_only(client, coalition_admin, template):
    client.force_login(coalition_admin)
    url = reverse("admin:agreements_agreementtemplate_change", args=[template.pk])

    page = client.get(url)
    posted = client.post(url, {"name": "Renamed", "version": "1"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert posted.status_code == 403
    template.refresh_from_db()
    assert template.name == "ICE neutrality agreement"


def test_admin_draft_new_version_then_publish(client, coalition_admin, template):
    client.force_login(coalition_admin)
    url = reverse("admin:agreements_agreementtemplate_changelist")

    client.post(url, {"action": "draft_new_version", "_selected_action": [template.pk]})
    copy = AgreementTemplate.objects.get(version=2)
    assert copy.status == AgreementTemplate.Status.DRAFT
    assert copy.sections.count() == template.sections.count()
    draft_page = client.get(reverse("admin:agreements_agreementtemplate_change", args=[copy.pk]))
    assert draft_page.context["has_change_permission"] is True

    client.post(url, {"action": "publish", "_selected_action": [copy.pk]})

    copy.refresh_from_db()
    assert copy.status == AgreementTemplate.Status.PUBLISHED
    assert (
        AuditEvent.objects.for_object(copy).filter(summary="agreement template version 2 published").count()
        == 1
    )


def test_admin_organization_admin_reads_templates_but_does_not_publish(client, organization, template):
    staff = member("admin", organization, username="orgadmin", is_staff=True)
    client.force_login(staff)
    url = reverse("admin:agreements_agreementtemplate_changelist")

    assert client.get(url).status_code == 200
    client.post(url, {"action": "draft_new_version", "_selected_action": [template.pk]})

    assert AgreementTemplate.objects.count() == 1
