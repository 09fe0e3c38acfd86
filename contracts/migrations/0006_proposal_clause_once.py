"""A library clause is in a proposal once: a named unique constraint on (proposal, clause).

Where a proposal already has a clause more than once, a copy that carries nothing of its own is removed:
never taken to the table (proposed, with no status history) and with the library version's wording
unchanged (when every copy is such, the first stays); so is an article left without clauses by that. Two
copies that both carry something (a history at the table, edited wording) stop the migration with the
proposals and clauses to settle by hand: it does not choose between two histories or two wordings."""

from django.db import migrations, models
from django.db.models import Count

TEXTS = ("title_en", "title_es", "body_en", "body_es")


class ClauseAddedTwice(Exception):
    pass


def remove_copies_added_twice(ProposalClause, Article, using="default"):
    """Removes the later copies of a clause in a proposal that carry nothing of their own, and the articles
    they leave empty; returns how many copies it removed. ClauseAddedTwice, removing nothing, when a
    proposal would still have a clause twice."""
    clauses = ProposalClause.objects.using(using)
    twice = clauses.values("proposal", "clause").annotate(copies=Count("pk")).filter(copies__gt=1)
    removed, unsettled = [], []
    for group in twice.order_by("proposal", "clause"):
        copies = list(
            clauses.filter(proposal=group["proposal"], clause=group["clause"])
            .select_related("version", "proposal", "clause")
            .annotate(history=Count("events"))
            .order_by("pk")
        )
        bare = [
            copy
            for copy in copies
            if copy.status == "proposed"
            and not copy.history
            and all(getattr(copy, key) == getattr(copy.version, key) for key in TEXTS)
        ]
        extra = bare[1:] if len(bare) == len(copies) else bare
        if len(copies) - len(extra) > 1:
            first = copies[0]
            unsettled.append(f"proposal {first.proposal.uuid}: {first.clause.code} ({len(copies)} copies)")
        removed += extra
    if unsettled:
        raise ClauseAddedTwice(
            "These proposals have a clause more than once, with a status history or edited wording: "
            + "; ".join(unsettled)
            + ". Keep one copy of each (delete the others, with their status history, in a shell), then "
            "migrate again."
        )
    articles = {copy.article_id for copy in removed}
    clauses.filter(pk__in=[copy.pk for copy in removed]).delete()
    Article.objects.using(using).filter(pk__in=articles, clauses__isnull=True).delete()
    return len(removed)


def forwards(apps, schema_editor):
    remove_copies_added_twice(
        apps.get_model("contracts", "ProposalClause"),
        apps.get_model("contracts", "Article"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    # The removal is committed before the constraint is added: on PostgreSQL a table cannot be altered in
    # the transaction that deleted its rows (their foreign-key checks are deferred to the commit).
    atomic = False

    dependencies = [
        ("contracts", "0005_proposalclause_agreed_text"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, atomic=True),
        migrations.AddConstraint(
            model_name="proposalclause",
            constraint=models.UniqueConstraint(
                fields=("proposal", "clause"), name="contracts_proposal_clause_once"
            ),
        ),
    ]
