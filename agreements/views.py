from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Incident, Worksite
from cases.pickers import worksite_picker
from power_campaign import deadlines
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.audit import display
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Document, SigningNotConfigured, reference_of, send_file
from power_campaign.pagination import page_of
from power_campaign.transitions import TransitionNotAllowed

from . import redline, services, signing
from .documents import AGREEMENT_TEXT
from .forms import (
    AgreementCreateForm,
    AgreementEditForm,
    ApproveForm,
    BreachConfirmForm,
    BreachDismissForm,
    BreachReportForm,
    BreachStatusForm,
    CureByForm,
    ReviewCommentForm,
    TerminateForm,
)
from .models import Agreement, AgreementComponent, BreachReport


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
        .order_by("-updated_at", "-pk")
    )
    page, query = page_of(request, agreements)
    context = {"agreements": page.object_list, "page": page, "query": query, **worksite_picker(request)}
    return render(request, "agreements/agreement_list.html", context)


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
            form.add_error(error.code if error.code in form.fields else None, error)
        else:
            messages.success(request, _("Agreement drafted."))
            return redirect(agreement)
    # The worksite's agreements not ended: a second one is drafted knowingly (a renewal), not by mistake.
    ended = [Agreement.Status.EXPIRED, Agreement.Status.TERMINATED]
    current = Agreement.objects.filter(worksite=worksite).exclude(status__in=ended).only("uuid", "status")
    context = {"form": form, "worksite": worksite, "current": current.order_by("pk")}
    return render(request, "agreements/agreement_form.html", context)


def comment_threads(agreement, version, comments):
    """The review comments grouped by section: the whole agreement first, then the sections in the text's
    order (a section since removed last); only threads with comments. [(code, label, [comments])]"""
    by_section = defaultdict(list)
    for comment in comments:
        by_section[comment.component].append(comment)
    labels = {"": _("The whole agreement"), **dict(agreement.section_choices(version.sections))}
    known = {c.code: c.label for c in AgreementComponent.objects.all()}
    order = [*labels, *(code for code in by_section if code not in labels)]
    return [
        (code, labels.get(code) or known.get(code, code), by_section[code])
        for code in order
        if by_section[code]
    ]


def _agreement_page(request, agreement, *, comment_form=None, approve_form=None, status=200):
    versions = list(agreement.versions.select_related("created_by").order_by("-number"))
    latest = versions[0]
    previous = versions[1] if len(versions) > 1 else None
    template = services.template_text(agreement)
    language = _language()
    comments = list(agreement.comments.select_related("author", "version"))
    is_admin = request.user.role_in(agreement.organization) == Role.ADMIN
    if approve_form is None and is_admin and agreement.status == Agreement.Status.IN_REVIEW:
        approve_form = ApproveForm(version=latest, prefix="approve")
    if comment_form is None and agreement.open_to_comments:
        comment_form = ReviewCommentForm(
            agreement=agreement,
            version=latest,
            prefix="comment",
            initial={"component": request.GET.get("comment_on", "")},
        )
    labels = dict(agreement.section_choices())
    breaches = [
        (breach, labels.get(breach.component, breach.component))
        for breach in agreement.breaches.select_related("incident__worksite").order_by("-created_at", "-pk")
    ]
    context = {
        "agreement": agreement,
        "versions": versions,
        "latest": latest,
        "is_admin": is_admin,
        "against_template": redline.redline(template, latest.sections, language),
        "against_previous": redline.redline(previous.sections, latest.sections, language)
        if previous
        else None,
        "checklist": redline.checklist(template, latest.sections),
        "drafting_notes": latest.sections_with_drafting_notes(),
        "comments": agreement.comments.select_related("author", "version"),
        "printed": Document.objects.for_user(request.user)
        .filter(kind=AGREEMENT_TEXT, subject=reference_of(agreement))
        .order_by("-version"),
        "threads": comment_threads(agreement, latest, comments),
        "approve_form": approve_form,
        # The comments made on the text as it is (no version since), which an approval confirms reading.
        "unanswered_threads": comment_threads(
            agreement, latest, [comment for comment in comments if comment.version_id == latest.pk]
        )
        if approve_form is not None and approve_form.comment_count
        else [],
        "comment_form": comment_form,
        "breaches": breaches,
        "deadlines": deadlines.collect(request.user, subject=agreement),
        **signing_context(agreement, request.user),
    }
    return render(request, "agreements/agreement_detail.html", context, status=status)


@require_GET
def agreement_detail(request, uuid):
    return _agreement_page(request, _agreement(request, uuid))


@require_POST
def agreement_comment(request, uuid):
    """Anyone of the organization comments on a section (or the whole agreement) while the text may still
    change; the status stays as it is."""
    agreement = _agreement(request, uuid)
    if not agreement.open_to_comments:
        messages.error(
            request,
            _("Comments are closed while the agreement is “%(status)s”.")
            % {"status": agreement.get_status_display()},
        )
        return redirect(agreement)
    form = ReviewCommentForm(
        request.POST, agreement=agreement, version=agreement.latest_version(), prefix="comment"
    )
    if form.is_valid():
        try:
            services.add_review_comment(
                agreement=agreement,
                component=form.cleaned_data["component"],
                text=form.cleaned_data["text"],
                user=request.user,
                request=request,
            )
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect(f"{agreement.get_absolute_url()}#comments-heading")
    return _agreement_page(request, agreement, comment_form=form)


@require_http_methods(["GET", "POST"])
def agreement_terminate(request, uuid):
    agreement = _agreement(request, uuid, roles=[Role.ADMIN])
    if not agreement.is_active:
        messages.error(request, _("Only an active agreement can be terminated."))
        return redirect(agreement)
    form = TerminateForm(request.POST or None)
    if form.is_valid():
        try:
            services.terminate_agreement(
                agreement=agreement, reason=form.cleaned_data["reason"], user=request.user, request=request
            )
        except TransitionNotAllowed as error:
            messages.error(request, error.message)
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Agreement terminated."))
            return redirect(agreement)
    return render(request, "agreements/agreement_terminate.html", {"agreement": agreement, "form": form})


# Breaches


def _breach(request, uuid, roles=()):
    return BreachReport.objects.select_related(
        "agreement__worksite__organization", "agreement__approved_version", "incident", "reported_by"
    ).get_for_user(request.user, roles=roles, uuid=uuid)


@require_GET
def breach_list(request):
    """The breaches of the user's organizations, newest first; `?status=` narrows them to one status."""
    breaches = BreachReport.objects.for_user(request.user).select_related(
        "agreement__worksite", "incident__worksite", "reported_by"
    )
    status = request.GET.get("status", "")
    if status in BreachReport.Status.values:
        breaches = breaches.filter(status=status)
    else:
        status = ""
    labels = {c.code: c.label for c in AgreementComponent.objects.all()}
    rows = [(breach, labels.get(breach.component, breach.component)) for breach in breaches]
    context = {"rows": rows, "status": status, "statuses": BreachReport.Status.choices}
    return render(request, "agreements/breach_list.html", context)


@require_http_methods(["GET", "POST"])
def breach_create(request, uuid):
    """Report an incident of the agreement's worksite as a breach of one of the agreement's sections."""
    agreement = _agreement(request, uuid)
    if not agreement.is_active:
        messages.error(request, _("Breaches are reported against an active agreement."))
        return redirect(agreement)
    incidents = services.covered(
        agreement, Incident.objects.for_user(request.user).filter(worksite=agreement.worksite)
    ).select_related("worksite").order_by("-occurred_at", "-pk")  # named by their local date
    form = BreachReportForm(
        request.POST or None,
        agreement=agreement,
        incidents=incidents,
        initial={"incident": request.GET.get("incident", "")},
    )
    if form.is_valid():
        try:
            breach = services.report_breach(
                agreement=agreement, user=request.user, request=request, **form.cleaned_data
            )
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Breach reported."))
            return redirect(breach)
    return render(request, "agreements/breach_form.html", {"agreement": agreement, "form": form})


def _breach_page(request, breach, **forms):
    is_admin = request.user.role_in(breach.organization) == Role.ADMIN
    if is_admin:
        if breach.status == BreachReport.Status.POSSIBLE:
            forms.setdefault(
                "confirm_form",
                BreachConfirmForm(
                    breach=breach, prefix="confirm", initial={"description": breach.description}
                ),
            )
            forms.setdefault("dismiss_form", BreachDismissForm(prefix="dismiss"))
        elif breach.next_status_choices:
            forms.setdefault("status_form", BreachStatusForm(breach=breach, prefix="status"))
        if breach.status == BreachReport.Status.RAISED:
            forms.setdefault("cure_form", CureByForm(prefix="cure", initial={"cure_by": breach.cure_by}))
    events = AuditEvent.objects.for_object(breach).select_related("actor").order_by("sequence")
    context = {
        "breach": breach,
        "agreement": breach.agreement,
        "incident": breach.incident,
        "component_label": dict(breach.agreement.section_choices()).get(breach.component, breach.component),
        "is_admin": is_admin,
        "deadlines": deadlines.collect(request.user, subject=breach),
        "history": display.rows(events, request.user, links=False),
        **forms,
    }
    return render(request, "agreements/breach_detail.html", context)


@require_GET
def breach_detail(request, uuid):
    return _breach_page(request, _breach(request, uuid))


def _refused(request, breach, error):
    messages.error(request, error.message)
    return redirect(breach)


@require_POST
def breach_confirm(request, uuid):
    breach = _breach(request, uuid, roles=[Role.ADMIN])
    form = BreachConfirmForm(request.POST, breach=breach, prefix="confirm")
    if form.is_valid():
        try:
            services.confirm_breach(breach=breach, user=request.user, request=request, **form.cleaned_data)
        except TransitionNotAllowed as error:
            return _refused(request, breach, error)
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Breach confirmed."))
            return redirect(breach)
    return _breach_page(request, breach, confirm_form=form)


@require_POST
def breach_dismiss(request, uuid):
    breach = _breach(request, uuid, roles=[Role.ADMIN])
    form = BreachDismissForm(request.POST, prefix="dismiss")
    if form.is_valid():
        try:
            services.dismiss_breach(
                breach=breach, reason=form.cleaned_data["reason"], user=request.user, request=request
            )
        except TransitionNotAllowed as error:
            return _refused(request, breach, error)
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marked as not a breach."))
            return redirect(breach)
    return _breach_page(request, breach, dismiss_form=form)


@require_POST
def breach_status(request, uuid):
    breach = _breach(request, uuid, roles=[Role.ADMIN])
    form = BreachStatusForm(request.POST, breach=breach, prefix="status")
    if form.is_valid():
        try:
            services.set_breach_status(breach=breach, user=request.user, request=request, **form.cleaned_data)
        except TransitionNotAllowed as error:
            return _refused(request, breach, error)
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Status changed."))
            return redirect(breach)
    return _breach_page(request, breach, status_form=form)


@require_POST
def breach_cure_by(request, uuid):
    breach = _breach(request, uuid, roles=[Role.ADMIN])
    form = CureByForm(request.POST, prefix="cure")
    if form.is_valid():
        try:
            services.set_cure_by(
                breach=breach, cure_by=form.cleaned_data["cure_by"], user=request.user, request=request
            )
        except services.AgreementError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cure period changed."))
            return redirect(breach)
    return _breach_page(request, breach, cure_form=form)


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
            form.add_error(error.code if error.code in form.fields else None, error)
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
        .order_by("status_changed_at", "pk")
    )
    page, query = page_of(request, agreements)
    context = {"agreements": page.object_list, "page": page, "query": query, "now": timezone.now()}
    return render(request, "agreements/review_queue.html", context)


@require_POST
def agreement_approve(request, uuid):
    """Approve the version reviewed (`version`). When review comments were made on it, the administrator
    confirms having read them (`comments`: how many their page listed)."""
    agreement = _agreement(request, uuid, roles=[Role.ADMIN])
    form = ApproveForm(request.POST, version=agreement.latest_version(), prefix="approve")
    if not form.is_valid() and agreement.status == Agreement.Status.IN_REVIEW:
        return _agreement_page(request, agreement, approve_form=form)
    number = request.POST.get("version", "")
    seen = request.POST.get("comments", "")
    try:
        services.approve(
            agreement=agreement,
            user=request.user,
            version=int(number) if number.isdigit() else None,
            comments_read=int(seen) if form.confirmed() and seen.isdigit() else 0,
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
    except SigningNotConfigured as error:
        messages.error(request, error.message)
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
