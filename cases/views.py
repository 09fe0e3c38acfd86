import datetime

from django.contrib import messages
from django.db.models import Count, Prefetch, Window
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from power_campaign import deadlines, hooks
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import send_file
from power_campaign.pagination import page_number, page_of
from power_campaign.transitions import TransitionNotAllowed

from . import services
from .evidence import EvidenceError, add_evidence
from .forms import (
    ContactForm,
    EvidenceForm,
    FilingForm,
    IncidentFilterForm,
    IncidentForm,
    ProtectedActivityForm,
    QuickIncidentForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
    ReferralWorkForm,
    StageForm,
    WorksiteFilterForm,
    WorksiteForm,
)
from .models import (
    AgencyFiling,
    Contact,
    Evidence,
    Incident,
    Referral,
    StageChange,
    Worksite,
    first_contact_date,
)
from .timeline import Timeline


@require_GET
def worksite_list(request):
    form = WorksiteFilterForm(request.GET or None, user=request.user)
    worksites = Worksite.objects.for_user(request.user)
    if form.is_valid():
        worksites = form.filter(worksites)
    elif form.is_bound:
        worksites = worksites.none()
    else:
        worksites = worksites.order_by("employer_name", "pk")

    def rows(keys):  # what a row shows, read by key: the filters chose the keys (pagination.py)
        # The stored search vector is never shown: not read, the rows stay narrow.
        shown = Worksite.objects.filter(pk__in=keys).select_related("organization").defer("search_vector")
        return shown.with_incident_summary()

    page, query = page_of(request, worksites, rows=rows)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "show_organization": "organization" in form.fields,  # the user works for several organizations
    }
    return render(request, "cases/worksite_list.html", context)


@require_http_methods(["GET", "POST"])
@role_required(Role.ORGANIZER, Role.LEGAL, Role.ADMIN)
def worksite_create(request):
    form = WorksiteForm(request.POST or None, user=request.user)
    if form.is_valid():
        worksite = services.create_worksite(user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Worksite added."))
        return redirect(worksite)
    return render(request, "cases/worksite_form.html", {"form": form})


def _worksite(request, uuid):
    return Worksite.objects.select_related("organization").get_for_user(request.user, uuid=uuid)


TIMELINE_PAGE = 25  # entries of the worksite's timeline a page, newest first, as the lists
CONTACTS_SHOWN = 10  # on the worksite page, by name; its contacts page lists them all, a page at a time
# The worksite page's deadlines: the open ones and those passed in this time (each incident's page has all).
DEADLINES_PASSED = datetime.timedelta(days=30)


@require_GET
def worksite_detail(request, uuid):
    # Stage changes and filings are both listed and on the timeline: read once.
    stage_changes = Prefetch("stage_changes", queryset=StageChange.objects.select_related("recorded_by"))
    worksite = (
        Worksite.objects.select_related("organization")
        .prefetch_related(stage_changes, "filings")
        .defer("search_vector")
        .get_for_user(request.user, uuid=uuid)
    )
    stage_history = list(worksite.stage_changes.all())
    contacts = list(
        _contacts(worksite).annotate(total=Window(Count("pk")))[:CONTACTS_SHOWN]  # counted before the limit
    )
    newest = page_number(request) * TIMELINE_PAGE  # the entries up to the page asked for, no further
    page, query = page_of(request, Timeline(worksite, newest), per_page=TIMELINE_PAGE)
    context = {
        "worksite": worksite,
        "timeline": page.object_list,
        "page": page,
        "query": query,
        "deadlines": deadlines.collect(
            request.user, subject=worksite, since=timezone.now() - DEADLINES_PASSED
        ),
        "deadlines_passed_days": DEADLINES_PASSED.days,
        "contacts": contacts,
        "contacts_total": contacts[0].total if contacts else 0,
        "filings": worksite.filings.all(),
        "organizers": worksite.organizers.all(),
        "state_rules": [rule for rule in worksite.deadline_rules if rule.state],
        "stage_history": stage_history,
        "first_contact_on": first_contact_date(stage_history),
        # Other apps add their own actions (draft an agreement...): `<app>/worksite.py: actions(request,
        # worksite)` returning (label, url) pairs; cases names none of them.
        "app_actions": hooks.collect("worksite", "actions", request, worksite),
    }
    return render(request, "cases/worksite_detail.html", context)


@require_http_methods(["GET", "POST"])
def worksite_edit(request, uuid):
    worksite = _worksite(request, uuid)
    form = WorksiteForm(request.POST or None, instance=worksite, user=request.user)
    if form.is_valid():
        services.update_worksite(worksite=worksite, user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Worksite saved."))
        return redirect(worksite)
    return render(request, "cases/worksite_form.html", {"form": form, "worksite": worksite})


@require_http_methods(["GET", "POST"])
def stage_add(request, uuid):
    worksite = _worksite(request, uuid)
    form = StageForm(request.POST or None, worksite=worksite)
    if form.is_valid():
        services.record_stage(worksite=worksite, user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Stage recorded."))
        return redirect(worksite)
    return render(
        request, "cases/child_form.html", {"form": form, "worksite": worksite, "title": _("Record a stage")}
    )


def _stage_change(request, uuid, pk):
    """An entry of the stage history, through its worksite's access check (404 if not of that worksite)."""
    worksite = _worksite(request, uuid)
    change = worksite.stage_changes.filter(pk=pk).first()
    if change is None:
        raise Http404
    change.worksite = worksite
    return change


@require_http_methods(["GET", "POST"])
def stage_edit(request, uuid, pk):
    change = _stage_change(request, uuid, pk)
    form = StageForm(request.POST or None, instance=change, worksite=change.worksite)
    if form.is_valid():
        services.correct_stage(change=change, user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Stage entry corrected."))
        return redirect(change.worksite)
    context = {"form": form, "worksite": change.worksite, "change": change}
    return render(request, "cases/stage_form.html", context)


@require_http_methods(["GET", "POST"])
def stage_remove(request, uuid, pk):
    """Asks to confirm; the confirmation's POST (with `confirm`) removes the entry."""
    change = _stage_change(request, uuid, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.remove_stage(change=change, user=request.user, request=request)
        messages.success(request, _("Stage entry removed."))
        return redirect(change.worksite)
    return render(request, "cases/stage_remove.html", {"worksite": change.worksite, "change": change})


def _child_form(request, worksite, form, title, success):
    """Create (a form without an instance) or change a record of the worksite."""
    if form.is_valid():
        fields, user = form.cleaned_data, request.user
        if form.instance.pk is None:
            model = type(form.instance)
            services.create_child(model=model, worksite=worksite, user=user, request=request, **fields)
        else:
            services.update_child(record=form.instance, user=user, request=request, **fields)
        messages.success(request, success)
        return redirect(worksite)
    return render(request, "cases/child_form.html", {"form": form, "worksite": worksite, "title": title})


def _contacts(worksite):
    return worksite.contacts.defer("search_vector").order_by("name", "pk")


@require_GET
def contact_list(request, uuid):
    worksite = _worksite(request, uuid)
    page, query = page_of(request, _contacts(worksite))
    context = {"worksite": worksite, "contacts": page.object_list, "page": page, "query": query}
    return render(request, "cases/contact_list.html", context)


@require_http_methods(["GET", "POST"])
def contact_create(request, uuid):
    worksite = _worksite(request, uuid)
    form = ContactForm(request.POST or None)
    return _child_form(request, worksite, form, _("Add a contact"), _("Contact added."))


@require_http_methods(["GET", "POST"])
def contact_edit(request, uuid):
    contact = Contact.objects.select_related("worksite__organization").get_for_user(request.user, uuid=uuid)
    form = ContactForm(request.POST or None, instance=contact)
    return _child_form(request, contact.worksite, form, _("Edit contact"), _("Contact saved."))


@require_http_methods(["GET", "POST"])
def filing_create(request, uuid):
    worksite = _worksite(request, uuid)
    form = FilingForm(request.POST or None, worksite=worksite)
    return _child_form(request, worksite, form, _("Add an agency filing"), _("Filing added."))


@require_http_methods(["GET", "POST"])
def filing_edit(request, uuid):
    filing = AgencyFiling.objects.select_related("worksite__organization").get_for_user(
        request.user, uuid=uuid
    )
    form = FilingForm(request.POST or None, instance=filing, worksite=filing.worksite)
    return _child_form(request, filing.worksite, form, _("Edit agency filing"), _("Filing saved."))


@require_http_methods(["GET", "POST"])
def activity_create(request, uuid):
    worksite = _worksite(request, uuid)
    form = ProtectedActivityForm(request.POST or None)
    return _child_form(
        request, worksite, form, _("Log protected activity"), _("Activity logged.")
    )


@require_http_methods(["GET", "POST"])
def incident_create(request, uuid):
    """The quick form: a few fields and a photo from the camera; details can follow."""
    worksite = _worksite(request, uuid)
    form = QuickIncidentForm(request.POST or None, request.FILES or None, worksite=worksite)
    if form.is_valid():
        try:
            incident = services.create_incident(
                worksite=worksite, user=request.user, request=request, **form.cleaned_data
            )
        except EvidenceError as error:
            form.add_error("photo", str(error))
        else:
            messages.success(request, _("Incident logged. Add details or more evidence below."))
            return redirect(incident)
    return render(request, "cases/incident_quick.html", {"form": form, "worksite": worksite})


@require_GET
def incident_list(request):
    """Incidents across the worksites the user may see: search, type, worksite, range of days."""
    form = IncidentFilterForm(request.GET or None, user=request.user)
    incidents = Incident.objects.for_user(request.user)
    if form.is_valid():
        incidents = form.filter(incidents)
    elif form.is_bound:
        incidents = incidents.none()

    def rows(keys):  # what a row shows, read by key: the filters chose the keys (pagination.py)
        shown = Incident.objects.filter(pk__in=keys).select_related("worksite__organization")
        return shown.defer("search_vector", "worksite__search_vector")

    page, query = page_of(request, incidents.order_by("-occurred_at", "-pk"), rows=rows)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "chosen_worksite": form.cleaned_data.get("worksite") if form.is_valid() else None,
    }
    return render(request, "cases/incident_list.html", context)


@require_GET
def incident_log(request):
    """"Log an incident" from the dashboard: the worksite first (straight to the form if there is one)."""
    worksites = Worksite.objects.for_user(request.user)
    if request.GET.get("q"):
        worksites = worksites.search(request.GET["q"])
    worksites = worksites.assigned_first(request.user)
    if not request.GET.get("q") and len(first := worksites[:2]) == 1:
        return redirect("cases:incident_create", uuid=first[0].uuid)
    page, query = page_of(request, worksites)
    return render(
        request, "cases/incident_log.html", {"page": page, "query": query, "q": request.GET.get("q", "")}
    )


def _incident(request, uuid):
    return Incident.objects.select_related("worksite__organization").get_for_user(request.user, uuid=uuid)


def _incident_page(request, incident, evidence_form=None):
    referral = Referral.objects.filter(incident=incident).first()
    if referral is not None:
        # Its access check reads its organization: the incident's, already loaded.
        referral.incident, referral.organization = incident, incident.worksite.organization
    context = {
        "incident": incident,
        "worksite": incident.worksite,
        "evidence": incident.evidence.select_related("uploaded_by"),
        "evidence_form": evidence_form or EvidenceForm(),
        "witnesses": incident.witnesses.all(),
        "filings": incident.filings.all(),
        "referral": referral,
        "show_referral_reason": referral is not None and referral.reason_visible_to(request.user),
        "deadlines": deadlines.collect(request.user, subject=incident),
        "app_actions": hooks.collect("incident", "actions", request, incident),
    }
    return render(request, "cases/incident_detail.html", context)


@require_GET
def incident_detail(request, uuid):
    return _incident_page(request, _incident(request, uuid))


@require_http_methods(["GET", "POST"])
def incident_edit(request, uuid):
    incident = _incident(request, uuid)
    form = IncidentForm(request.POST or None, instance=incident, worksite=incident.worksite)
    if form.is_valid():
        services.update_child(record=incident, user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Incident saved."))
        return redirect(incident)
    context = {"form": form, "worksite": incident.worksite, "title": _("Incident details")}
    return render(request, "cases/child_form.html", context)


@require_POST
def evidence_add(request, uuid):
    """A file for the incident; if it cannot be evidence, the incident page again with the form's error."""
    incident = _incident(request, uuid)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_evidence(
                incident=incident,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                user=request.user,
                request=request,
            )
        except EvidenceError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Evidence uploaded."))
            return redirect(incident)
    return _incident_page(request, incident, evidence_form=form)


def _evidence(request, uuid):
    return Evidence.objects.select_related("incident__worksite__organization", "uploaded_by").get_for_user(
        request.user, uuid=uuid
    )


@require_GET
def evidence_detail(request, uuid):
    evidence = _evidence(request, uuid)
    AuditEvent.objects.record(action=AuditEvent.Action.VIEW_SENSITIVE, request=request, obj=evidence)
    return render(
        request, "cases/evidence_detail.html", {"evidence": evidence, "incident": evidence.incident}
    )


@require_GET
def evidence_file(request, uuid, variant):
    """The original (always as a download) or, for photos, the copy without location data."""
    evidence = _evidence(request, uuid)
    if variant == "original":
        return send_file(
            request,
            file=evidence.file,
            filename=evidence.original_name,
            content_type=evidence.content_type,
            obj=evidence,
            original=True,
            summary="original",
        )
    if not evidence.shown_file:
        raise Http404
    # The shown copy is re-encoded: JPEG for JPEG photos, PNG for the others (see evidence.shown_copy).
    return send_file(
        request,
        file=evidence.shown_file,
        filename=evidence.original_name,
        content_type="image/jpeg" if evidence.content_type == "image/jpeg" else "image/png",
        obj=evidence,
        inline=True,
        summary="shown copy (no location data)",
    )


@require_http_methods(["GET", "POST"])
def referral_create(request, uuid):
    incident = _incident(request, uuid)
    if Referral.objects.filter(incident=incident).exists():
        messages.info(request, _("This incident is already referred to legal."))
        return redirect(incident)
    form = ReferralForm(request.POST or None)
    if form.is_valid():
        services.refer_to_legal(
            incident=incident, reason=form.cleaned_data["reason"], user=request.user, request=request
        )
        messages.success(request, _("Referred to legal. You will see the status of the referral here."))
        return redirect(incident)
    context = {"form": form, "worksite": incident.worksite, "title": _("Refer to legal as a possible crime")}
    return render(request, "cases/child_form.html", context)


@require_GET
@role_required(Role.LEGAL)
def referral_list(request):
    form = ReferralFilterForm(request.GET or None)
    referrals = Referral.objects.for_user(request.user, roles=[Role.LEGAL])
    counts = referrals.status_counts()
    if form.is_valid():
        referrals = form.filter(referrals, request.user)
    elif form.is_bound:
        referrals = referrals.none()
    referrals = referrals.select_related("incident__worksite", "organization", "referred_by", "assigned_to")
    referrals = referrals.queue()
    page, query = page_of(request, referrals)
    context = {"form": form, "page": page, "query": query, "counts": counts}
    return render(request, "cases/referral_list.html", context)


@require_http_methods(["GET", "POST"])
def referral_detail(request, uuid):
    """Legal's page for one referral: the reason, who holds it and their notes."""
    referral = Referral.objects.select_related(
        "incident__worksite__organization", "organization", "referred_by", "assigned_to"
    ).get_for_user(request.user, roles=[Role.LEGAL], uuid=uuid)
    before = (referral.assigned_to_id, referral.notes)
    form = ReferralWorkForm(request.POST or None, instance=referral)
    if form.is_valid():
        data, user = form.cleaned_data, request.user
        assignee = data["assigned_to"]
        if (assignee.pk if assignee else None) != before[0]:
            services.assign_referral(referral=referral, assignee=assignee, user=user, request=request)
        if data["notes"] != before[1]:
            services.set_referral_notes(referral=referral, notes=data["notes"], user=user, request=request)
        messages.success(request, _("Referral saved."))
        return redirect("cases:referral", uuid=referral.uuid)
    context = {
        "referral": referral,
        "form": form,
        "status_choices": referral.next_status_choices,
        # Other apps add their actions (open a U-visa case...):
        # `<app>/referral.py: actions(request, referral) -> [(label, url)]`.
        "app_actions": hooks.collect("referral", "actions", request, referral),
    }
    return render(request, "cases/referral_detail.html", context)


@require_POST
def referral_status(request, uuid):
    referral = Referral.objects.select_related("incident__worksite__organization", "organization")
    referral = referral.get_for_user(request.user, roles=[Role.LEGAL], uuid=uuid)
    form = ReferralStatusForm(request.POST, referral=referral)
    if not form.is_valid():
        messages.error(request, form.errors["status"][0])
        return redirect("cases:referral_list")
    try:
        services.set_referral_status(
            referral=referral, status=form.cleaned_data["status"], user=request.user, request=request
        )
    except TransitionNotAllowed as error:  # changed by someone else meanwhile
        messages.error(request, error.message)
    else:
        messages.success(request, _("Referral status changed."))
    if request.POST.get("back") == "referral":  # sent from the referral's own page
        return redirect("cases:referral", uuid=referral.uuid)
    return redirect("cases:referral_list")
