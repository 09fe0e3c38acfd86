"""At the table: opening bargaining, each clause's status with its dates, counters with their redline,
ratification recording adopted clauses at the worksite (and on its timeline), the adoption view."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Stage
from contracts import adoption, services
from contracts.models import AdoptedClause, ClauseEvent, Proposal, ProposalClause
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed
from tests.cases.factories import StageChangeFactory, WorksiteFactory
from tests.contracts.conftest import DAY, clause
from tests.panels import dashboard_panels

LATER = DAY + datetime.timedelta(days=7)


def status_url(pc):
    return reverse("contracts:proposal_clause_status", args=[pc.uuid])


def test_open_bargaining_proposes_every_clause_on_the_day(client, organizer, composed):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_open", args=[composed.uuid]), {"date": DAY.isoformat()}
    )

    assert response.status_code == 302
    composed.refresh_from_db()
    assert composed.status == Proposal.Status.BARGAINING
    assert set(composed.clauses.values_list("status", "status_on")) == {("proposed", DAY)}
    assert list(ClauseEvent.objects.values_list("status", "date")) == [("proposed", DAY)] * 3
    assert (
        AuditEvent.objects.filter(
            object_type="contracts.proposal", summary="status: draft → bargaining"
        ).count()
        == 1
    )


def test_open_bargaining_with_a_future_date_changes_nothing(client, organizer, composed):
    client.force_login(organizer)

    client.post(reverse("contracts:proposal_open", args=[composed.uuid]), {"date": "2999-01-01"})

    composed.refresh_from_db()
    assert composed.status == Proposal.Status.DRAFT
    assert ClauseEvent.objects.count() == 0


def test_counter_page_records_the_counter_and_shows_its_redline(client, organizer, at_table):
    client.force_login(organizer)
    pc = at_table.clauses.get(clause__code="union-notice-immediate")
    ours = services.fill(pc.body_en, at_table.values)
    theirs = ours.replace("right away", "as soon as practical")

    response = client.post(
        status_url(pc),
        {
            "status": "countered",
            "date": LATER.isoformat(),
            "counter_text": theirs,
            "counter_language": "en",
            "note": "",
        },
    )

    assert response.status_code == 302
    pc.refresh_from_db()
    assert (pc.status, pc.status_on, pc.counter_text, pc.counter_language) == (
        "countered",
        LATER,
        theirs,
        "en",
    )
    assert list(pc.events.values_list("status", "date", "counter_text")) == [
        ("proposed", DAY, ""),
        ("countered", LATER, theirs),
    ]
    assert (
        AuditEvent.objects.filter(object_id=str(pc.uuid), summary="status: proposed → countered").count() == 1
    )
    page = client.get(pc.get_absolute_url()).content.decode()
    assert (
        "Acme Poultry will phone Local 705 <del>right away</del><ins>as soon as practical</ins> when" in page
    )


def test_counter_without_its_text_saves_nothing(client, organizer, at_table):
    client.force_login(organizer)
    pc = at_table.clauses.first()

    response = client.post(
        status_url(pc),
        {"status": "countered", "date": LATER.isoformat(), "counter_text": " ", "counter_language": "en"},
    )

    assert response.status_code == 200
    assert response.context["status_form"].errors == {"counter_text": ["Paste the employer's counter text."]}
    assert ProposalClause.objects.get(pk=pc.pk).status == "proposed"
    assert pc.events.count() == 1


def test_status_page_refuses_a_status_the_clause_cannot_reach(client, organizer, at_table):
    client.force_login(organizer)
    pc = at_table.clauses.first()

    response = client.post(
        status_url(pc), {"status": "ratified", "date": LATER.isoformat(), "counter_language": "en"}
    )

    assert response.status_code == 200
    assert list(response.context["status_form"].errors) == ["status"]
    assert ProposalClause.objects.get(pk=pc.pk).status == "proposed"


def test_status_of_another_organizations_clause_is_not_found(client, other_admin, at_table):
    client.force_login(other_admin)
    pc = at_table.clauses.first()

    response = client.post(
        status_url(pc), {"status": "tentative", "date": LATER.isoformat(), "counter_language": "en"}
    )

    assert response.status_code == 404
    assert ProposalClause.objects.get(pk=pc.pk).status == "proposed"


def test_status_page_answers_only_post(client, organizer, at_table):
    client.force_login(organizer)
    assert client.get(status_url(at_table.clauses.first())).status_code == 405


def test_record_status_before_bargaining_is_refused(composed, organizer):
    with pytest.raises(services.ContractError):
        services.record_status(
            proposal_clause=composed.clauses.first(), status="tentative", date=DAY, user=organizer
        )


def test_record_status_refuses_a_forbidden_change(at_table, organizer):
    pc = at_table.clauses.first()
    services.record_status(proposal_clause=pc, status="tentative", date=LATER, user=organizer)

    with pytest.raises(TransitionNotAllowed):
        services.record_status(proposal_clause=pc, status="withdrawn", date=LATER, user=organizer)
    assert ProposalClause.objects.get(pk=pc.pk).status == "tentative"


def agree_all(proposal, user):
    for pc in proposal.clauses.all():
        services.record_status(proposal_clause=pc, status="tentative", date=LATER, user=user)


def test_ratify_page_is_for_administrators(client, organizer, at_table):
    client.force_login(organizer)
    assert client.get(reverse("contracts:proposal_ratify", args=[at_table.uuid])).status_code == 403


def test_ratify_with_a_clause_still_open_saves_nothing(client, admin, organizer, at_table):
    services.record_status(
        proposal_clause=at_table.clauses.first(), status="tentative", date=LATER, user=organizer
    )
    client.force_login(admin)

    response = client.post(
        reverse("contracts:proposal_ratify", args=[at_table.uuid]), {"date": LATER.isoformat()}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Every clause must be tentatively agreed or withdrawn first: Notice to the union, "
        "Social Security no-match letters."
    ]
    assert Proposal.objects.get(pk=at_table.pk).status == "bargaining"
    assert AdoptedClause.objects.count() == 0


def test_ratify_records_the_adopted_clauses_on_the_worksite_timeline(
    client, admin, organizer, at_table, site
):
    withdrawn = at_table.clauses.get(clause__code="no-match-letters")
    services.record_status(proposal_clause=withdrawn, status="withdrawn", date=LATER, user=organizer)
    for pc in at_table.clauses.exclude(pk=withdrawn.pk):
        services.record_status(proposal_clause=pc, status="tentative", date=LATER, user=organizer)
    client.force_login(admin)
    ratified_on = LATER + datetime.timedelta(days=1)

    response = client.post(
        reverse("contracts:proposal_ratify", args=[at_table.uuid]), {"date": ratified_on.isoformat()}
    )

    assert response.status_code == 302
    at_table.refresh_from_db()
    assert (at_table.status, at_table.ratified_on) == ("ratified", ratified_on)
    assert list(
        AdoptedClause.objects.order_by("proposal_clause__order").values_list(
            "worksite", "title", "strength", "ratified_on"
        )
    ) == [
        (site.pk, "Immigration agents at the workplace", "model", ratified_on),
        (site.pk, "Notice to the union", "model", ratified_on),
    ]
    assert sorted(at_table.clauses.values_list("status", flat=True)) == ["ratified", "ratified", "withdrawn"]
    assert (
        AuditEvent.objects.filter(
            summary=f"contract ratified on {ratified_on.isoformat()} with 2 clauses"
        ).count()
        == 1
    )

    page = client.get(site.get_absolute_url())
    entries = [(e.kind, e.label, e.detail) for e in page.context["timeline"] if e.kind == "contract"]
    assert entries == [
        (
            "contract",
            "Clause adopted: Immigration agents at the workplace",
            "ICE access to the worksite: judicial warrant only",
        ),
        (
            "contract",
            "Clause adopted: Notice to the union",
            "Immediate notice to the union of ICE contact or investigation",
        ),
    ]


def test_a_ratified_clause_never_changes(admin, organizer, at_table):
    agree_all(at_table, organizer)
    services.ratify(proposal=at_table, date=LATER, user=admin)
    pc = at_table.clauses.first()

    with pytest.raises(services.ContractError):
        services.edit_clause(
            proposal_clause=pc,
            title_en="x",
            title_es="x",
            body_en="x",
            body_es="x",
            article=pc.article,
            order=1,
            user=admin,
        )


def test_ratify_by_an_organizer_is_refused(organizer, at_table):
    from django.core.exceptions import PermissionDenied

    agree_all(at_table, organizer)
    with pytest.raises(PermissionDenied):
        services.ratify(proposal=at_table, date=LATER, user=organizer)


def test_adoption_counts_ratified_contracts_per_topic_and_strength(admin, organizer, organization, at_table):
    agree_all(at_table, organizer)
    services.ratify(proposal=at_table, date=LATER, user=admin)
    # A second worksite, in bargaining, whose draft lacks everything but E-Verify.
    other = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Bravo Foods")
    StageChangeFactory(worksite=other, stage=Stage.BARGAINING, date=DAY)
    other.refresh_current_stage()
    draft = services.create_proposal(worksite=other, title="Bravo", user=organizer)
    services.add_clauses(proposal=draft, clauses=[clause("e-verify-no-enrollment")], user=organizer)

    result = adoption.summary(admin)

    rows = {row["topic"].code: row for row in result["rows"]}
    assert result["ratified"] == 1
    assert rows["ice_access"]["contracts"] == 1
    assert rows["ice_access"]["by_strength"] == [
        ("model", "Model", 1),
        ("fallback", "Fallback", 0),
        ("minimum", "Minimum", 0),
    ]
    assert rows["e_verify"]["contracts"] == 0
    assert [w.employer_name for w in rows["ice_access"]["lacking"]] == ["Bravo Foods"]
    assert rows["e_verify"]["lacking"] == []
    assert [(bar.key, bar.count) for bar in result["chart"]["bars"]][:6] == [
        ("ice_access", 1),
        ("union_notice", 1),
        ("enforcement_conduct", 0),
        ("privacy", 0),
        ("no_match", 1),
        ("reverification", 0),
    ]


def test_adoption_page_shows_nothing_of_another_organization(client, other_admin, admin, organizer, at_table):
    agree_all(at_table, organizer)
    services.ratify(proposal=at_table, date=LATER, user=admin)
    client.force_login(other_admin)

    response = client.get(reverse("contracts:adoption"))

    assert response.status_code == 200
    assert response.context["ratified"] == 0
    assert response.context["chart"]["total"] == 0


def test_dashboard_shows_proposals_at_the_table(client, organizer, at_table):
    services.record_status(
        proposal_clause=at_table.clauses.first(), status="tentative", date=LATER, user=organizer
    )
    client.force_login(organizer)

    response = client.get(reverse("dashboard"))

    panels = dict(dashboard_panels(response))
    (proposal,) = panels["contracts/dashboard_panel.html"]["proposals"]
    assert (proposal.tentative, proposal.countered, proposal.open_clauses) == (1, 0, 3)


def test_close_page_closes_a_proposal_without_agreement(client, organizer, at_table):
    client.force_login(organizer)

    response = client.post(reverse("contracts:proposal_close", args=[at_table.uuid]))

    assert response.status_code == 302
    assert Proposal.objects.get(pk=at_table.pk).status == "closed"
    assert AdoptedClause.objects.count() == 0


def test_close_page_refuses_a_ratified_contract(client, admin, organizer, at_table):
    agree_all(at_table, organizer)
    services.ratify(proposal=at_table, date=LATER, user=admin)
    client.force_login(organizer)

    response = client.post(reverse("contracts:proposal_close", args=[at_table.uuid]), follow=True)

    assert Proposal.objects.get(pk=at_table.pk).status == "ratified"
    assert [str(m) for m in response.context["messages"]] == [
        "Contract proposal: cannot go from “Ratified” to “Closed without agreement”."
    ]


def test_clause_page_lists_the_history_with_past_counters(client, organizer, at_table):
    pc = at_table.clauses.first()
    services.record_status(
        proposal_clause=pc, status="countered", date=LATER, counter_text="Their words.", user=organizer
    )
    client.force_login(organizer)

    response = client.get(pc.get_absolute_url())

    assert [(e.status, e.date) for e in response.context["events"]] == [
        ("countered", LATER),
        ("proposed", DAY),
    ]
    assert '<p class="redline-text" lang="en">Their words.</p>' in response.content.decode()


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_adoption_page_query_count_is_the_same_for_1_and_3_contracts(
    client, admin, organizer, organization, at_table
):
    agree_all(at_table, organizer)
    services.ratify(proposal=at_table, date=LATER, user=admin)
    client.force_login(admin)
    url = reverse("contracts:adoption")
    one = count_queries(client, url)

    for index in range(2):
        site = WorksiteFactory(organization=organization, created_by=organizer, employer_name=f"Site {index}")
        proposal = services.create_proposal(worksite=site, title="C", values={"union": "U"}, user=organizer)
        services.add_clauses(proposal=proposal, clauses=[clause("e-verify-no-enrollment")], user=organizer)
        services.open_bargaining(proposal=proposal, date=DAY, user=organizer)
        agree_all(proposal, organizer)
        services.ratify(proposal=proposal, date=LATER, user=admin)

    assert count_queries(client, url) == one
    assert adoption.summary(admin)["ratified"] == 3


def test_library_page_query_count_does_not_grow_with_the_clauses(client, organizer):
    client.force_login(organizer)

    everything = count_queries(client, reverse("contracts:library"))
    one = count_queries(client, reverse("contracts:library") + "?q=Ruprecht")

    assert everything == one


def test_a_clause_added_at_the_table_is_proposed_that_day(organizer, at_table):
    (added,) = services.add_clauses(
        proposal=at_table, clauses=[clause("e-verify-no-enrollment")], date=LATER, user=organizer
    )

    assert (added.status, added.status_on) == ("proposed", LATER)
    assert list(added.events.values_list("status", "date")) == [("proposed", LATER)]
