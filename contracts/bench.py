"""The contracts app's benchmark data and pages (`make bench`: bench/scale.py calls `seed` and `pages`).

2,000 contract proposals on the cases app's worksites (draft, at the table, ratified or closed), each with
two articles holding three to eight clauses copied from the seeded clause library's current versions,
the clauses in every bargaining status. The empty organization gets one proposal with one clause. The
clause library itself is the reference data its migrations seed. Written in bulk, deterministically
(`scale.rng`).
"""

import datetime

from django.urls import reverse

PROPOSALS = 2_000
STATUS_WEIGHTS = {"draft": 30, "bargaining": 40, "ratified": 20, "closed": 10}
CLAUSE_WEIGHTS = {"proposed": 40, "countered": 25, "tentative": 25, "withdrawn": 10}
SEARCH_WORD = "warrant"


def seeded(scale):
    from contracts.models import Proposal

    return Proposal.objects.exists()


def _proposal(scale, worksite, status, versions, user, clause_statuses):
    from contracts.models import Article, Proposal, ProposalClause

    rng = scale.rng
    proposal = Proposal(
        worksite=worksite,
        title=f"Contract proposal for {worksite.employer_name}",
        bargaining_unit="All production and maintenance workers",
        status=status,
        ratified_on=scale.today - datetime.timedelta(days=rng.randint(1, 300))
        if status == "ratified"
        else None,
        created_by=user,
    )
    articles = [
        Article(proposal=proposal, order=order, heading_en=heading, heading_es=heading_es)
        for order, (heading, heading_es) in enumerate(
            [("Immigration protections", "Protecciones migratorias"), ("Job security", "Seguridad laboral")],
            start=1,
        )
    ]
    statuses, weights = zip(*clause_statuses.items(), strict=True)
    clauses = [
        ProposalClause(
            proposal=proposal,
            article=articles[index % 2],
            order=index + 1,
            clause_id=version.clause_id,
            version=version,
            title_en=version.title_en,
            title_es=version.title_es,
            body_en=version.body_en,
            body_es=version.body_es,
            status="ratified" if status == "ratified" else rng.choices(statuses, weights)[0],
        )
        for index, version in enumerate(rng.sample(versions, rng.randint(3, min(8, len(versions)))))
    ]
    return proposal, articles, clauses


def seed(scale):
    from cases.models import Worksite
    from contracts.models import Article, ClauseVersion, Proposal, ProposalClause
    from power_campaign.accounts.models import Role

    rng = scale.rng
    user = scale.users[Role.ORGANIZER]
    versions = list(ClauseVersion.objects.current().order_by("pk"))
    worksites = scale.shared.get("worksites") or list(
        Worksite.objects.exclude(organization=scale.empty).only("pk", "employer_name").order_by("pk")
    )
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    proposals, articles, clauses = [], [], []
    for worksite in rng.sample(worksites, PROPOSALS):
        status = rng.choices(statuses, weights)[0]
        proposal, its_articles, its_clauses = _proposal(
            scale, worksite, status, versions, user, CLAUSE_WEIGHTS
        )
        proposals.append(proposal)
        articles += its_articles
        clauses += its_clauses
    scale.bulk(Proposal, proposals)
    for article in articles:
        article.proposal_id = article.proposal.pk
    scale.bulk(Article, articles)
    for clause in clauses:
        clause.proposal_id, clause.article_id = clause.proposal.pk, clause.article.pk
    scale.bulk(ProposalClause, clauses)

    bare = Worksite.objects.get(organization=scale.empty, employer_name="Bare Foods")
    proposal, its_articles, its_clauses = _proposal(
        scale, bare, "bargaining", versions[:3], scale.empty_users[Role.ORGANIZER], {"proposed": 1}
    )
    proposal.save()
    for article in its_articles:
        article.proposal = proposal
        article.save()
    for clause in its_clauses:
        clause.proposal, clause.article = proposal, clause.article
        clause.save()


def pages(scale):
    from power_campaign.accounts.models import Role

    library = reverse("contracts:library")
    proposals = reverse("contracts:proposal_list")

    def same(name, url, role=Role.ORGANIZER):
        return {"name": name, "role": role, "url": url, "empty_url": url}

    return [
        same("clause library", library),
        same(f"clause search: {SEARCH_WORD}", f"{library}?q={SEARCH_WORD}"),
        same("contract proposal list", proposals),
    ]
