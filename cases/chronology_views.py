"""The retaliation chronology of a worksite: on a web page, and printed as a signed exhibit."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from power_campaign.documents.api import Access, Document, SigningNotConfigured, create_document

from .chronology import chronology, method_note, summarize
from .documents import CHRONOLOGY
from .models import Worksite


def _worksite(request, uuid):
    return Worksite.objects.select_related("organization").get_for_user(request.user, uuid=uuid)


def _subject(worksite):
    return f"cases.worksite:{worksite.uuid}"


def _context(worksite):
    rows = chronology(worksite)
    return {
        "worksite": worksite,
        "rows": rows,
        "summary": summarize(rows),
        "method": method_note(worksite),
        # Not known: no first-contact entry (never the day the worksite was typed in), and the page says so.
        "first_contact_on": worksite.first_contact_on,
    }


@require_GET
def chronology_view(request, uuid):
    worksite = _worksite(request, uuid)
    versions = Document.objects.for_user(request.user).filter(
        kind=CHRONOLOGY, subject=_subject(worksite)
    )
    context = {**_context(worksite), "versions": versions.order_by("-version")}
    return render(request, "cases/chronology.html", context)


@require_POST
def chronology_pdf(request, uuid):
    worksite = _worksite(request, uuid)
    context = _context(worksite)
    if not context["rows"]:
        messages.warning(request, _("Nothing to print yet: record protected activity or incidents first."))
        return redirect("cases:chronology", uuid=worksite.uuid)
    try:
        document = create_document(
            organization=worksite.organization,
            kind=CHRONOLOGY,
            title=_("Retaliation chronology: %s") % worksite.employer_name,
            template="pdf/chronology.html",
            context={**context, "verify_url": request.build_absolute_uri(reverse("verify"))},
            language=get_supported_language_variant(get_language()),
            user=request.user,
            subject=_subject(worksite),
            access=Access.ORGANIZATION,
            confidentiality=_("Confidential: names workers who may face retaliation"),
        )
    except SigningNotConfigured as error:
        messages.error(request, error.message)
        return redirect("cases:chronology", uuid=worksite.uuid)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Version %(version)s of the chronology is signed and saved.") % {"version": document.version},
            document.get_absolute_url(),
            _("Download the PDF"),
        ),
    )
    return redirect("cases:chronology", uuid=worksite.uuid)
