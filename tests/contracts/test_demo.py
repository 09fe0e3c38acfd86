import pytest

from cases import demo as cases_demo
from contracts import demo
from contracts.models import AdoptedClause, ClauseEvent, Proposal
from power_campaign.accounts import demo as accounts_demo

pytestmark = pytest.mark.django_db


def test_demo_adds_a_proposal_at_the_table_and_a_ratified_contract_once():
    lines = []
    accounts_demo.seed(password="demo-password-1", log=lambda line: None)
    cases_demo.seed(password="demo-password-1", log=lambda line: None)

    demo.seed(password="demo-password-1", log=lines.append)
    demo.seed(password="demo-password-1", log=lines.append)

    assert lines == [
        "Demo contracts: a proposal at the table with counters and a ratified contract.",
        "Demo contracts: already there.",
    ]
    bargaining = Proposal.objects.get(worksite__employer_name="Pacific Vista Hospitality LLC")
    assert bargaining.status == "bargaining"
    assert sorted(bargaining.clauses.values_list("clause__code", "status")) == [
        ("e-verify-no-enrollment", "tentative"),
        ("enforcement-conduct", "proposed"),
        ("ice-access-judicial-warrant", "countered"),
        ("immigration-leave", "proposed"),
        ("language-access", "tentative"),
        ("no-match-letters", "proposed"),
        ("privacy-status", "proposed"),
        ("rehire-seniority", "proposed"),
        ("reverification-limits", "countered"),
        ("training-liaison", "withdrawn"),
        ("union-notice-immediate", "tentative"),
    ]
    assert ClauseEvent.objects.filter(proposal_clause__proposal=bargaining, counter_text__gt="").count() == 3
    assert sorted(bargaining.clauses.filter(status="tentative").values_list("clause__code", "agreed")) == [
        ("e-verify-no-enrollment", "ours"),
        ("language-access", "ours"),
        ("union-notice-immediate", "other"),
    ]
    ratified = Proposal.objects.get(worksite__employer_name="Midway Cold Storage & Distribution LLC")
    assert ratified.status == "ratified"
    assert AdoptedClause.objects.filter(proposal=ratified).count() == 8
    assert AdoptedClause.objects.filter(strength="minimum").count() == 1
