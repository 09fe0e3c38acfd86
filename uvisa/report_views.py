"""Reports (agencies in practice; evidence for expanding eligibility), retention (closing a case, legal
holds) and counsel's inventory of what the system holds about one person."""

import io
import json
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Contact
from power_campaign import inventory, spreadsheets
from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.audit.models import AuditEvent
from power_campaign.charts import bar_chart
from power_campaign.documents.api import reference_of
from power_campaign.search import keys_first

from . import reports, retention
from .forms import AgencySortForm, FindPersonForm, InventoryForm, LegalHoldForm
from .models import ClientCase


def _csv_response(filename, header, rows):
    out = io.StringIO()
    writer = spreadsheets.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _days(value):
    return "" if value is None else f"{value:g}"


@require_GET
@role_required(Role.LEGAL, Role.ADMIN)
def agency_report(request):
    sort = request.GET.get("sort", "name")
    rows = reports.agency_stats(request.user, sort)
    if request.GET.get("format") == "csv":
        AuditEvent.objects.record(
            action=AuditEvent.Action.EXPORT, request=request, summary="agency statistics exported as CSV"
        )
        header = ["agency", "level", "sent", "signed", "declined", "pending", "median_days_to_answer"]
        data = [
            [r.agency.name, r.agency.level, r.sent, r.signed, r.declined, r.pending, _days(r.median_days)]
            for r in rows
        ]
        return _csv_response("certifying-agencies.csv", header, data)
    current = sort if sort.lstrip("-") in reports.AGENCY_SORTS else "name"
    columns = [
        (key, label, f"-{key}" if current == key else key)
        for key, label in [
            ("name", _("Agency")),
            ("sent", _("Sent")),
            ("signed", _("Signed")),
            ("declined", _("Declined")),
            ("pending", _("Pending")),
            ("median_days", _("Median days to an answer")),
        ]
    ]
    form = AgencySortForm(initial={"sort": current})
    context = {"rows": rows, "columns": columns, "sort": current, "form": form}
    return render(request, "uvisa/agency_report.html", context)


@require_GET
def eligibility_report(request):
    if not reports.may_see_eligibility(request.user):
        raise PermissionDenied
    table = reports.eligibility_table(reports.person_cells(reports.eligibility_cases()))
    measures = [*reports.MEASURES, reports.TOTAL]
    if request.GET.get("format") == "csv":
        AuditEvent.objects.record(
            action=AuditEvent.Action.EXPORT, request=request, summary="eligibility report exported as CSV"
        )
        data = [
            [row["type"], row["state"], row["year"], *(str(row["cells"][m]) for m in measures)]
            for row in table["rows"]
        ]
        data += [
            [row["type"], "all", "all", *(str(row["cells"][m]) for m in measures)] for row in table["by_type"]
        ]
        data.append(["all", "all", "all", *(str(table["totals"][m]) for m in measures)])
        return _csv_response("eligibility-evidence.csv", ["incident_type", "state", "year", *measures], data)
    AuditEvent.objects.record(
        action=AuditEvent.Action.VIEW_SENSITIVE, request=request, summary="eligibility report viewed"
    )
    charts = [
        (
            measure,
            reports.MEASURE_LABELS[measure],
            bar_chart(
                [
                    (row["type"], row["type_label"], row["cells"][measure].value)
                    for row in table["by_type"]
                    if not row["cells"][measure].withheld
                ]
            ),
        )
        for measure in reports.MEASURES
    ]
    context = {
        **table,
        "measures": [(m, reports.MEASURE_LABELS[m]) for m in measures],
        "charts": charts,
        "minimum": reports.MIN_CELL,
    }
    return render(request, "uvisa/eligibility_report.html", context)


@require_POST
def case_close(request, uuid):
    case = ClientCase.objects.get_for_user(request.user, uuid=uuid)
    if case.status != ClientCase.Status.CLOSED:
        retention.close_case(case=case, user=request.user, request=request)
        messages.success(request, _("Case closed."))
    return redirect(case)


@require_http_methods(["GET", "POST"])
def case_hold(request, uuid):
    """Set or lift a legal hold: the organization's administrators only."""
    case = ClientCase.objects.select_related("organization").get_for_user(
        request.user, roles=[Role.ADMIN], uuid=uuid
    )
    initial = {"hold": case.legal_hold, "reason": case.legal_hold_reason}
    form = LegalHoldForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        hold = form.cleaned_data["hold"]
        if hold or case.legal_hold:
            reason = form.cleaned_data["reason"] if hold else None
            retention.set_legal_hold(case=case, reason=reason, user=request.user, request=request)
            messages.success(request, _("Legal hold set.") if hold else _("Legal hold lifted."))
        return redirect(case)
    return render(request, "uvisa/form.html", {"case": case, "form": form, "title": _("Legal hold")})


PEOPLE_SHOWN = 25  # matches of each kind; a longer search narrows them
CASE_CODE = re.compile(r"[0-9a-f]{4,8}")


def _people_matching(text, cases, contacts):
    """The U-visa cases whose code starts with `text` and the contacts whose name matches it, at most
    PEOPLE_SHOWN of each: [(label, query string)] for the links that choose the person. A case is named by
    its code and worksite, never by its client."""
    found = []
    code = text.strip().lower()
    if CASE_CODE.fullmatch(code):  # a case's code is the start of its uuid
        by_code = (
            cases.filter(uuid__startswith=code)
            .select_related("worksite")
            .only("uuid", "worksite__employer_name", "worksite__dba")  # nothing of the client is read
            .order_by("created_at", "pk")
        )
        for case in by_code[:PEOPLE_SHOWN]:
            worksite = case.worksite.display_name if case.worksite else "—"
            found.append((f"{case.code} · {worksite}", urlencode({"case": case.uuid})))
    keys = keys_first(Contact.objects.matching(text).order_by().values_list("pk", flat=True))
    matching = (
        (contacts.matching(text) if keys is None else contacts.filter(pk__any_of=keys))
        .select_related("worksite")
        .only("uuid", "name", "worksite__employer_name")
        .order_by("name", "pk")[:PEOPLE_SHOWN]
    )
    found += [(f"{c.name} · {c.worksite.employer_name}", urlencode({"contact": c.uuid})) for c in matching]
    return found


def _person(request, form):
    """The Person the inventory is about, and the record they were picked from (404 if not the user's)."""
    if form.cleaned_data["case"]:
        case = ClientCase.objects.get_for_user(
            request.user, roles=[Role.ADMIN], uuid=form.cleaned_data["case"].uuid
        )
        references = [reference_of(case)]
        references += [reference_of(i) for i in case.incidents.all()]
        references += [reference_of(e) for e in case.evidence.all()]
        names = [case.client_name, *case.other_names.splitlines()]
        return inventory.Person(
            case.organization, tuple(n for n in names if n.strip()), tuple(references)
        ), case
    contact = Contact.objects.select_related("worksite__organization").get_for_user(
        request.user, roles=[Role.ADMIN], uuid=form.cleaned_data["contact"].uuid
    )
    return inventory.Person(contact.organization, (contact.name,), (reference_of(contact),)), contact


def _inventory_rows(found):
    rows = [
        [
            "record",
            item.app,
            item.kind,
            item.reference,
            item.label,
            item.when.isoformat() if item.when else "",
        ]
        for item in found.records
    ]
    rows += [["file", item.app, item.kind, item.reference, name, ""] for item, name in found.files]
    rows += [
        [
            "audit_event",
            "audit",
            event.action,
            f"{event.object_type}:{event.object_id}",
            event.summary,
            event.created_at.isoformat(),
        ]
        for event in found.events
    ]
    return rows


@require_GET
@role_required(Role.ADMIN)
def person_inventory(request):
    """For counsel: everything the system holds about one person, across apps (administrators)."""
    # Scoped by the organizations' keys, not a subquery: PostgreSQL then counts a big local's worksites
    # right, and reads a search's contacts by their keys instead of probing each of those worksites.
    cases = ClientCase.objects.for_user(request.user, roles=[Role.ADMIN])
    contacts = Contact.objects.for_user(request.user, roles=[Role.ADMIN])
    find = FindPersonForm(request.GET if "find" in request.GET else None)
    chosen = "case" in request.GET or "contact" in request.GET
    form = InventoryForm(request.GET if chosen else None, cases=cases, contacts=contacts)
    context = {"find_form": find, "form": form}
    if find.is_valid():
        context["matches"] = _people_matching(find.cleaned_data["find"], cases, contacts)
    if form.is_valid():
        person, picked = _person(request, form)
        found = inventory.inventory(person)
        export = request.GET.get("format")
        if export in ("csv", "json"):
            AuditEvent.objects.record(
                action=AuditEvent.Action.EXPORT,
                request=request,
                obj=picked,
                summary=f"inventory of a person exported as {export.upper()}",
            )
            rows = _inventory_rows(found)
            header = ["section", "app", "kind", "reference", "label", "when"]
            stamp = timezone.localdate().isoformat()
            if export == "csv":
                return _csv_response(f"inventory-{stamp}.csv", header, rows)
            body = json.dumps([dict(zip(header, row, strict=True)) for row in rows], indent=2)
            response = HttpResponse(body, content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="inventory-{stamp}.json"'
            return response
        AuditEvent.objects.record(
            action=AuditEvent.Action.VIEW_SENSITIVE,
            request=request,
            obj=picked,
            summary="inventory of a person viewed",
        )
        context.update({"found": found, "query": request.GET.urlencode()})
    return render(request, "uvisa/inventory.html", context)
