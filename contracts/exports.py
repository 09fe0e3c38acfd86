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


@dataclass
class PrintedArticle:
    number: int
    heading_en: str
    heading_es: str
    key: int = 0  # the article's id
    clauses: list = field(default_factory=list)


def contract_text(proposal):
    """The included clauses, filled in, grouped into numbered articles (empty articles left out)."""
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
                *(services.fill(getattr(proposal_clause, key), values) for key in services.TEXT_KEYS),
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
                    cell.add_paragraph(getattr(clause, f"body_{suffix}"))
        else:
            with override(language):
                heading = _("Article %(number)s. %(heading)s") % {
                    "number": article.number,
                    "heading": getattr(article, f"heading_{language}"),
                }
            document.add_heading(heading, level=1)
            for clause in article.clauses:
                document.add_heading(f"{clause.number} {getattr(clause, f'title_{language}')}", level=2)
                document.add_paragraph(getattr(clause, f"body_{language}"))
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
