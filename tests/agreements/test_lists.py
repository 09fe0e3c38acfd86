"""The agreement list and the review queue at scale: paginated, the worksites to draft for found by search."""

from django.urls import reverse

from agreements import services
from agreements.models import Agreement
from tests.agreements.conftest import VALUES
from tests.cases.factories import WorksiteFactory

LIST = reverse("agreements:agreement_list")
QUEUE = reverse("agreements:review_queue")


def draft(organization, organizer, template, name):
    site = WorksiteFactory(organization=organization, created_by=organizer, employer_name=name)
    site.update_search_vector()
    return services.create_agreement(worksite=site, template=template, values=VALUES, user=organizer)


def test_agreement_list_is_paginated_newest_change_first(client, organization, organizer, template):
    agreements = [draft(organization, organizer, template, f"Site {index:02d}") for index in range(26)]
    client.force_login(organizer)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert list(first.context["page"].object_list) == agreements[::-1][:25]
    assert list(second.context["page"].object_list) == [agreements[0]]
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_agreement_list_offers_every_worksite_while_they_fit_without_a_search(
    client, organization, organizer
):
    site = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
    client.force_login(organizer)

    html = client.get(LIST).content.decode()

    create = reverse("agreements:agreement_create", args=[site.uuid])
    assert f'<a href="{create}">New agreement for Acme Poultry</a>' in html
    assert 'name="q"' not in html


def test_agreement_list_with_many_worksites_offers_a_search(
    client, organization, organizer, other_organization
):
    for index in range(25):
        WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Bravo {index:02d}")
    sol = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Sol Naciente")
    sol.update_search_vector()
    theirs = WorksiteFactory(organization=other_organization, employer_name="Sol Poniente")
    theirs.update_search_vector()
    client.force_login(organizer)

    everything = client.get(LIST)
    found = client.get(LIST, {"q": "sol"})
    nothing = client.get(LIST, {"q": "zamboni"})

    assert len(everything.context["worksites"]) == 25
    assert everything.context["more_worksites"] is True
    assert '<input type="search" name="q" id="worksite-q" value="">' in everything.content.decode()
    assert "More worksites match" in everything.content.decode()
    assert found.context["worksites"] == [sol]
    assert "New agreement for Sol Naciente" in found.content.decode()
    assert "Sol Poniente" not in found.content.decode()
    assert nothing.context["worksites"] == []
    assert "No worksites match." in nothing.content.decode()


def test_agreement_list_in_spanish_offers_the_search(client, organization, organizer):
    for index in range(26):
        WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Bravo {index:02d}")
    client.force_login(organizer)

    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<label for="worksite-q">Buscar un lugar de trabajo</label>' in html


def test_review_queue_is_paginated_oldest_first(client, organization, organizer, admin, template):
    waiting = []
    for index in range(26):
        agreement = draft(organization, organizer, template, f"Site {index:02d}")
        services.submit_for_review(agreement=agreement, user=organizer)
        waiting.append(agreement)
    client.force_login(admin)

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"page": 2})

    assert list(first.context["page"].object_list) == waiting[:25]
    assert list(second.context["page"].object_list) == [waiting[25]]
    assert Agreement.objects.review_queue().count() == 26
    assert 'href="?page=2" rel="next"' in first.content.decode()
