from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Worksite
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.documents.api import Document, SigningNotConfigured, reference_of, send_file
from power_campaign.transitions import TransitionNotAllowed

from . import redline, services
from .documents import AGREEMENT_TEXT
from .forms import AgreementCreateForm, AgreementEditForm
from .models import Agreement


def _language():
    return "es" if (get_language() or "").startswith("es") else "en"


def _agreement(request, uuid, roles=()):
    return Agreement.objects.select_related("worksite__organization", "template").get_for_user(
        request.user, roles=roles, uuid=uuid
    )


@require_GET
def agreement_list(request):
    agreements = (
        Agreement.objects.for_user(request.user)
        .select_related("worksite__organization", "template")
        .order_by("-updated_at")
    )
    worksites = Worksite.objects.for_user(request.user).order_by("employer_name")
    return render(
        request, "agreements/agreement_list.html", {"agreements": agreements, "worksites": worksites}
    )


@require_http_methods(["GET", "POST"])
def agreement_create(request, uuid):
    worksite = Worksite.objects.get_for_user(request.user, uuid=uuid)
    form = AgreementCreateForm(request.POST or None, worksite=worksite)
    if form.is_valid():
        try:
            agreement = services.create_agreement(
                worksite=worksite,
                template=form.cleaned_data["template"],
                values=form.values(),
                language=form.cleaned_data["language"],
                user=request.user,
                request=request,
            )
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Agreement drafted."))
            return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {"form": form, "worksite": worksite})


@require_GET
def agreement_detail(request, uuid):
    agreement = _agreement(request, uuid)
    versions = list(agreement.versions.select_related("created_by").order_by("-number"))
    latest = versions[0]
    previous = versions[1] if len(versions) > 1 else None
    template = services.template_text(agreement)
    language = _language()
    context = {
        "agreement": agreement,
        "versions": versions,
        "latest": latest,
        "is_admin": request.user.role_in(agreement.organization) == Role.ADMIN,
        "against_template": redline.redline(template, latest.sections, language),
        "against_previous": redline.redline(previous.sections, latest.sections, language)
        if previous
        else None,
        "checklist": redline.checklist(template, latest.sections),
        "comments": agreement.comments.select_related("author", "version"),
        "printed": Document.objects.for_user(request.user)
        .filter(kind=AGREEMENT_TEXT, subject=reference_of(agreement))
        .order_by("-version"),
    }
    return render(request, "agreements/agreement_detail.html", context)


@require_http_methods(["GET", "POST"])
def agreement_edit(request, uuid):
    agreement = _agreement(request, uuid)
    form = AgreementEditForm(request.POST or None, agreement=agreement, version=agreement.latest_version())
    if form.is_valid():
        try:
            services.save_draft(
                agreement=agreement,
                sections=form.sections(),
                values=form.values(),
                user=request.user,
                request=request,
            )
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(agreement)
    return render(request, "agreements/agreement_edit.html", {"form": form, "agreement": agreement})


@require_POST
def agreement_submit(request, uuid):
    agreement = _agreement(request, uuid)
    try:
        services.submit_for_review(agreement=agreement, user=request.user, request=request)
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sent for review."))
    return redirect(agreement)


@require_GET
@role_required(Role.ADMIN)
def review_queue(request):
    agreements = (
        Agreement.objects.for_user(request.user, roles=[Role.ADMIN])
        .review_queue()
        .select_related("worksite__organization", "created_by")
    )
    return render(request, "agreements/review_queue.html", {"agreements": agreements, "now": timezone.now()})


@require_POST
def agreement_approve(request, uuid):
    agreement = _agreement(request, uuid, roles=[Role.ADMIN])
    number = request.POST.get("version", "")
    try:
        services.approve(
            agreement=agreement,
            user=request.user,
            version=int(number) if number.isdigit() else None,
            request=request,
        )
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    except services.AgreementError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Agreement approved."))
    return redirect(agreement)


@require_POST
def agreement_request_changes(request, uuid):
    agreement = _agreement(request, uuid, roles=[Role.ADMIN])
    try:
        services.request_changes(
            agreement=agreement,
            comment=request.POST.get("comment", ""),
            component=request.POST.get("component", "")[:50],
            user=request.user,
            request=request,
        )
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    except services.AgreementError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Changes requested."))
    return redirect(agreement)


@require_POST
def agreement_pdf(request, uuid):
    """Print the agreement's text (approved version, else latest) as a new signed PDF version."""
    agreement = _agreement(request, uuid)
    try:
        document = services.generate_agreement_pdf(agreement=agreement, user=request.user, request=request)
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
                _("Version %(version)s of the agreement's PDF is signed and saved.")
                % {"version": document.version},
                document.get_absolute_url(),
                _("Download the PDF"),
            ),
        )
    return redirect(agreement)


def _send_agreement_document(request, uuid, field, name):
    """An audited download of one of the agreement's documents, for whoever may open that document."""
    agreement = _agreement(request, uuid)
    document = getattr(agreement, field)
    if document is None:
        raise Http404
    if not Document.objects.user_may_see(request.user, document):
        raise PermissionDenied
    return send_file(
        request,
        file=document.file,
        filename=f"agreement-{str(agreement.uuid)[:8]}-{name}.pdf",
        content_type="application/pdf",
        obj=document,
    )


@require_GET
def executed_pdf(request, uuid):
    return _send_agreement_document(request, uuid, "executed_document", "executed")


@require_GET
def certificate_pdf(request, uuid):
    return _send_agreement_document(request, uuid, "certificate_document", "certificate")
