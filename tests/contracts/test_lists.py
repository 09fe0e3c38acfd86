"""The proposal list at scale: paginated, newest change first; the worksites to start a proposal for are
found by search once they no longer fit on one page."""

from django.urls import reverse

from contracts import services
from tests.cases.factories import WorksiteFactory

LIST = reverse("contracts:proposal_list")


def site(organization, organizer, name):
    worksite = WorksiteFactory(organization=organization, created_by=organizer, employer_name=name)
    worksite.update_search_vector()
    return worksite


def test_proposal_list_is_paginated_newest_change_first(client, organization, organizer):
    proposals = [
        services.create_proposal(
            worksite=site(organization, organizer, f"Site {index:02d}"), title=f"P{index:02d}", user=organizer
        )
        for index in range(26)
    ]
    client.force_login(organizer)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    past_the_end = client.get(LIST, {"page": 9})

    assert list(first.context["page"].object_list) == proposals[::-1][:25]
    assert list(second.context["page"].object_list) == [proposals[0]]
    assert list(past_the_end.context["page"].object_list) == [proposals[0]]
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_proposal_list_offers_every_worksite_while_they_fit_without_a_search(client, organization, organizer):
    acme = site(organization, organizer, "Acme Poultry")
    client.force_login(organizer)

    html = client.get(LIST).content.decode()

    create = reverse("contracts:proposal_create", args=[acme.uuid])
    assert f'<a href="{create}">New proposal for Acme Poultry</a>' in html
    assert 'name="q"' not in html
    assert "No proposals yet." in html


def test_proposal_list_with_many_worksites_offers_a_search(
    client, organization, organizer, other_organization
):
    for index in range(25):
        site(organization, organizer, f"Bravo {index:02d}")
    sol = site(organization, organizer, "Sol Naciente")
    theirs = WorksiteFactory(organization=other_organization, employer_name="Sol Poniente")
    theirs.update_search_vector()
    client.force_login(organizer)

    everything = client.get(LIST)
    found = client.get(LIST, {"q": "SÓL"})
    nothing = client.get(LIST, {"q": "zamboni"})

    assert len(everything.context["worksites"]) == 25
    assert everything.context["more_worksites"] is True
    assert '<input type="search" name="q" id="worksite-q" value="">' in everything.content.decode()
    assert "More worksites match: search for the one you need" in everything.content.decode()
    assert found.context["worksites"] == [sol]
    assert found.context["more_worksites"] is False
    assert "New proposal for Sol Naciente" in found.content.decode()
    assert "Sol Poniente" not in found.content.decode()
    assert nothing.context["worksites"] == []
    assert "No worksites match." in nothing.content.decode()
