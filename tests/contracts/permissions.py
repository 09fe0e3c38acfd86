"""Access rules of the contracts URLs: everyone with a role reads the clause library and the adoption view;
every role of an organization composes and bargains its proposals; administrators record ratification."""

from cases.models import Worksite
from contracts.models import Article, Clause, Proposal, ProposalClause
from tests.matrix import ADMIN_ONLY, ANY_ROLE, GET, GET_POST, POST, SIGNED_IN, Rule, uuid_of

RULES = {
    "contracts:proposal_list": Rule(GET, roles=SIGNED_IN),
    "contracts:library": Rule(GET, roles=ANY_ROLE),
    "contracts:clause": Rule(GET, roles=ANY_ROLE, kwargs=lambda ctx: {"code": "e-verify-no-enrollment"}),
    "contracts:adoption": Rule(GET, roles=ANY_ROLE),
    "contracts:proposal_create": Rule(GET_POST, kwargs=uuid_of("worksite"), org_scoped=True),
    "contracts:proposal": Rule(GET, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_edit": Rule(GET_POST, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_add_clauses": Rule(GET_POST, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_open": Rule(POST, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_close": Rule(POST, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_ratify": Rule(
        GET_POST, roles=ADMIN_ONLY, kwargs=uuid_of("proposal"), org_scoped=True
    ),
    "contracts:proposal_pdf": Rule(POST, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:proposal_docx": Rule(GET, kwargs=uuid_of("proposal"), org_scoped=True),
    "contracts:article_edit": Rule(GET_POST, kwargs=uuid_of("article"), org_scoped=True),
    "contracts:proposal_clause": Rule(GET, kwargs=uuid_of("proposal_clause"), org_scoped=True),
    "contracts:proposal_clause_edit": Rule(GET_POST, kwargs=uuid_of("proposal_clause"), org_scoped=True),
    "contracts:proposal_clause_status": Rule(POST, kwargs=uuid_of("proposal_clause"), org_scoped=True),
}


def records(organization, owner):
    """One of each record the URLs point at, created directly: fast enough for every URL's test."""
    worksite = Worksite.objects.create(
        organization=organization, employer_name="Matrix Foods", city="Chicago", state="IL", created_by=owner
    )
    proposal = Proposal.objects.create(worksite=worksite, title="Matrix contract", created_by=owner)
    article = Article.objects.create(proposal=proposal, order=1, heading_en="E-Verify", heading_es="E-Verify")
    clause = Clause.objects.get(code="e-verify-no-enrollment")
    version = clause.current_version()
    proposal_clause = ProposalClause.objects.create(
        proposal=proposal,
        article=article,
        order=1,
        clause=clause,
        version=version,
        title_en=version.title_en,
        title_es=version.title_es,
        body_en=version.body_en,
        body_es=version.body_es,
    )
    return {
        "worksite": worksite,
        "proposal": proposal,
        "article": article,
        "proposal_clause": proposal_clause,
    }
