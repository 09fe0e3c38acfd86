"""A library clause is in a proposal once: the service and the add page refuse it again, the page marks it,
and a named database constraint holds against two additions at once; migration 0006 settles proposals
that already have a clause twice."""

import importlib
import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from contracts import services
from contracts.models import Article, ProposalClause
from power_campaign.audit.models import AuditEvent
from tests.contracts.conftest import DAY, clause

MIGRATION = importlib.import_module("contracts.migrations.0006_proposal_clause_once")


def added_events():
    return AuditEvent.objects.filter(object_type="contracts.proposal", summary__startswith="clauses added")


def rows(proposal):
    clauses = proposal.clauses.order_by("article__order", "order")
    return list(clauses.values_list("article__order", "clause__code"))


COMPOSED = [
    (1, "ice-access-judicial-warrant"),
    (1, "union-notice-immediate"),
    (2, "no-match-letters"),
]


def test_adding_a_clause_the_proposal_has_is_refused_and_saves_nothing(composed, organizer):
    before = added_events().count()

    with pytest.raises(services.ContractError) as error:
        services.add_clauses(
            proposal=composed,
            clauses=[clause("immigration-leave"), clause("union-notice-immediate")],
            user=organizer,
        )

    assert error.value.messages == ["This proposal already has this clause: Notice to the union."]
    assert error.value.code == "clause_again"
    assert rows(composed) == COMPOSED  # the new clause is not added either
    assert Article.objects.filter(proposal=composed).count() == 2
    assert added_events().count() == before


def test_adding_several_clauses_the_proposal_has_names_them_all(composed, organizer):
    with pytest.raises(services.ContractError) as error:
        services.add_clauses(
            proposal=composed,
            clauses=[clause("no-match-letters"), clause("ice-access-judicial-warrant")],
            user=organizer,
        )

    assert error.value.messages == [
        "This proposal already has these clauses: Immigration agents at the workplace, "
        "Social Security no-match letters."
    ]


def test_a_withdrawn_clause_is_not_added_again(at_table, organizer):
    no_match = at_table.clauses.get(clause__code="no-match-letters")
    services.record_status(proposal_clause=no_match, status="withdrawn", date=DAY, user=organizer)

    with pytest.raises(services.ContractError):
        services.add_clauses(
            proposal=at_table, clauses=[clause("no-match-letters")], date=DAY, user=organizer
        )

    assert at_table.clauses.filter(clause__code="no-match-letters").count() == 1


def test_a_clause_given_twice_at_once_is_added_once(proposal, organizer):
    leave = clause("immigration-leave")

    added = services.add_clauses(proposal=proposal, clauses=[leave, leave], user=organizer)

    assert [pc.clause for pc in added] == [leave]
    assert rows(proposal) == [(1, "immigration-leave")]
    assert added_events().get().summary == "clauses added: immigration-leave v1"


def test_the_database_refuses_a_clause_twice_in_a_proposal(composed):
    pc = composed.clauses.get(clause__code="no-match-letters")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalClause.objects.create(
            proposal=composed,
            article=pc.article,
            order=2,
            clause=pc.clause,
            version=pc.version,
            title_en=pc.title_en,
            title_es=pc.title_es,
            body_en=pc.body_en,
            body_es=pc.body_es,
        )


def test_the_same_clause_may_be_in_two_proposals(composed, site, organizer):
    other = services.create_proposal(worksite=site, title="Other", user=organizer)

    services.add_clauses(proposal=other, clauses=[clause("no-match-letters")], user=organizer)

    assert ProposalClause.objects.filter(clause__code="no-match-letters").count() == 2


# The add page


def test_add_page_refuses_a_clause_the_proposal_has_and_saves_nothing(client, organizer, composed):
    client.force_login(organizer)
    before = added_events().count()

    response = client.post(
        reverse("contracts:proposal_add_clauses", args=[composed.uuid]),
        {"clauses": ["union-notice-immediate"], "article": "", "heading_en": "Again"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "clauses": ["This proposal already has this clause: Notice to the union."]
    }
    assert rows(composed) == COMPOSED
    assert Article.objects.filter(proposal=composed).count() == 2
    assert added_events().count() == before


def test_add_page_marks_the_clauses_the_proposal_has(client, organizer, composed):
    client.force_login(organizer)

    page = client.get(reverse("contracts:proposal_add_clauses", args=[composed.uuid])).content.decode()

    boxes = re.findall(r'<input type="checkbox" name="clauses" value="([^"]+)" id="[^"]+"( disabled)?>', page)
    assert len(boxes) == 21
    assert [code for code, disabled in boxes if disabled] == [
        "ice-access-judicial-warrant",
        "union-notice-immediate",
        "no-match-letters",
    ]
    assert (
        '">Notice to the union <span class="muted">· Immediate notice to the union of ICE contact or '
        "investigation · Model · already in this proposal</span></label>"
    ) in page
    assert page.count("already in this proposal") == 3


# Migration 0006: proposals that already have a clause twice


AFTER = ("contracts", "0006_proposal_clause_once")


def _at(executor, node):
    """The latest migrations of every app but contracts, which is at `node`."""
    return [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] != "contracts"] + [node]


COPIED = ["proposal_id", "clause_id", "version_id", "title_en", "title_es", "body_en", "body_es", "status"]


def _copy(ProposalClause, first, article, **changes):
    """Another copy of the clause of `first` in its proposal, as added twice before 0006."""
    fields = {"order": 1, **{name: getattr(first, name) for name in COPIED}, **changes}
    return ProposalClause.objects.create(article=article, **fields)


@pytest.fixture
def before_0006(migrated_back):
    """The database at 0005, with a proposal holding one clause (the library seeded by hand: an earlier
    test run in a transaction may have emptied it), and the models of then."""
    before = _at(migrated_back, ("contracts", "0005_proposalclause_agreed_text"))
    migrated_back.migrate(before)
    apps = migrated_back.loader.project_state(before).apps
    User = apps.get_model("accounts", "User")
    Organization = apps.get_model("accounts", "Organization")
    Worksite = apps.get_model("cases", "Worksite")
    ClauseTopic = apps.get_model("contracts", "ClauseTopic")
    Clause = apps.get_model("contracts", "Clause")
    ClauseVersion = apps.get_model("contracts", "ClauseVersion")
    Proposal = apps.get_model("contracts", "Proposal")
    Article = apps.get_model("contracts", "Article")
    ProposalClause = apps.get_model("contracts", "ProposalClause")
    user = User.objects.create(username="organizer")
    worksite = Worksite.objects.create(
        organization=Organization.objects.create(name="Local 12"), employer_name="Acme", created_by=user
    )
    topic = ClauseTopic.objects.create(
        code="leave-0006", order=99, label_en="Leave", label_es="Permiso", source="s", last_verified=DAY
    )
    library_clause = Clause.objects.create(code="leave-0006", topic=topic)
    version = ClauseVersion.objects.create(
        clause=library_clause, number=1, title_en="Leave", title_es="Permiso", body_en="B", body_es="C"
    )
    proposal = Proposal.objects.create(worksite=worksite, title="P", created_by=user)
    first_article = Article.objects.create(proposal=proposal, order=1, heading_en="Leave", heading_es="P")
    first = ProposalClause.objects.create(
        proposal=proposal,
        article=first_article,
        order=1,
        clause=library_clause,
        version=version,
        title_en="Leave",
        title_es="Permiso",
        body_en="B",
        body_es="C",
    )
    return apps, first, user


@pytest.mark.django_db(transaction=True)
def test_migration_removes_a_copy_added_twice_and_the_article_it_leaves_empty(before_0006):
    apps, first, _user = before_0006
    ProposalClause = apps.get_model("contracts", "ProposalClause")
    Article = apps.get_model("contracts", "Article")
    second_article = Article.objects.create(
        proposal_id=first.proposal_id, order=2, heading_en="Leave", heading_es="Permiso"
    )
    _copy(ProposalClause, first, second_article)

    executor = MigrationExecutor(connection)
    executor.migrate(_at(executor, AFTER))

    after = executor.loader.project_state(_at(executor, AFTER)).apps
    assert list(after.get_model("contracts", "ProposalClause").objects.values_list("pk", flat=True)) == [
        first.pk
    ]
    assert list(after.get_model("contracts", "Article").objects.values_list("order", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_a_copy_added_twice_with_its_own_wording_and_says_so(before_0006):
    apps, first, user = before_0006
    ProposalClause = apps.get_model("contracts", "ProposalClause")
    Article = apps.get_model("contracts", "Article")
    ClauseEvent = apps.get_model("contracts", "ClauseEvent")
    edited = _copy(ProposalClause, first, first.article, order=2, body_en="Our own wording")
    ClauseEvent.objects.create(proposal_clause=first, status="proposed", date=DAY, recorded_by=user)

    with pytest.raises(MIGRATION.ClauseAddedTwice) as error:
        MIGRATION.remove_copies_added_twice(ProposalClause, Article)

    proposal = apps.get_model("contracts", "Proposal").objects.get()
    assert str(error.value) == (
        "These proposals have a clause more than once, with a status history or edited wording: "
        f"proposal {proposal.uuid}: leave-0006 (2 copies). Keep one copy of each (delete the others, with "
        "their status history, in a shell), then migrate again."
    )
    assert ProposalClause.objects.count() == 2
    edited.delete()  # settled, so that the database goes forward again after the test


@pytest.mark.django_db(transaction=True)
def test_migration_removes_an_unchanged_copy_of_a_clause_edited_in_its_first(before_0006):
    """The first copy was edited and taken to the table; the later one is the library text, untouched."""
    apps, first, user = before_0006
    ProposalClause = apps.get_model("contracts", "ProposalClause")
    Article = apps.get_model("contracts", "Article")
    ProposalClause.objects.filter(pk=first.pk).update(body_en="Our own wording")
    apps.get_model("contracts", "ClauseEvent").objects.create(
        proposal_clause=first, status="proposed", date=DAY, recorded_by=user
    )
    _copy(ProposalClause, ProposalClause.objects.get(pk=first.pk), first.article, order=2, body_en="B")

    assert MIGRATION.remove_copies_added_twice(ProposalClause, Article) == 1

    assert list(ProposalClause.objects.values_list("pk", "body_en")) == [(first.pk, "Our own wording")]
    assert Article.objects.count() == 1
