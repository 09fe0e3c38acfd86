import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Referral
from power_campaign import deadlines
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.pagination import page_of
from power_campaign.transitions import TransitionNotAllowed

from . import services
from .forms import (
    STEP_FORMS,
    ActivityForm,
    AssignForm,
    FamilyMemberForm,
    FollowUpForm,
    OutcomeForm,
    PetitionCreateForm,
    PetitionForm,
    RequestForm,
    ScreeningForm,
    SendForm,
)
from .models import CertificationRequest, ClientCase, FollowUp, Petition, Screening
from .reports import may_see_eligibility

STEP_LABELS = {
    "client": gettext_lazy("Client"),
    "harm": gettext_lazy("Harm"),
    "helpfulness": gettext_lazy("Helpfulness"),
    "family": gettext_lazy("Family"),
    "trafficking": gettext_lazy("T-visa indicators"),
}


def _case(request, uuid):
    """The case, if the user may see it (legal staff and administrators; assigned staff when assigned).
    Every page that shows it records the view."""
    case = ClientCase.objects.select_related("organization", "worksite").get_for_user(request.user, uuid=uuid)
    if request.method == "GET":
        AuditEvent.objects.record(
            action=AuditEvent.Action.VIEW_SENSITIVE,
            request=request,
            obj=case,
            summary=request.resolver_match.url_name,
        )
    return case


def _child(model, request, uuid, related):
    record = model.objects.select_related(*related).get_for_user(request.user, uuid=uuid)
    return record


def _request(request, uuid):
    return _viewed(request, _child(CertificationRequest, request, uuid, ["case__organization", "agency"]))


def _viewed(request, cert_request):
    """Every page that shows the request records the view."""
    if request.method == "GET":
        AuditEvent.objects.record(
            action=AuditEvent.Action.VIEW_SENSITIVE,
            request=request,
            obj=cert_request.case,
            summary=request.resolver_match.url_name,
        )
    return cert_request


def _posted(request):
    """The submitted data, even when empty (a step whose fields were all left blank is still saved)."""
    return request.POST if request.method == "POST" else None


def _error(form, error):
    for message in error.messages:
        form.add_error(None, message)


@require_GET
@role_required(Role.LEGAL, Role.ADMIN)
def case_list(request):
    # Only the columns shown: no encrypted field is read (nor decrypted) for a list of codes.
    cases = (
        ClientCase.objects.for_user(request.user)
        .select_related("worksite")
        .only("uuid", "status", "created_at", "worksite__employer_name", "worksite__dba")
        .prefetch_related("assignments__user")
        .order_by("-created_at", "-pk")
    )
    page, query = page_of(request, cases)
    context = {
        "cases": page.object_list,
        "page": page,
        "query": query,
        "may_see_eligibility": may_see_eligibility(request.user),
        "is_admin": request.user.has_role(Role.ADMIN),
    }
    return render(request, "uvisa/case_list.html", context)


@require_http_methods(["GET", "POST"])
def case_open(request, uuid):
    """'Open a U-visa case' on a referral (legal staff, from the referral queue): what comes across, then
    the case."""
    referral = Referral.objects.select_related("incident__worksite__organization", "organization")
    referral = referral.get_for_user(request.user, roles=[Role.LEGAL], uuid=uuid)
    incident = referral.incident
    if request.method == "POST":
        try:
            case = services.open_case_from_referral(referral=referral, user=request.user, request=request)
        except services.CaseError as error:
            messages.error(request, error.messages[0])
            return redirect("cases:referral", uuid=referral.uuid)
        messages.success(request, _("U-visa case opened. Start the intake."))
        return redirect("uvisa:intake", uuid=case.uuid, step="client")
    context = {
        "referral": referral,
        "incident": incident,
        "evidence": incident.evidence.all(),
        "existing": ClientCase.objects.filter(referral=referral).exists(),
    }
    return render(request, "uvisa/case_open.html", context)


@require_GET
def case_detail(request, uuid):
    case = _case(request, uuid)
    context = {
        "case": case,
        "steps": [(step, STEP_LABELS[step], step in case.intake_saved) for step in ClientCase.INTAKE_STEPS],
        "screening": Screening.objects.filter(case=case).first(),
        "activities": case.activities.select_related("activity"),
        "requests": case.requests.select_related("agency"),
        "petitions": case.petitions.select_related("family_member"),
        "incidents": case.incidents.select_related("worksite"),
        "evidence": case.evidence.select_related("incident"),
        "assignments": case.assignments.select_related("user"),
        "family": [(member, member.may_be_derivative(timezone.localdate())) for member in case.family.all()],
        "deadlines": deadlines.collect(request.user, subject=case),
        "today": timezone.localdate(),
        "is_admin": request.user.role_in(case.organization) == Role.ADMIN,
    }
    return render(request, "uvisa/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_assign(request, uuid):
    case = _case(request, uuid)
    form = AssignForm(_posted(request), case=case)
    if form.is_valid():
        services.assign_case(
            case=case, assignees=list(form.cleaned_data["assignees"]), user=request.user, request=request
        )
        messages.success(request, _("Assignment saved."))
        if ClientCase.objects.for_user(request.user).filter(pk=case.pk).exists():
            return redirect(case)
        return redirect("uvisa:case_list")
    return render(
        request, "uvisa/form.html", {"case": case, "form": form, "title": _("Who works on this case")}
    )


def _next_step(step):
    steps = ClientCase.INTAKE_STEPS
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


@require_http_methods(["GET", "POST"])
def intake(request, uuid, step):
    if step not in ClientCase.INTAKE_STEPS:
        raise Http404
    case = _case(request, uuid)
    following = _next_step(step)
    context = {
        "case": case,
        "step": step,
        "step_label": STEP_LABELS[step],
        "steps": [(s, STEP_LABELS[s], s in case.intake_saved) for s in ClientCase.INTAKE_STEPS],
        "next_step": following,
    }
    if step == "family":
        form = FamilyMemberForm(_posted(request))
        if form.is_valid():
            try:
                services.add_family_member(case=case, user=request.user, request=request, **form.cleaned_data)
            except services.CaseError as error:
                _error(form, error)
            else:
                messages.success(request, _("Family member added."))
                return redirect("uvisa:intake", uuid=case.uuid, step="family")
        today = timezone.localdate()
        context["family"] = [(member, member.may_be_derivative(today)) for member in case.family.all()]
        context["principal_age"] = case.age_on(today)
    else:
        # The form fills its own copy: the service compares the case as stored with the new values.
        form = STEP_FORMS[step](_posted(request), instance=copy.copy(case))
        if form.is_valid():
            services.save_intake(
                case=case, step=step, user=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, _("Saved."))
            if following and "continue" in request.POST:
                return redirect("uvisa:intake", uuid=case.uuid, step=following)
            return redirect("uvisa:intake", uuid=case.uuid, step=step)
    context["form"] = form
    return render(request, "uvisa/intake.html", context)


def _of_case(queryset, request):
    """The case's record named by the form's `record` field, or None."""
    try:
        return queryset.filter(uuid=request.POST.get("record", "")).first()
    except ValidationError:  # not a UUID
        return None


@require_POST
def family_remove(request, uuid):
    case = _case(request, uuid)
    member = _of_case(case.family.all(), request)
    if member is None:
        messages.error(request, _("That family member is not on this case."))
    else:
        services.remove_family_member(member=member, user=request.user, request=request)
        messages.success(request, _("Family member removed."))
    return redirect("uvisa:intake", uuid=case.uuid, step="family")


def _screening_page(request, case, form, activity_form, status=200):
    context = {
        "case": case,
        "form": form,
        "activity_form": activity_form,
        "activities": case.activities.select_related("activity"),
        "suggested": services.suggested_agencies(case),
    }
    return render(request, "uvisa/screening.html", context, status=status)


@require_http_methods(["GET", "POST"])
def screening(request, uuid):
    case = _case(request, uuid)
    instance = Screening.objects.filter(case=case).first() or Screening(case=case)
    form = ScreeningForm(_posted(request), instance=instance)
    if form.is_valid():
        try:
            services.save_screening(case=case, user=request.user, request=request, **form.cleaned_data)
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Screening saved."))
            return redirect("uvisa:screening", uuid=case.uuid)
    return _screening_page(request, case, form, ActivityForm(case=case))


@require_POST
def activity_add(request, uuid):
    case = _case(request, uuid)
    form = ActivityForm(request.POST, case=case)
    if form.is_valid():
        data = dict(form.cleaned_data)
        activity = data.pop("activity")
        try:
            services.add_activity(case=case, activity=activity, user=request.user, request=request, **data)
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Activity added."))
            return redirect("uvisa:screening", uuid=case.uuid)
    instance = Screening.objects.filter(case=case).first() or Screening(case=case)
    return _screening_page(request, case, ScreeningForm(instance=instance), form)


@require_POST
def activity_remove(request, uuid):
    case = _case(request, uuid)
    screened = _of_case(case.activities.select_related("activity"), request)
    if screened is None:
        messages.error(request, _("That activity is not on this screening."))
    else:
        services.remove_activity(screened=screened, user=request.user, request=request)
        messages.success(request, _("Activity removed."))
    return redirect("uvisa:screening", uuid=case.uuid)


@require_http_methods(["GET", "POST"])
def request_create(request, uuid):
    case = _case(request, uuid)
    if case.status == ClientCase.Status.CLOSED:
        messages.error(request, _("This case is closed: no certification is requested for it."))
        return redirect(case)
    if not case.activities.exists():
        messages.error(
            request,
            _("Screen the case first: a request names the qualifying activities that screening found."),
        )
        return redirect("uvisa:screening", uuid=case.uuid)
    form = RequestForm(_posted(request), case=case)
    if form.is_valid():
        try:
            cert_request = services.create_request(
                case=case,
                agency=form.cleaned_data["agency"],
                activities=list(form.cleaned_data["activities"]),
                user=request.user,
                request=request,
            )
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Certification request drafted."))
            return redirect(cert_request)
    context = {
        "case": case,
        "form": form,
        "title": _("Request a certification"),
        "suggested": services.suggested_agencies(case),
    }
    return render(request, "uvisa/form.html", context)


@require_GET
def request_detail(request, uuid):
    cert_request = _request(request, uuid)
    context = {
        "cert_request": cert_request,
        "case": cert_request.case,
        "followups": cert_request.followups.all(),
        "followup_form": FollowUpForm(),
        "deadlines": deadlines.collect(request.user, subject=cert_request),
        "today": timezone.localdate(),
    }
    return render(request, "uvisa/request_detail.html", context)


def _transition_form(request, uuid, form_class, title, step, save):
    """The form of `step` ("send", "answer"), offered only while the request's status allows it: else the
    request's page says why (nothing viewed, nothing saved)."""
    cert_request = _child(CertificationRequest, request, uuid, ["case__organization", "agency"])
    refusal = cert_request.refusal(step)
    if refusal:
        messages.error(request, refusal)
        return redirect(cert_request)
    _viewed(request, cert_request)
    form = form_class(_posted(request), **({"instance": cert_request} if form_class is SendForm else {}))
    if form.is_valid():
        try:
            save(cert_request, form.cleaned_data)
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Certification request saved."))
            return redirect(cert_request)
        cert_request.refresh_from_db()
    context = {"case": cert_request.case, "cert_request": cert_request, "form": form, "title": title}
    return render(request, "uvisa/form.html", context)


@require_http_methods(["GET", "POST"])
def request_send(request, uuid):
    def save(cert_request, data):
        services.send_request(cert_request=cert_request, user=request.user, request=request, **data)

    return _transition_form(request, uuid, SendForm, _("Record the sending"), "send", save)


@require_http_methods(["GET", "POST"])
def request_outcome(request, uuid):
    def save(cert_request, data):
        services.record_outcome(cert_request=cert_request, user=request.user, request=request, **data)

    return _transition_form(request, uuid, OutcomeForm, _("Record the agency's answer"), "answer", save)


@require_POST
def request_original(request, uuid):
    cert_request = _request(request, uuid)
    services.set_original_in_hand(
        cert_request=cert_request,
        in_hand=request.POST.get("in_hand") == "yes",
        user=request.user,
        request=request,
    )
    messages.success(request, _("Certification request saved."))
    return redirect(cert_request)


@require_POST
def followup_add(request, uuid):
    cert_request = _request(request, uuid)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date to follow up by."))
        return redirect(cert_request)
    try:
        services.add_followup(
            cert_request=cert_request, user=request.user, request=request, **form.cleaned_data
        )
    except services.CaseError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Follow-up added."))
    return redirect(cert_request)


@require_POST
def followup_done(request, uuid):
    followup = _child(FollowUp, request, uuid, ["request__case__organization"])
    services.complete_followup(
        followup=followup, done_on=timezone.localdate(), user=request.user, request=request
    )
    messages.success(request, _("Follow-up done."))
    return redirect(reverse("uvisa:request", args=[followup.request.uuid]))


@require_http_methods(["GET", "POST"])
def petition_create(request, uuid):
    case = _case(request, uuid)
    form = PetitionCreateForm(_posted(request), case=case)
    if form.is_valid():
        try:
            petition = services.create_petition(
                case=case, user=request.user, request=request, **form.cleaned_data
            )
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Petition added."))
            return redirect(petition)
    return render(request, "uvisa/form.html", {"case": case, "form": form, "title": _("Track a petition")})


@require_http_methods(["GET", "POST"])
def petition_detail(request, uuid):
    petition = Petition.objects.select_related(
        "case__organization", "family_member", "certification__agency"
    ).get_for_user(request.user, uuid=uuid)
    if request.method == "GET":
        AuditEvent.objects.record(
            action=AuditEvent.Action.VIEW_SENSITIVE, request=request, obj=petition.case, summary="petition"
        )
    form = PetitionForm(_posted(request), instance=copy.copy(petition))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_petition(
                petition=petition, status=data.pop("status"), user=request.user, request=request, **data
            )
        except TransitionNotAllowed as error:
            form.add_error(None, error.message)
        except services.CaseError as error:
            _error(form, error)
        else:
            messages.success(request, _("Petition saved."))
            return redirect(petition)
    context = {"case": petition.case, "petition": petition, "form": form}
    return render(request, "uvisa/petition_detail.html", context)
