from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Worksite
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.transitions import TransitionNotAllowed

from . import redline, services, signing
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
        **signing_context(agreement, request.user),
    }
    return render(request, "agreements/agreement_detail.html", context)


def signing_context(agreement, user):
    """The signature requests of the agreement with their state, and what an administrator may do."""
    now = timezone.now()
    is_admin = user.role_in(agreement.organization) == Role.ADMIN
    requests = agreement.signature_requests.select_related("version").order_by("-version__number", "party")
    rows = [
        {
            "request": r,
            "state": r.state(now),
            "state_label": r.get_state_display(now),
            "current": r.version_id == agreement.approved_version_id and agreement.status in signing.SIGNABLE,
        }
        for r in requests
    ]
    return {
        "signature_rows": rows,
        "can_send": is_admin and signing.sendable(agreement) and bool(signing.parties_to_send(agreement)),
    }


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
