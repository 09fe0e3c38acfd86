from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Worksite
from cases.pickers import worksite_picker
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.documents.api import Document, SigningNotConfigured, reference_of
from power_campaign.pagination import page_of
from power_campaign.transitions import TransitionNotAllowed

from . import adoption, exports, redline, services
from .documents import CONTRACT_PROPOSAL
from .forms import (
    AddClausesForm,
    ArticleForm,
    ClauseEditForm,
    DateForm,
    ExportForm,
    LibrarySearchForm,
    ProposalForm,
    StatusForm,
)
from .models import Article, Clause, ClauseVersion, Proposal, ProposalClause, spanish


def _language():
    return "es" if spanish() else "en"


def _proposal(request, uuid, roles=()):
    return Proposal.objects.select_related("worksite__organization").get_for_user(
        request.user, roles=roles, uuid=uuid
    )


def _proposal_clause(request, uuid):
    return ProposalClause.objects.select_related(
        "proposal__worksite__organization", "version", "clause__topic", "article"
    ).get_for_user(request.user, uuid=uuid)


def _library(form):
    """The clauses matching the search form, each with its `current` version: three queries."""
    versions = ClauseVersion.objects.current().select_related("clause__topic")
    if form.is_valid():
        if form.cleaned_data["q"]:
            versions = versions.matching(form.cleaned_data["q"])
        if form.cleaned_data["topic"]:
            versions = versions.filter(clause__topic=form.cleaned_data["topic"])
        if form.cleaned_data["strength"]:
            versions = versions.filter(clause__strength=form.cleaned_data["strength"])
    clauses = []
    for version in versions.order_by("clause__topic__order", "clause__code"):
        clause = version.clause
        clause.current = version
        clauses.append(clause)
    return clauses


# Library


@require_GET
@role_required(*Role.values)
def library(request):
    form = LibrarySearchForm(request.GET or None)
    clauses = _library(form)
    topics = []
    for clause in clauses:
        if not topics or topics[-1][0] != clause.topic:
            topics.append((clause.topic, []))
        topics[-1][1].append(clause)
    searched = form.is_bound and form.is_valid() and any(form.cleaned_data.values())
    return render(
        request,
        "contracts/library.html",
        {"form": form, "topics": topics, "count": len(clauses), "searched": searched},
    )


@require_GET
@role_required(*Role.values)
def clause_detail(request, code):
    clause = get_object_or_404(Clause.objects.select_related("topic"), code=code)
    versions = list(clause.versions.select_related("created_by").order_by("-number"))
    return render(
        request,
        "contracts/clause_detail.html",
        {
            "clause": clause,
            "current": versions[0],
            "versions": versions,
            "placeholders": [
                (name, services.placeholder_label(name))
                for name in services.placeholders_in([versions[0].body_en, versions[0].body_es])
            ],
        },
    )


@require_GET
@role_required(*Role.values)
def adoption_view(request):
    return render(request, "contracts/adoption.html", adoption.summary(request.user))


# Proposals


@require_GET
def proposal_list(request):
    proposals = (
        Proposal.objects.for_user(request.user)
        .select_related("worksite")
        .defer("worksite__search_vector", "worksite__notes")
        .order_by("-updated_at", "-pk")
    )
    page, query = page_of(request, proposals)
    context = {"proposals": page.object_list, "page": page, "query": query, **worksite_picker(request)}
    return render(request, "contracts/proposal_list.html", context)


@require_http_methods(["GET", "POST"])
def proposal_create(request, uuid):
    worksite = Worksite.objects.select_related("organization").get_for_user(request.user, uuid=uuid)
    form = ProposalForm(request.POST or None, values={"employer": worksite.employer_name})
    if form.is_valid():
        proposal = services.create_proposal(
            worksite=worksite, user=request.user, request=request, **form.fields_for_service()
        )
        messages.success(request, _("Proposal started: add clauses from the library."))
        return redirect("contracts:proposal_add_clauses", uuid=proposal.uuid)
    return render(request, "contracts/proposal_form.html", {"form": form, "worksite": worksite})


def _documents(request, proposal):
    return Document.objects.for_user(request.user).filter(
        kind=CONTRACT_PROPOSAL, subject=reference_of(proposal)
    )


@require_GET
def proposal_detail(request, uuid):
    proposal = _proposal(request, uuid)
    language = _language()
    articles = list(
        proposal.articles.prefetch_related(
            Prefetch("clauses", queryset=ProposalClause.objects.select_related("version", "clause__topic"))
        )
    )
    rows = []
    for article in articles:
        clauses = []
        for c in article.clauses.all():
            agreed = services.agreed_text(c, proposal.values, language)
            clauses.append(
                (
                    c,
                    redline.against_model(c, proposal.values, language),
                    "" if agreed else redline.counter(c, proposal.values),
                    agreed,
                )
            )
        rows.append((article, clauses))
    is_admin = request.user.role_in(proposal.organization) == Role.ADMIN
    context = {
        "proposal": proposal,
        "rows": rows,
        "missing": [services.placeholder_label(n) for n in services.missing_placeholders(proposal)],
        # Values stored before numbers were checked, to correct (the edit page refuses them).
        "refused": services.number_errors(proposal.values) if proposal.is_editable else [],
        "export_form": ExportForm(),
        "date_form": DateForm(initial={"date": timezone.localdate()}),
        "documents": _documents(request, proposal).order_by("-version"),
        "is_admin": is_admin,
    }
    return render(request, "contracts/proposal_detail.html", context)


@require_http_methods(["GET", "POST"])
def proposal_edit(request, uuid):
    proposal = _proposal(request, uuid)
    form = ProposalForm(
        request.POST or None,
        values=proposal.values,
        initial={"title": proposal.title, "bargaining_unit": proposal.bargaining_unit},
    )
    if form.is_valid():
        try:
            services.update_proposal(
                proposal=proposal, user=request.user, request=request, **form.fields_for_service()
            )
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposal saved."))
            return redirect(proposal)
    return render(request, "contracts/proposal_edit.html", {"form": form, "proposal": proposal})


@require_http_methods(["GET", "POST"])
def proposal_add_clauses(request, uuid):
    proposal = _proposal(request, uuid)
    search = LibrarySearchForm(request.GET or None)
    shown = _library(search)
    chosen_codes = request.POST.getlist("clauses") if request.method == "POST" else []
    queryset = (
        Clause.objects.filter(pk__in=[c.pk for c in shown])
        if request.method == "GET"
        else Clause.objects.all()
    )
    form = AddClausesForm(request.POST or None, proposal=proposal, clauses=queryset)
    if form.is_valid():
        try:
            services.add_clauses(
                proposal=proposal,
                clauses=list(form.cleaned_data["clauses"]),
                article=form.cleaned_data["article"],
                heading_en=form.cleaned_data["heading_en"],
                heading_es=form.cleaned_data["heading_es"],
                date=timezone.localdate() if proposal.status == Proposal.Status.BARGAINING else None,
                user=request.user,
                request=request,
            )
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Clauses added to the proposal."))
            return redirect(proposal)
    return render(
        request,
        "contracts/proposal_add_clauses.html",
        {"proposal": proposal, "form": form, "search": search, "clauses": shown, "chosen": chosen_codes},
    )


@require_POST
def proposal_open(request, uuid):
    proposal = _proposal(request, uuid)
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the proposal went to the table (today or earlier)."))
        return redirect(proposal)
    try:
        services.open_bargaining(
            proposal=proposal, date=form.cleaned_data["date"], user=request.user, request=request
        )
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is at the table."))
    return redirect(proposal)


@require_POST
def proposal_close(request, uuid):
    proposal = _proposal(request, uuid)
    try:
        services.close_proposal(proposal=proposal, user=request.user, request=request)
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is closed."))
    return redirect(proposal)


@require_http_methods(["GET", "POST"])
def proposal_ratify(request, uuid):
    proposal = _proposal(request, uuid, roles=[Role.ADMIN])
    form = DateForm(request.POST or None, initial={"date": timezone.localdate()})
    if form.is_valid():
        try:
            services.ratify(
                proposal=proposal, date=form.cleaned_data["date"], user=request.user, request=request
            )
        except TransitionNotAllowed as error:
            form.add_error(None, error.message)
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Contract ratified: its clauses are recorded at the worksite."))
            return redirect(proposal)
    clauses = services.included_clauses(proposal)
    return render(
        request, "contracts/proposal_ratify.html", {"form": form, "proposal": proposal, "clauses": clauses}
    )


@require_POST
def proposal_pdf(request, uuid):
    proposal = _proposal(request, uuid)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the PDF."))
        return redirect(proposal)
    try:
        document = exports.print_pdf(
            proposal=proposal,
            language=form.cleaned_data["language"],
            user=request.user,
            ui_language=get_supported_language_variant(get_language()),
            verify_url=exports.verify_url(request),
        )
    except services.ContractError as error:
        messages.error(request, error.messages[0])
    except SigningNotConfigured:
        messages.error(
            request,
            _("Documents cannot be signed yet: ask the administrator to configure the signing certificate."),
        )
    else:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Version %(version)s of the PDF is signed and saved.") % {"version": document.version},
                document.get_absolute_url(),
                _("Download the PDF"),
            ),
        )
    return redirect(proposal)


@require_GET
def proposal_docx(request, uuid):
    proposal = _proposal(request, uuid)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the Word file."))
        return redirect(proposal)
    try:
        name, data = exports.export_docx(
            proposal=proposal, language=form.cleaned_data["language"], user=request.user, request=request
        )
    except services.ContractError as error:
        messages.error(request, error.messages[0])
        return redirect(proposal)
    response = HttpResponse(data, content_type=exports.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def article_edit(request, uuid):
    article = Article.objects.select_related("proposal__worksite__organization").get_for_user(
        request.user, uuid=uuid
    )
    initial = {"heading_en": article.heading_en, "heading_es": article.heading_es, "order": article.order}
    form = ArticleForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.edit_article(article=article, user=request.user, request=request, **form.cleaned_data)
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Article saved."))
            return redirect(article.proposal)
    return render(request, "contracts/article_edit.html", {"form": form, "article": article})


# A clause of a proposal


def _clause_page(request, proposal_clause, status_form=None, status=200):
    proposal = proposal_clause.proposal
    values = proposal.values
    context = {
        "proposal": proposal,
        "pc": proposal_clause,
        "against_model": redline.against_model(proposal_clause, values, _language()),
        "counter": redline.counter(proposal_clause, values),
        "agreed": services.agreed_text(proposal_clause, values, _language()),
        "events": proposal_clause.events.select_related("recorded_by").order_by("-date", "-recorded_at"),
        "status_form": status_form
        or StatusForm(
            proposal_clause=proposal_clause,
            initial={"date": timezone.localdate(), "counter_language": _language()},
        ),
        "can_record": proposal.status == Proposal.Status.BARGAINING,
    }
    return render(request, "contracts/proposal_clause.html", context, status=status)


@require_GET
def proposal_clause_detail(request, uuid):
    return _clause_page(request, _proposal_clause(request, uuid))


@require_POST
def proposal_clause_status(request, uuid):
    proposal_clause = _proposal_clause(request, uuid)
    form = StatusForm(request.POST, proposal_clause=proposal_clause)
    if form.is_valid():
        try:
            services.record_status(
                proposal_clause=proposal_clause,
                status=form.cleaned_data["status"],
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                counter_text=form.cleaned_data["counter_text"],
                counter_language=form.cleaned_data["counter_language"],
                **form.agreement(),
                user=request.user,
                request=request,
            )
        except TransitionNotAllowed as error:
            form.add_error("status", error.message)
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Status recorded."))
            return redirect(proposal_clause)
    return _clause_page(request, proposal_clause, status_form=form)


@require_http_methods(["GET", "POST"])
def proposal_clause_edit(request, uuid):
    proposal_clause = _proposal_clause(request, uuid)
    form = ClauseEditForm(request.POST or None, proposal_clause=proposal_clause)
    if form.is_valid():
        try:
            services.edit_clause(
                proposal_clause=proposal_clause, user=request.user, request=request, **form.cleaned_data
            )
        except services.ContractError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Clause saved."))
            return redirect(proposal_clause)
    placeholders = [
        (name, services.placeholder_label(name))
        for name in services.placeholders_in(
            [proposal_clause.version.body_en, proposal_clause.version.body_es]
        )
    ]
    return render(
        request,
        "contracts/proposal_clause_edit.html",
        {
            "form": form,
            "pc": proposal_clause,
            "proposal": proposal_clause.proposal,
            "placeholders": placeholders,
        },
    )
