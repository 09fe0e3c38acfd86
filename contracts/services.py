"""Contract workflows: the library (new clause versions), proposals (compose, fill, order, edit), bargaining
(each clause's status and the employer's counters), ratification and exports. Keyword-only, atomic,
audited."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from power_campaign.accounts.access import Role, require_role
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed, transition

from . import seed_text
from .models import (
    AdoptedClause,
    AgreedText,
    Article,
    Clause,
    ClauseEvent,
    ClauseStatus,
    ClauseVersion,
    Language,
    Proposal,
    ProposalClause,
    reader_language,
    spanish,
)

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
TEXT_KEYS = ("title_en", "title_es", "body_en", "body_es")


class ContractError(ValidationError):
    """A refused change or export, with a message in the user's language; nothing was saved."""


# Placeholders


def placeholder_label(name):
    english, spanish_label = seed_text.PLACEHOLDERS.get(name, (name, name))
    return spanish_label if spanish() else english


def placeholders_in(texts):
    """The placeholder names used in `texts`, known ones in the order of PLACEHOLDERS, then others."""
    used = {match for text in texts for match in PLACEHOLDER.findall(text or "")}
    known = [name for name in seed_text.PLACEHOLDERS if name in used]
    return known + sorted(used - set(known))


def fill(text, values):
    """`text` with each placeholder replaced by its value; one without a value stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1]) or m[0], text or "")


def number_error(name, value):
    """The message refusing `value` of placeholder `name`, a number (seed_text.NUMBERS), unless it is a whole
    number from 1 to its maximum; None for a number in range and for a text placeholder."""
    maximum = seed_text.NUMBERS.get(name)
    if maximum is None or (re.fullmatch(r"[0-9]{1,9}", value) and 1 <= int(value) <= maximum):
        return None
    return _("Enter a whole number from 1 to %(maximum)s.") % {"maximum": maximum}


def number_errors(values, names=None):
    """A message for each of `names` (by default every one in `values`) whose value number_error refuses,
    led by the placeholder's label as the form's error summary leads with a field's."""
    names = values if names is None else names
    return [
        f"{placeholder_label(name)}: {error}"
        for name in names
        if (error := number_error(name, str(values[name])))
    ]


def clean_values(values):
    """The non-empty values, stripped, of every placeholder name given, numbers written plainly ("7", not
    "007"). ContractError naming each number placeholder whose value is not a whole number in its range."""
    cleaned = {str(name): str(value or "").strip() for name, value in (values or {}).items()}
    cleaned = {
        name: value for name, value in cleaned.items() if value and PLACEHOLDER.fullmatch(f"{{{name}}}")
    }
    if errors := number_errors(cleaned):
        raise ContractError([ContractError(message, code="number") for message in errors])
    return {name: str(int(value)) if name in seed_text.NUMBERS else value for name, value in cleaned.items()}


def included_clauses(proposal):
    """The clauses the contract would contain (withdrawn ones left out), in article order."""
    return [
        c
        for c in proposal.clauses.select_related("article", "clause__topic").order_by(
            "article__order", "order", "pk"
        )
        if c.status != ClauseStatus.WITHDRAWN
    ]


def contract_texts(proposal_clause):
    """(title_en, title_es, body_en, body_es) of a clause as the contract has it, placeholders not filled:
    once it is tentatively agreed, the body is the text agreed (a counter or another text, agreed in one
    language, stands in both); before, and when which text was agreed is not recorded, our wording."""
    bodies = [proposal_clause.agreed_body(language) for language in ("en", "es")]
    if None in bodies:
        bodies = [proposal_clause.body_en, proposal_clause.body_es]
    else:
        bodies = [shown.text for shown in bodies]
    return (proposal_clause.title_en, proposal_clause.title_es, *bodies)


def agreed_text(proposal_clause, values, language=None):
    """The text agreed on a clause, filled in, as a `Shown` (see ProposalClause.agreed_body); None when
    nothing is agreed or which text was agreed is not recorded."""
    shown = proposal_clause.agreed_body(language or reader_language())
    return shown and shown._replace(text=fill(shown.text, values))


def missing_placeholders(proposal, clauses=None):
    clauses = included_clauses(proposal) if clauses is None else clauses
    texts = [text for c in clauses for text in contract_texts(c)]
    return [name for name in placeholders_in(texts) if not proposal.values.get(name)]


def check_filled(proposal, clauses=None):
    """ContractError naming every placeholder of the included clauses that has no value, else each number
    placeholder among them whose value is out of its range (one stored before numbers were checked)."""
    clauses = included_clauses(proposal) if clauses is None else clauses
    missing = missing_placeholders(proposal, clauses)
    if missing:
        raise ContractError(
            _("Fill in every placeholder before exporting: %(names)s.")
            % {"names": ", ".join(map(placeholder_label, missing))},
            code="missing_placeholder",
        )
    names = placeholders_in([text for c in clauses for text in contract_texts(c)])
    if errors := number_errors(proposal.values, names):
        raise ContractError(" ".join(errors), code="number")


def _require_editable(proposal):
    if not proposal.is_editable:
        raise ContractError(
            _("This proposal cannot be changed while it is “%(status)s”.")
            % {"status": proposal.get_status_display()},
            code="status",
        )


# Library


@transaction.atomic
def add_clause_version(
    *,
    clause,
    title_en,
    title_es,
    body_en,
    body_es,
    commentary="",
    commentary_es="",
    sources="",
    user,
    request=None,
):
    """A new version of `clause`, numbered after its latest. Earlier versions, and the proposals that copied
    them, never change. The negotiator's commentary is in English (`commentary`) and Spanish
    (`commentary_es`); either may be left empty."""
    number = (clause.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ClauseVersion.objects.create(
        clause=clause,
        number=number,
        title_en=title_en.strip(),
        title_es=title_es.strip(),
        body_en=normalize_newlines(body_en).strip(),
        body_es=normalize_newlines(body_es).strip(),
        commentary=normalize_newlines(commentary or "").strip(),
        commentary_es=normalize_newlines(commentary_es or "").strip(),
        sources=(sources or "").strip(),
        created_by=user,
    )
    version.update_search_vector()
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=version,
        summary=f"clause {clause.code} version {number} added",
    )
    return version


# Proposals


@transaction.atomic
def create_proposal(*, worksite, title, user, bargaining_unit="", values=None, request=None):
    """A draft proposal for `worksite`; the employer placeholder starts as the worksite's employer."""
    require_role(user, worksite.organization)
    values = clean_values({"employer": worksite.employer_name, **(values or {})})
    proposal = Proposal.objects.create(
        worksite=worksite,
        title=title.strip(),
        bargaining_unit=bargaining_unit.strip(),
        values=values,
        created_by=user,
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=proposal,
        summary="contract proposal drafted",
    )
    return proposal


@transaction.atomic
def update_proposal(*, proposal, title, bargaining_unit, values, user, request=None):
    """The title, the bargaining unit and the placeholder values (an empty value removes it)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_editable(proposal)
    proposal.title = title.strip()
    proposal.bargaining_unit = bargaining_unit.strip()
    proposal.values = clean_values(values)
    proposal.save(update_fields=["title", "bargaining_unit", "values", "updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=proposal,
        summary="contract proposal edited",
    )
    return proposal


def _next_article_order(proposal):
    return (proposal.articles.aggregate(n=Max("order"))["n"] or 0) + 1


@transaction.atomic
def add_article(*, proposal, heading_en, heading_es="", user, request=None):
    _require_editable(proposal)
    heading_en = heading_en.strip()
    if not heading_en:
        raise ContractError(_("Give the article a heading."), code="heading")
    article = Article.objects.create(
        proposal=proposal,
        order=_next_article_order(proposal),
        heading_en=heading_en,
        heading_es=heading_es.strip() or heading_en,
    )
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=proposal,
        summary=f"article {article.order} added",
    )
    return article


@transaction.atomic
def edit_article(*, article, heading_en, heading_es, order, user, request=None):
    """An article's headings, and its place among the proposal's articles (`order`, from 1)."""
    proposal = article.proposal
    _require_editable(proposal)
    article.heading_en, article.heading_es = heading_en.strip(), heading_es.strip() or heading_en.strip()
    others = list(proposal.articles.exclude(pk=article.pk).order_by("order", "pk"))
    others.insert(max(0, min(order, len(others) + 1) - 1), article)
    for number, row in enumerate(others, start=1):
        row.order = number
        row.save(update_fields=["order", "heading_en", "heading_es"] if row.pk == article.pk else ["order"])
    proposal.save(update_fields=["updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=proposal,
        summary=f"article {article.order} edited",
    )
    return article


def check_not_in(proposal, clauses):
    """ContractError naming each of `clauses` that `proposal` already has: a clause is in a proposal once
    (a withdrawn one comes back by being proposed again)."""
    titles = [fill(pc.title, proposal.values) for pc in proposal.clauses.filter(clause__in=clauses)]
    if titles:
        raise ContractError(
            ngettext(
                "This proposal already has this clause: %(titles)s.",
                "This proposal already has these clauses: %(titles)s.",
                len(titles),
            )
            % {"titles": ", ".join(titles)},
            code="clause_again",
        )


@transaction.atomic
def add_clauses(
    *, proposal, clauses, user, article=None, heading_en="", heading_es="", date=None, request=None
):
    """Copy the current version of each of `clauses` into `proposal`, at the end of `article` (or of a new
    article headed `heading_en`/`heading_es`, by default the first clause's topic). Each starts as proposed
    on `date` (None: not yet at the table). A clause the proposal already has is refused (check_not_in);
    one given twice is added once."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)  # one addition at a time
    _require_editable(proposal)
    clauses = list(dict.fromkeys(clauses))
    if not clauses:
        raise ContractError(_("Choose at least one clause."), code="clauses")
    check_not_in(proposal, clauses)
    if article is not None and article.proposal_id != proposal.pk:
        raise ContractError(_("Choose an article of this proposal."), code="article")
    if article is None:
        topic = clauses[0].topic
        article = add_article(
            proposal=proposal,
            heading_en=heading_en or topic.label_en,
            heading_es=heading_es or (heading_en or topic.label_es),
            user=user,
            request=request,
        )
    order = article.clauses.aggregate(n=Max("order"))["n"] or 0
    added = []
    for clause in clauses:
        version = clause.current_version()
        order += 1
        added.append(
            ProposalClause.objects.create(
                proposal=proposal,
                article=article,
                order=order,
                clause=clause,
                version=version,
                title_en=version.title_en,
                title_es=version.title_es,
                body_en=version.body_en,
                body_es=version.body_es,
                status_on=date,
            )
        )
        if date is not None:  # added at the table: proposed that day
            ClauseEvent.objects.create(
                proposal_clause=added[-1], status=ClauseStatus.PROPOSED, date=date, recorded_by=user
            )
    proposal.save(update_fields=["updated_at"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=proposal,
        summary="clauses added: "
        + ", ".join(f"{c.code} v{p.version.number}" for c, p in zip(clauses, added, strict=True)),
    )
    return added


@transaction.atomic
def edit_clause(*, proposal_clause, title_en, title_es, body_en, body_es, article, order, user, request=None):
    """Our wording of a clause, and its place: `article` of the same proposal, `order` within it. The
    wording of a tentatively agreed clause stays as it is (it may be the text agreed)."""
    proposal = proposal_clause.proposal
    _require_editable(proposal)
    if proposal_clause.status == ClauseStatus.RATIFIED:
        raise ContractError(_("A ratified clause never changes."), code="ratified")
    if article.proposal_id != proposal.pk:
        raise ContractError(_("Choose an article of this proposal."), code="article")
    texts = {
        key: normalize_newlines(value).strip()  # a browser's \r\n, stored as \n like the model text
        for key, value in {
            "title_en": title_en,
            "title_es": title_es,
            "body_en": body_en,
            "body_es": body_es,
        }.items()
    }
    changed = [key for key, value in texts.items() if getattr(proposal_clause, key) != value]
    if changed and proposal_clause.status == ClauseStatus.TENTATIVE:
        # Our wording may be the text agreed: it stays as agreed (the clause can still move).
        raise ContractError(
            _("This clause is tentatively agreed: record it as proposed again before changing its wording."),
            code="agreed",
        )
    for key in changed:
        setattr(proposal_clause, key, texts[key])
    if proposal_clause.article_id != article.pk or proposal_clause.order != order:
        proposal_clause.article, proposal_clause.order = article, order
        changed += ["article", "order"]
    if changed:
        proposal_clause.save(update_fields=changed)
        proposal.save(update_fields=["updated_at"])
        AuditEvent.objects.record(
            action=AuditEvent.Action.UPDATE,
            request=request,
            actor=user,
            obj=proposal_clause,
            summary=f"clause edited: {', '.join(changed)}",
        )
    return proposal_clause


# Bargaining


@transaction.atomic
def open_bargaining(*, proposal, date, user, request=None):
    """The proposal goes to the table: every clause not yet dated is proposed on `date`."""
    transition(proposal, Proposal.Status.BARGAINING, user=user, request=request)
    for proposal_clause in proposal.clauses.filter(status=ClauseStatus.PROPOSED):
        if proposal_clause.status_on is None:
            proposal_clause.status_on = date
            proposal_clause.save(update_fields=["status_on"])
        ClauseEvent.objects.create(
            proposal_clause=proposal_clause, status=ClauseStatus.PROPOSED, date=date, recorded_by=user
        )
    return proposal


def _agreement(proposal_clause, *, agreed, agreed_text, agreed_language):
    """{agreed, agreed_text, agreed_language} of a tentative agreement on `proposal_clause`, checked: on a
    clause the employer countered, which text was agreed (ours, the counter, or another text, then typed);
    without a counter, ours. ContractError for anything else."""
    agreed_text = normalize_newlines(agreed_text or "").strip()
    if not proposal_clause.counter_text:
        if agreed not in ("", AgreedText.OURS):
            raise ContractError(_("There is no employer counter: the text agreed is ours."), code="agreed")
        agreed = AgreedText.OURS
    elif agreed not in AgreedText.values:
        raise ContractError(_("Choose which text was agreed."), code="agreed")
    if agreed == AgreedText.OURS:
        return {"agreed": agreed, "agreed_text": "", "agreed_language": ""}
    if agreed == AgreedText.COUNTER:
        agreed_text, agreed_language = proposal_clause.counter_text, proposal_clause.counter_language
    elif not agreed_text:
        raise ContractError(_("Type the text agreed at the table."), code="agreed_text")
    if agreed_language not in Language.values:
        raise ContractError(_("Choose the language of the text agreed."), code="agreed_language")
    return {"agreed": agreed, "agreed_text": agreed_text, "agreed_language": agreed_language}


NO_AGREEMENT = {"agreed": "", "agreed_text": "", "agreed_language": ""}


@transaction.atomic
def record_status(
    *,
    proposal_clause,
    status,
    date,
    user,
    note="",
    counter_text="",
    counter_language="en",
    agreed="",
    agreed_text="",
    agreed_language="",
    request=None,
):
    """Where a clause stands at the table, as of `date`. An employer counter needs its text. A tentative
    agreement on a clause the employer countered says which text was agreed (`agreed`: ours, the counter,
    or another text given in `agreed_text`, in `agreed_language`); without a counter it is ours. The text
    agreed is kept on the clause (until it is reopened) and on the agreement's history entry. Ratified
    comes only with the whole contract (ratify)."""
    proposal = proposal_clause.proposal
    if proposal.status != Proposal.Status.BARGAINING:
        raise ContractError(
            _("Open bargaining on the proposal before recording where clauses stand."), code="status"
        )
    if status == ClauseStatus.RATIFIED:
        raise ContractError(_("Clauses are ratified with the whole contract."), code="ratified")
    counter_text = normalize_newlines(counter_text or "").strip()
    if status == ClauseStatus.COUNTERED and not counter_text:
        raise ContractError(_("Paste the employer's counter text."), code="counter")
    if status != ClauseStatus.COUNTERED:
        counter_text = ""
    agreement = NO_AGREEMENT
    if status == ClauseStatus.TENTATIVE:
        agreement = _agreement(
            proposal_clause, agreed=agreed, agreed_text=agreed_text, agreed_language=agreed_language
        )
    else:  # reopened: no text is agreed any more (cleared first: only an agreed clause may have one)
        ProposalClause.objects.filter(pk=proposal_clause.pk).update(**NO_AGREEMENT)
    transition(proposal_clause, status, user=user, request=request)
    proposal_clause.status_on = date
    fields = ["status_on", *agreement]
    if status == ClauseStatus.COUNTERED:
        proposal_clause.counter_text, proposal_clause.counter_language = counter_text, counter_language
        fields += ["counter_text", "counter_language"]
    for key, value in agreement.items():
        setattr(proposal_clause, key, value)
    proposal_clause.save(update_fields=fields)
    proposal.save(update_fields=["updated_at"])
    return ClauseEvent.objects.create(
        proposal_clause=proposal_clause,
        status=status,
        date=date,
        note=(note or "").strip(),
        counter_text=counter_text,
        counter_language=counter_language if counter_text else "",
        **agreement,
        recorded_by=user,
    )


@transaction.atomic
def ratify(*, proposal, date, user, request=None):
    """The members ratified the contract on `date`: every tentatively agreed clause is ratified, and each
    is recorded as adopted at the worksite. Only administrators record a ratification; every included
    clause must be tentatively agreed (or withdrawn) and every placeholder filled."""
    if user.role_in(proposal.organization) != Role.ADMIN:
        raise PermissionDenied
    clauses = included_clauses(proposal)
    open_ones = [c for c in clauses if c.status != ClauseStatus.TENTATIVE]
    if open_ones:
        raise ContractError(
            _("Every clause must be tentatively agreed or withdrawn first: %(titles)s.")
            % {"titles": ", ".join(c.title for c in open_ones)},
            code="open_clauses",
        )
    if not clauses:
        raise ContractError(_("No clause was agreed."), code="empty")
    check_filled(proposal, clauses)
    transition(proposal, Proposal.Status.RATIFIED, user=user, request=request)
    proposal.ratified_on = date
    proposal.save(update_fields=["ratified_on", "updated_at"])
    for proposal_clause in clauses:
        transition(proposal_clause, ClauseStatus.RATIFIED, user=user, request=request)
        proposal_clause.status_on = date
        proposal_clause.save(update_fields=["status_on"])
        ClauseEvent.objects.create(
            proposal_clause=proposal_clause, status=ClauseStatus.RATIFIED, date=date, recorded_by=user
        )
        AdoptedClause.objects.create(
            worksite=proposal.worksite,
            proposal=proposal,
            proposal_clause=proposal_clause,
            topic=proposal_clause.clause.topic,
            strength=proposal_clause.clause.strength,
            title=fill(proposal_clause.title_en, proposal.values),
            ratified_on=date,
        )
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=proposal,
        summary=f"contract ratified on {date.isoformat()} with {len(clauses)} clauses",
    )
    return proposal


@transaction.atomic
def close_proposal(*, proposal, user, request=None):
    return transition(proposal, Proposal.Status.CLOSED, user=user, request=request)


__all__ = [
    "Clause",
    "ContractError",
    "TransitionNotAllowed",
    "add_article",
    "add_clause_version",
    "add_clauses",
    "agreed_text",
    "check_filled",
    "check_not_in",
    "close_proposal",
    "contract_texts",
    "create_proposal",
    "edit_article",
    "edit_clause",
    "fill",
    "open_bargaining",
    "ratify",
    "record_status",
    "update_proposal",
]
