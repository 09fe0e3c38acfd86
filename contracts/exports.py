"""A proposal as a document: its articles and clauses with the placeholders filled in, printed as a signed
PDF through the document engine, or written as a Word file (negotiators edit in Word). English, Spanish or
side by side. Both refuse a proposal with a placeholder left empty (services.check_filled)."""

import io
from dataclasses import dataclass, field

import docx
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from docx.shared import Pt

from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Access, create_document, reference_of

from . import services
from .documents import CONTRACT_PROPOSAL

LANGUAGES = ("en", "es", "both")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class PrintedClause:
    number: str
    title_en: str
    title_es: str
    body_en: str
    body_es: str
    # The language of the text agreed when it was agreed in one only (the employer's counter, or another
    # text): then body_en and body_es are both that text.
    agreed_language: str = ""


@dataclass
class PrintedArticle:
    number: int
    heading_en: str
    heading_es: str
    key: int = 0  # the article's id
    clauses: list = field(default_factory=list)


def contract_text(proposal):
    """The included clauses, filled in, grouped into numbered articles (empty articles left out). A
    tentatively agreed clause has the text agreed (services.contract_texts)."""
    services.check_filled(proposal)
    values = proposal.values
    articles, current = [], None
    for proposal_clause in services.included_clauses(proposal):
        article = proposal_clause.article
        if current is None or current.key != article.pk:
            current = PrintedArticle(len(articles) + 1, article.heading_en, article.heading_es, article.pk)
            articles.append(current)
        current.clauses.append(
            PrintedClause(
                f"{current.number}.{len(current.clauses) + 1}",
                *(services.fill(text, values) for text in services.contract_texts(proposal_clause)),
                agreed_language=proposal_clause.agreed_language,
            )
        )
    return articles


def _titles(proposal, language):
    """The document's title in `language` ("both": the English and the Spanish one)."""

    def title():
        return _("Contract proposal: %(employer)s") % {"employer": proposal.worksite.employer_name}

    if language == "both":
        with override("en"):
            english = title()
        with override("es"):
            return f"{english} / {title()}"
    with override(language):
        return title()


def print_pdf(*, proposal, language, user, ui_language, verify_url):
    """A signed PDF of the proposal, stored as the next version of the proposal's document. Raises
    ContractError (a placeholder without a value) or SigningNotConfigured."""
    articles = contract_text(proposal)
    return create_document(
        organization=proposal.organization,
        kind=CONTRACT_PROPOSAL,
        title=_titles(proposal, language),
        template="pdf/contract_proposal.html",
        context={
            "proposal": proposal,
            "worksite": proposal.worksite,
            "articles": articles,
            "mode": language,
            "verify_url": verify_url,
        },
        language=ui_language if language == "both" else language,
        user=user,
        subject=reference_of(proposal),
        access=Access.ORGANIZATION,
    )


def _agreed_elsewhere(clause, language):
    """For a clause whose text was agreed in the other language than `language`, a note saying so (in
    `language`); else ""."""
    if not clause.agreed_language or clause.agreed_language == language:
        return ""
    with override(language):
        if clause.agreed_language == "en":
            return _("Agreed in English: no Spanish version was agreed.")
        return _("Agreed in Spanish: no English version was agreed.")


def _add_body(container, clause, language):
    if note := _agreed_elsewhere(clause, language):
        container.add_paragraph().add_run(note).italic = True
    container.add_paragraph(getattr(clause, f"body_{language}"))


def _docx_bytes(proposal, articles, language):
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.core_properties.title = _titles(proposal, language)
    document.add_heading(_titles(proposal, language), level=0)
    intro = []
    for code in ("en", "es") if language == "both" else (language,):
        with override(code):
            parties = _("Between %(employer)s and %(union)s.") % {
                "employer": proposal.values.get("employer", proposal.worksite.employer_name),
                "union": proposal.values.get("union", "—"),
            }
            unit = (
                _("Bargaining unit: %(unit)s.") % {"unit": proposal.bargaining_unit}
                if proposal.bargaining_unit
                else ""
            )
            intro.append(f"{parties} {unit}".strip())
    for line in intro:
        document.add_paragraph(line)
    for article in articles:
        if language == "both":
            with override("en"):
                english = _("Article %(number)s. %(heading)s") % {
                    "number": article.number,
                    "heading": article.heading_en,
                }
            with override("es"):
                spanish = _("Article %(number)s. %(heading)s") % {
                    "number": article.number,
                    "heading": article.heading_es,
                }
            document.add_heading(f"{english} / {spanish}", level=1)
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for clause in article.clauses:
                cells = table.add_row().cells
                for cell, suffix in zip(cells, ("en", "es"), strict=True):
                    cell.text = ""
                    heading = cell.paragraphs[0].add_run(
                        f"{clause.number} {getattr(clause, f'title_{suffix}')}"
                    )
                    heading.bold = True
                    _add_body(cell, clause, suffix)
        else:
            with override(language):
                heading = _("Article %(number)s. %(heading)s") % {
                    "number": article.number,
                    "heading": getattr(article, f"heading_{language}"),
                }
            document.add_heading(heading, level=1)
            for clause in article.clauses:
                document.add_heading(f"{clause.number} {getattr(clause, f'title_{language}')}", level=2)
                _add_body(document, clause, language)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@transaction.atomic
def export_docx(*, proposal, language, user, request=None):
    """(file name, bytes) of the proposal as a Word document; the export is audited."""
    articles = contract_text(proposal)
    data = _docx_bytes(proposal, articles, language)
    name = f"contract-proposal-{slugify(proposal.worksite.employer_name)[:60]}-{language}.docx"
    AuditEvent.objects.record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        actor=user,
        obj=proposal,
        summary=f"contract proposal exported as Word ({language})",
    )
    return name, data


def verify_url(request):
    return request.build_absolute_uri(reverse("verify"))
