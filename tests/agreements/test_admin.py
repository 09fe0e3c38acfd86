import pytest
from django.urls import reverse

from agreements.models import AgreementTemplate, SignatureRequest
from power_campaign.audit.models import AuditEvent
from tests.agreements.signing_helpers import approve, send
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


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def signature_tokens(agreement, organizer, admin):
    """The agreement approved and sent to both parties' signers: {party: token}."""
    return send(approve(agreement, organizer, admin), admin)


def test_admin_signature_requests_list_for_a_superuser_without_their_tokens(
    client, superuser, signature_tokens
):
    client.force_login(superuser)

    response = client.get(reverse("admin:agreements_signaturerequest_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    rows = [(r.party, r.signer_name, r.signer_email) for r in response.context["cl"].result_list]
    assert rows == [
        ("employer", "John Whitfield", "jwhitfield@acme.example"),
        ("union", "Rosa Martínez", "rosa@local705.example"),
    ]
    assert html.count("Waiting for signature") == 2
    for request in SignatureRequest.objects.all():
        assert request.token_hash not in html
    for token in signature_tokens.values():
        assert token not in html


def test_admin_signature_request_page_is_read_only_without_its_tokens(client, superuser, signature_tokens):
    request = SignatureRequest.objects.get(party="union")
    client.force_login(superuser)
    url = reverse("admin:agreements_signaturerequest_change", args=[request.pk])

    page = client.get(url)
    posted = client.post(url, {"signer_name": "Someone else"})

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert page.context["has_delete_permission"] is False
    assert "rosa@local705.example" in html
    assert "token hash" not in html.lower()
    assert request.token_hash not in html
    assert signature_tokens["union"] not in html
    assert posted.status_code == 403
    request.refresh_from_db()
    assert request.signer_name == "Rosa Martínez"
    assert client.get(reverse("admin:agreements_signaturerequest_add")).status_code == 403


def test_admin_signature_requests_of_another_organization_are_not_listed(
    client, other_organization, signature_tokens
):
    client.force_login(member("admin", other_organization, username="theirs", is_staff=True))

    response = client.get(reverse("admin:agreements_signaturerequest_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
