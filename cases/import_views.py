"""CSV import and export pages; the work is done in the `imports` package."""

import csv
import io

from django.contrib import messages
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from power_campaign.accounts.access import Role, role_required

from .forms import WorksiteFilterForm
from .imports import batches, reading
from .imports.export import export
from .imports.forms import ImportForm, column_docs, template_header
from .imports.validation import Checked, ImportRejected
from .models import ImportBatch, Worksite

ERROR_LIMIT = 200  # errors listed on the page; the count says how many there are in all


class InMemoryCSVUploadHandler(FileUploadHandler):
    """Keeps an uploaded CSV in memory only, never in a temporary file (it holds phone numbers).

    Past reading.MAX_BYTES (for all files of the request together) the bytes are counted, so the
    importer can say the file is too large, but not kept.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.kept = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer, self.size = io.BytesIO(), 0

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.kept + len(raw_data) <= reading.MAX_BYTES:
            self.buffer.write(raw_data)
            self.kept += len(raw_data)

    def file_complete(self, file_size):
        if self.size > reading.MAX_BYTES:
            self.buffer = io.BytesIO()  # too large: the size alone is reported
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            self.size,
            self.charset,
            self.content_type_extra,
        )


def _upload_page(request, form, errors=(), changed=False, rows=()):
    context = {
        "form": form,
        "kind": form["kind"].value(),
        # The rows without errors, marked: what would be imported once the errors are corrected.
        "rows": rows[: batches.PREVIEW_LIMIT],
        "row_count": len(rows),
        "more": max(len(rows) - batches.PREVIEW_LIMIT, 0),
        "errors": errors[:ERROR_LIMIT],
        "error_count": len(errors),
        "changed": changed,
        "column_docs": column_docs(),
    }
    return render(request, "cases/import_upload.html", context)


@require_http_methods(["GET", "POST"])
@csrf_exempt  # checked below, once the upload handler is in place
@role_required(Role.ORGANIZER, Role.LEGAL, Role.ADMIN)
def import_upload(request):
    request.upload_handlers = [InMemoryCSVUploadHandler(request)]
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        try:
            batch, ignored = batches.prepare_import(
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                organization=form.cleaned_data["organization"],
                user=request.user,
            )
        except reading.ImportFileError as error:
            form.add_error("file", str(error))
        except ImportRejected as rejected:
            return _upload_page(request, form, rejected.errors, rows=rejected.rows)
        else:
            if ignored:
                messages.warning(
                    request,
                    _("These columns are not imported: %(columns)s.") % {"columns": ", ".join(ignored)},
                )
            return redirect(batch)
    return _upload_page(request, form)


@require_http_methods(["GET", "POST"])
def import_preview(request, uuid):
    batch = ImportBatch.objects.select_related("organization", "created_by").get_for_user(
        request.user, uuid=uuid
    )
    if request.method == "POST":
        return _confirm(request, batch)
    checked = (
        batches.check_batch(batch)
        if batch.status == ImportBatch.Status.PREVIEWED
        else Checked([], [])
    )
    context = {
        "batch": batch,
        "rows": checked.rows[: batches.PREVIEW_LIMIT],
        "more": max(len(checked.rows) - batches.PREVIEW_LIMIT, 0),
        "errors": checked.errors[:ERROR_LIMIT],
        "error_count": len(checked.errors),
    }
    return render(request, "cases/import_preview.html", context)


def _confirm(request, batch):
    try:
        if request.POST.get("action") == "discard":
            batches.discard(batch=batch, user=request.user, request=request)
            messages.info(request, _("The import was discarded: nothing was added."))
            return redirect("cases:import_upload")
        records = batches.run_import(batch=batch, user=request.user, request=request)
    except reading.ImportFileError as error:
        messages.error(request, str(error))
        return redirect(batch)
    except ImportRejected as rejected:
        batches.discard(batch=batch, user=request.user, request=request)
        form = ImportForm(
            user=request.user, initial={"organization": batch.organization, "kind": batch.kind}
        )
        return _upload_page(request, form, rejected.errors, changed=True, rows=rejected.rows)
    if batch.kind == ImportBatch.Kind.WORKSITES:
        text = ngettext("%(count)s worksite imported.", "%(count)s worksites imported.", len(records))
    else:
        text = ngettext("%(count)s contact imported.", "%(count)s contacts imported.", len(records))
    messages.success(request, text % {"count": len(records)})
    return redirect("cases:worksite_list")


@require_GET
@role_required(Role.ORGANIZER, Role.LEGAL, Role.ADMIN)
def import_template(request, kind):
    """An empty CSV file with the columns of `kind` named in the reader's language: the file to fill in."""
    if kind not in ImportBatch.Kind.values:
        raise Http404
    title = slugify(f"{ImportBatch.Kind(kind).label} {_('template')}")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{title}.csv"'
    response.write("\ufeff")  # UTF-8 with a BOM, as the export: Excel then shows accents
    csv.writer(response).writerow(template_header(kind))
    return response


@require_GET
def export_csv(request):
    """The worksites the user may see (filtered like the list when filters are given), or their contacts."""
    kind = request.GET.get("kind", ImportBatch.Kind.WORKSITES)
    if kind not in ImportBatch.Kind.values:
        raise Http404
    worksites = Worksite.objects.for_user(request.user)
    form = WorksiteFilterForm(request.GET, user=request.user)
    worksites = form.filter(worksites) if form.is_valid() else worksites.none()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{timezone.localdate():%Y-%m-%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    export(kind=kind, worksites=worksites, out=response, request=request)
    return response
