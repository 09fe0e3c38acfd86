"""The two steps of an import: prepare (read, check, keep the rows encrypted in a batch), then run or
discard."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from power_campaign.audit.models import AuditEvent

from .. import services
from ..models import ImportBatch
from .columns import COLUMNS
from .reading import ImportFileError, Table, read_csv
from .validation import ImportRejected, validate

PREVIEW_LIMIT = 100


def prepare_import(*, upload, kind, organization, user):
    """Read and check an uploaded file; if every row is right, keep the rows in a batch to confirm.

    Returns (batch, names of the columns that were ignored); raises ImportFileError or ImportRejected.
    """
    table = read_csv(upload, kind)
    checked = validate(kind=kind, organization=organization, table=table)
    if checked.errors:
        raise ImportRejected(checked.errors, rows=checked.rows)
    rows = [{"row": number, "values": values} for number, values, _instance in checked.rows]
    batch = ImportBatch.objects.create(
        organization=organization,
        kind=kind,
        file_name=(upload.name or "")[:255],
        row_count=len(rows),
        rows=json.dumps(rows, ensure_ascii=False),
        created_by=user,
    )
    return batch, table.ignored


def _stored_table(batch):
    rows = json.loads(batch.rows or "[]")
    fields = [column.field for column in COLUMNS[batch.kind]]
    return Table(
        rows=[(row["row"], row["values"]) for row in rows],
        headers={name: name for name in fields},
        positions={name: index for index, name in enumerate(fields)},
        from_file=False,
    )


def check_batch(batch):
    """The batch's rows checked again against the records as they are now."""
    return validate(kind=batch.kind, organization=batch.organization, table=_stored_table(batch))


def _locked(batch):
    batch = ImportBatch.objects.select_for_update().select_related("organization").get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ImportFileError(_("This import was already done or discarded."))
    return batch


@transaction.atomic
def run_import(*, batch, user, request=None):
    """Create every row of a checked batch, or none; returns the records created.

    One audit event names the batch and the count, written last: an event per record would hold the audit
    chain's lock (and so every other audited action on the site) for the whole import.
    """
    batch = _locked(batch)
    checked = check_batch(batch)
    if checked.errors:
        raise ImportRejected(checked.errors, rows=checked.rows)
    records = [instance for _number, _values, instance in checked.rows]
    if batch.kind == ImportBatch.Kind.WORKSITES:
        histories = [record.import_history for record in records]
        services.create_worksites(worksites=records, user=user, histories=histories)
    else:
        services.create_children(records=records, user=user)
    batch.status, batch.imported_at, batch.rows = ImportBatch.Status.IMPORTED, timezone.now(), ""
    batch.save(update_fields=["status", "imported_at", "rows"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.CREATE,
        request=request,
        actor=user,
        obj=batch,
        summary=f"imported {len(records)} {batch.kind} from CSV",
    )
    return records


@transaction.atomic
def discard(*, batch, user, request=None):
    """Drop a batch that will not be imported (its rows are erased)."""
    batch = _locked(batch)
    batch.status, batch.rows = ImportBatch.Status.DISCARDED, ""
    batch.save(update_fields=["status", "rows"])
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=batch,
        summary="CSV import discarded",
    )
    return batch
