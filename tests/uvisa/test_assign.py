"""Assigning a case to particular legal staff narrows who sees it; no assignee opens it to all of them."""

from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.cases.support import messages_of
from tests.factories import member


def test_case_is_assigned_to_chosen_legal_staff(client, case, legal, organization):
    colleague = member("legal", organization, username="colleague")
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:case_assign", args=[case.uuid]), {"assignees": [legal.pk, colleague.pk]}
    )
    assert response["Location"] == case.get_absolute_url()
    assert messages_of(response) == ["Assignment saved."]
    assert sorted(case.assignments.values_list("user__username", flat=True)) == ["colleague", "legal"]
    assert AuditEvent.objects.filter(object_id=str(case.uuid), action="update").get().summary == (
        "U-visa case assigned to colleague, legal"
    )
    outsider = member("legal", organization, username="outsider")
    client.force_login(outsider)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_assigning_others_only_takes_the_case_out_of_your_list(client, case, legal, organization):
    colleague = member("legal", organization, username="colleague")
    client.force_login(legal)
    response = client.post(reverse("uvisa:case_assign", args=[case.uuid]), {"assignees": [colleague.pk]})
    assert response["Location"] == reverse("uvisa:case_list")
    assert client.get(case.get_absolute_url()).status_code == 404


def test_no_assignee_opens_the_case_to_all_legal_staff(client, case, legal, organization):
    case.assignments.create(user=legal, assigned_by=legal)
    client.force_login(legal)
    client.post(reverse("uvisa:case_assign", args=[case.uuid]), {})
    assert case.assignments.count() == 0
    client.force_login(member("legal", organization))
    assert client.get(case.get_absolute_url()).status_code == 200


def test_only_legal_staff_of_the_organization_can_be_assigned(
    client, case, legal, organizer, other_organization
):
    stranger = member("legal", other_organization)
    client.force_login(legal)
    for person in (organizer, stranger):
        response = client.post(reverse("uvisa:case_assign", args=[case.uuid]), {"assignees": [person.pk]})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["assignees"]
    assert case.assignments.count() == 0
