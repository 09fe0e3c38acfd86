"""CSV import of worksites and contacts (the spreadsheets organizers already keep), and CSV export.

An import takes two steps and is all or nothing:

1. `prepare_import` reads the file (UTF-8 with or without BOM, or Windows-1252 as Excel often writes it;
   comma- or semicolon-separated), maps its columns by name, validates every row with the models' own
   rules and looks for duplicates, in the file and among the organization's records. If any row is wrong,
   nothing is stored and every error is reported by row and column. Otherwise the validated rows wait,
   encrypted, in an ImportBatch for the user to confirm.
2. `run_import` checks the rows again and creates all of them in one transaction, or none.

The uploaded file itself is never stored, and the batch's rows are cleared once it is imported or discarded.
"""

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from power_campaign.accounts.models import Organization
from power_campaign.audit.models import AuditEvent
from power_campaign.search import search_vector

from .models import US_STATES, Contact, ImportBatch, Industry, Stage, StageChange, Worksite

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
PREVIEW_LIMIT = 100
STATE_CODES = frozenset(code for code, _label in US_STATES)
# A cell Excel would run as a formula; the export writes it with a leading apostrophe (and the import
# takes the apostrophe off again). Plain numbers such as "+1 312 555 0100" or "-5" are left alone.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+\-]?[\d\s().\-]*")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (or the batch can no longer be); the message says why."""


class ImportRejected(ValueError):
    """Some rows are wrong: nothing was imported."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    row: int  # as in the spreadsheet: the column names are row 1
    column: str  # the column's name as written in the file; "" for the whole row
    message: str
    letter: str = ""  # the spreadsheet's column letter (A, B, ...)


@dataclass(frozen=True)
class Column:
    field: str
    required: bool
    aliases: tuple  # more names accepted in the first row, besides the field's name and label
    accepts: str = ""


EMPLOYER = ("employer", "empleador", "company", "empresa", "nombre del empleador", "razon social")
CITY = ("ciudad",)
STATE = ("estado",)

WORKSITE_COLUMNS = (
    Column("employer_name", True, EMPLOYER),
    Column("dba", False, ("d/b/a", "doing business as", "nombre comercial")),
    Column("street", False, ("address", "street", "direccion", "calle", "domicilio")),
    Column("city", True, CITY),
    Column("state", True, STATE, gettext_lazy("Two-letter code, for example CA or TX.")),
    Column("postal_code", False, ("zip", "zip code", "postal code", "codigo postal")),
    Column("industry", False, ("industria", "sector"), gettext_lazy("Empty means Other.")),
    Column(
        "headcount",
        False,
        ("workers", "number of workers", "trabajadores", "numero de trabajadores"),
        gettext_lazy("A whole number."),
    ),
    Column("languages", False, ("idiomas", "lenguas")),
    Column("notes", False, ("notas",)),
)
CONTACT_COLUMNS = (
    Column(
        "employer_name",
        True,
        EMPLOYER,
        gettext_lazy("With the city and state, finds one of the organization's worksites: add it first."),
    ),
    Column("city", True, CITY),
    Column("state", True, STATE, gettext_lazy("Two-letter code, for example CA or TX.")),
    Column("name", True, ("nombre", "contact", "contacto")),
    Column(
        "preferred_language",
        False,
        ("language", "idioma", "idioma preferido", "lengua"),
        gettext_lazy("es, en or other (or Spanish, Español, English, Inglés). Empty means Spanish."),
    ),
    Column("phone", False, ("telefono", "cell", "celular", "mobile", "movil")),
    Column("committee_role", True, ("role", "rol", "committee role", "rol en el comite", "cargo")),
    Column(
        "consent_to_contact",
        False,
        ("consent", "consentimiento", "acepta ser contactado", "acepta ser contactada"),
        gettext_lazy("yes or no (or sí, si, y, n, true, false, 1, 0). Empty means no."),
    ),
)
COLUMNS = {ImportBatch.Kind.WORKSITES: WORKSITE_COLUMNS, ImportBatch.Kind.CONTACTS: CONTACT_COLUMNS}
MODELS = {ImportBatch.Kind.WORKSITES: Worksite, ImportBatch.Kind.CONTACTS: Contact}

# Values accepted besides each choice's code and its English and Spanish label.
LANGUAGE_ALIASES = {"spanish": "es", "espanol": "es", "english": "en", "ingles": "en", "otro": "other"}
ROLE_ALIASES = {
    "lider": "leader",
    "leader": "leader",
    "miembro del comite": "committee",
    "comite": "committee",
    "testigo": "witness",
    "simpatizante": "supporter",
    "otro": "other",
    "otra": "other",
}
INDUSTRY_ALIASES = {
    "almacen": "warehouse",
    "bodega": "warehouse",
    "procesamiento de alimentos": "food_processing",
    "empacadora": "food_processing",
    "restaurante": "restaurant",
    "hotel": "hotel",
    "construccion": "construction",
    "agricultura": "agriculture",
    "limpieza": "cleaning",
    "manufactura": "manufacturing",
    "fabrica": "manufacturing",
    "cuidado de salud": "care",
    "comercio": "retail",
    "tienda": "retail",
    "lavado de autos": "car_wash",
    "carwash": "car_wash",
    "otro": "other",
    "otra": "other",
}
YES = frozenset({"yes", "y", "si", "true", "1"})
NO = frozenset({"no", "n", "false", "0", ""})
THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")


def key(text):
    """A name as compared: case, accents, punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _labels(field_or_label):
    """The English and Spanish wording of a (lazy) label."""
    labels = []
    for language in ("en", "es"):
        with translation.override(language):
            labels.append(str(field_or_label))
    return labels


def _verbose_name(kind, field_name):
    """The model field's label (a contact's employer, city and state are its worksite's)."""
    model = MODELS[kind]
    owner = model if field_name in {f.name for f in model._meta.fields} else Worksite
    return owner._meta.get_field(field_name).verbose_name


def _header_names(kind):
    """Every accepted first-row name (as compared) → field name."""
    names = {}
    for column in COLUMNS[kind]:
        for name in (column.field, *_labels(_verbose_name(kind, column.field)), *column.aliases):
            names[key(name)] = column.field
    return names


def _choice_names(choices, aliases):
    names = {}
    for code, label in choices:
        names[key(code)] = code
        for wording in _labels(label):
            names[key(wording)] = code
    names.update({key(alias): code for alias, code in aliases.items()})
    return names


# Reading the file


@dataclass
class Table:
    """A file's data rows: (row number in the spreadsheet, {field: text}); the first row named the columns."""

    rows: list
    headers: dict  # field → the column's name in the file
    positions: dict  # field → the column's index (0 for A)
    ignored: list = field(default_factory=list)  # names in the first row that are not columns we know
    errors: list = field(default_factory=list)  # row errors found while reading
    from_file: bool = True  # False for rows read back from a batch: no spreadsheet letters then


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _encoding_error():
    return ImportFileError(
        _(
            "The file is not a CSV in UTF-8 or Windows-1252 encoding. In Excel, choose File, Save As, "
            "and the type “CSV UTF-8 (Comma delimited)”."
        )
    )


def _decode(data):
    """(text, whether the file was read as Windows-1252)."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(
            _(
                "This is a spreadsheet workbook, not a CSV file. In Excel, choose File, Save As, and the "
                "type “CSV UTF-8 (Comma delimited)”; in Google Sheets, File, Download, CSV."
            )
        )
    if b"\x00" in data:
        raise _encoding_error()
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        raise _encoding_error() from None


def _unescape(value):
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def read_csv(upload, kind):
    """The rows of an uploaded CSV file, or ImportFileError saying what is wrong with the file."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    text, legacy = _decode(data)
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    names = _header_names(kind)

    first_line, _newline, rest = text.partition("\n")
    explicit = re.fullmatch(r"sep=(.)", first_line.strip())  # Excel's own hint: "sep=;"
    if explicit:
        delimiter, text = explicit[1], rest
        first_line = text.partition("\n")[0]
    else:
        delimiter = max(
            (",", ";", "\t"),
            key=lambda d: sum(key(cell) in names for cell in next(csv.reader([first_line], delimiter=d), [])),
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        table = _map_header(header, names, kind, legacy)
        count = 0
        for number, record in enumerate(reader, start=2):
            cells = [_unescape(cell) for cell in record]
            if not any(cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows. Split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}"}
                )
            if any(cells[len(header) :]):
                table.errors.append(
                    RowError(number, "", _("This row has more cells than the first row has column names."))
                )
            values = {column.field: "" for column in COLUMNS[kind]}
            for field_name, index in table.positions.items():
                if index < len(cells):
                    values[field_name] = cells[index]
            table.rows.append((number, values))
    except csv.Error as error:
        raise ImportFileError(
            _("The file cannot be read as CSV (near line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not table.rows:
        raise ImportFileError(_("The file has no rows below the column names."))
    return table


def _map_header(header, names, kind, legacy):
    headers, positions, ignored = {}, {}, []
    for index, name in enumerate(header):
        name = name.strip()
        field_name = names.get(key(name))
        if field_name is None:
            if name:
                ignored.append(name)
            continue
        if field_name in headers:
            raise ImportFileError(
                _("Two columns are the same field (%(field)s): “%(first)s” and “%(second)s”. Keep one.")
                % {"field": field_name, "first": headers[field_name], "second": name}
            )
        headers[field_name], positions[field_name] = name, index
    if legacy and not headers:
        # Windows-1252 decodes almost any bytes: accept it only for what is clearly our kind of CSV.
        raise _encoding_error()
    missing = [column.field for column in COLUMNS[kind] if column.required and column.field not in headers]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return Table(rows=[], headers=headers, positions=positions, ignored=ignored)


# Validating the rows


# The fields a row sets on its record; a contact's employer, city and state find its worksite.
ROW_FIELDS = {
    ImportBatch.Kind.WORKSITES: [column.field for column in WORKSITE_COLUMNS],
    ImportBatch.Kind.CONTACTS: [
        "name",
        "preferred_language",
        "phone",
        "committee_role",
        "consent_to_contact",
    ],
}


def _clean_row(model, form_fields, values):
    """(unsaved record, {field: messages}): what a ModelForm of these fields would do, without building one
    form per row (copying a form's fields for each of 5,000 rows takes seconds)."""
    cleaned, problems = {}, {}
    for name, form_field in form_fields.items():
        try:
            cleaned[name] = form_field.clean(form_field.widget.value_from_datadict(values, {}, name))
        except ValidationError as invalid:
            problems[name] = invalid.messages
    record = model(**cleaned)
    others = [f.name for f in model._meta.fields if f.name not in cleaned]
    try:
        record.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            problems.setdefault(name, messages)
    return record, problems


class _Normalizer:
    """Turns what people write in spreadsheets into the values the model's form fields accept."""

    def __init__(self):
        self.industries = _choice_names(Industry.choices, INDUSTRY_ALIASES)
        self.preferred_languages = _choice_names(Contact.Language.choices, LANGUAGE_ALIASES)
        self.roles = _choice_names(Contact.CommitteeRole.choices, ROLE_ALIASES)
        self.fields = {
            "state": self.state,
            "industry": self.industry,
            "headcount": self.headcount,
            "preferred_language": self.preferred_language,
            "committee_role": self.committee_role,
            "consent_to_contact": self.consent_to_contact,
        }

    def __call__(self, field_name, value):
        method = self.fields.get(field_name)
        return method(value) if method else value

    def state(self, value):
        value = value.upper()
        if value and value not in STATE_CODES:
            raise ValidationError(_("Use the two-letter code of a US state or territory, for example CA."))
        return value

    def industry(self, value):
        if not value:
            return Industry.OTHER
        return self._choose(value, self.industries, Industry.values)

    def headcount(self, value):
        return re.sub(r"[.,]", "", value) if THOUSANDS.fullmatch(value) else value

    def preferred_language(self, value):
        if not value:
            return Contact.Language.SPANISH
        return self._choose(value, self.preferred_languages, Contact.Language.values)

    def committee_role(self, value):
        return self._choose(value, self.roles, Contact.CommitteeRole.values) if value else value

    def consent_to_contact(self, value):
        if key(value) in YES:
            return "true"
        if key(value) in NO:
            return "false"
        raise ValidationError(_("Write yes or no."))

    @staticmethod
    def _choose(value, names, codes):
        try:
            return names[key(value)]
        except KeyError:
            raise ValidationError(
                _("“%(value)s” is not a known value. Use one of: %(codes)s.")
                % {"value": value, "codes": ", ".join(codes)}
            ) from None


@dataclass
class Checked:
    rows: list  # (row number, normalized values, unsaved model instance), for rows without errors
    errors: list


def _worksite_key(values):
    return (key(values["employer_name"]), key(values["city"]), values["state"].upper())


def validate(*, kind, organization, table):
    """Every row checked with the model's rules, then for duplicates; errors sorted by row and column."""
    normalize = _Normalizer()
    model = MODELS[kind]
    form_fields = forms.fields_for_model(model, fields=ROW_FIELDS[kind])
    rows, errors = [], [(e.row, -1, e) for e in table.errors]

    def error(row, field_name, message):
        position = table.positions.get(field_name, -1)
        letter = column_letter(position) if table.from_file and position >= 0 else ""
        errors.append(
            (row, position, RowError(row, table.headers.get(field_name, field_name), message, letter))
        )

    for number, raw in table.rows:
        values, problems = {}, {}
        for field_name, value in raw.items():
            try:
                values[field_name] = normalize(field_name, value)
            except ValidationError as invalid:
                values[field_name], problems[field_name] = value, invalid.messages
        record, invalid = _clean_row(model, form_fields, values)
        for field_name, messages in invalid.items():
            problems.setdefault(field_name, messages)
        if kind == ImportBatch.Kind.CONTACTS:
            for field_name in ("employer_name", "city", "state"):
                if not values[field_name]:
                    problems.setdefault(field_name, [str(forms.Field.default_error_messages["required"])])
        for field_name, messages in problems.items():
            for message in messages:
                error(number, field_name, message)
        if not problems:
            rows.append((number, values, record))

    duplicates = _worksite_duplicates if kind == ImportBatch.Kind.WORKSITES else _contact_duplicates
    for number, field_name, message in duplicates(organization, rows):
        error(number, field_name, message)
    failed = {row for row, _position, _error in errors}
    rows = [row for row in rows if row[0] not in failed]
    for _number, _values, instance in rows:
        if kind == ImportBatch.Kind.WORKSITES:
            instance.organization = organization
    errors.sort(key=lambda item: item[:2])
    return Checked(rows=rows, errors=[e for _row, _position, e in errors])


def _worksite_duplicates(organization, rows):
    states = {values["state"] for _number, values, _instance in rows}
    existing = {
        (key(name), key(city), state)
        for name, city, state in Worksite.objects.filter(
            organization=organization, state__in=states
        ).values_list("employer_name", "city", "state")
    }
    seen = {}
    for number, values, _instance in rows:
        worksite = _worksite_key(values)
        if worksite in seen:
            yield (
                number,
                "employer_name",
                _("Duplicate of row %(row)s (same employer, city and state).") % {"row": seen[worksite]},
            )
        elif worksite in existing:
            yield (
                number,
                "employer_name",
                _("Duplicate of an existing worksite of %(organization)s (same employer, city and state).")
                % {"organization": organization},
            )
        else:
            seen[worksite] = number


def _contact_duplicates(organization, rows):
    states = {values["state"] for _number, values, _instance in rows}
    worksites = {}
    candidates = Worksite.objects.filter(organization=organization, state__in=states).only(
        "uuid", "employer_name", "city", "state"
    )
    for worksite in candidates:
        worksite_key = (key(worksite.employer_name), key(worksite.city), worksite.state)
        worksites.setdefault(worksite_key, []).append(worksite)
    matched = {}
    for number, values, instance in rows:
        found = worksites.get(_worksite_key(values), [])
        if not found:
            yield (
                number,
                "employer_name",
                _(
                    "No worksite of %(organization)s has this employer, city and state. "
                    "Add the worksite first, or correct the name."
                )
                % {"organization": organization},
            )
        elif len(found) > 1:
            yield (
                number,
                "employer_name",
                _(
                    "More than one worksite of %(organization)s has this employer, city and state: "
                    "add this contact from the worksite's page."
                )
                % {"organization": organization},
            )
        else:
            instance.worksite = matched[number] = found[0]

    def contact_key(worksite_id, name, phone):
        return worksite_id, key(name), re.sub(r"\D", "", phone)

    existing = {
        contact_key(c.worksite_id, c.name, c.phone)
        for c in Contact.objects.filter(worksite__in=set(matched.values())).only("worksite", "name", "phone")
    }
    seen = {}
    for number, values, _instance in rows:
        if number not in matched:
            continue
        contact = contact_key(matched[number].pk, values["name"], values["phone"])
        if contact in seen:
            yield (
                number,
                "name",
                _("Duplicate of row %(row)s (same worksite, name and phone).") % {"row": seen[contact]},
            )
        elif contact in existing:
            yield (
                number,
                "name",
                _("Duplicate of an existing contact at this worksite (same name and phone)."),
            )
        else:
            seen[contact] = number


# Import


def prepare_import(*, upload, kind, organization, user):
    """Read and check an uploaded file; if every row is right, keep the rows in a batch to confirm.

    Returns (batch, names of the columns that were ignored); raises ImportFileError or ImportRejected.
    """
    table = read_csv(upload, kind)
    checked = validate(kind=kind, organization=organization, table=table)
    if checked.errors:
        raise ImportRejected(checked.errors)
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


def _refresh_search_vectors(model, records):
    """What Searchable.update_search_vector does, for many records in one query."""
    if connection.vendor == "postgresql":
        fields = model.objects.none().search_fields
        model.objects.filter(pk__in=[r.pk for r in records]).update(
            search_vector=search_vector(*fields)
        )


@transaction.atomic
def run_import(*, batch, user, request=None):
    """Create every row of a checked batch, or none; returns the records created.

    One audit event names the batch and the count, written last: an event per record would hold the audit
    chain's lock (and so every other audited action on the site) for the whole import.
    """
    batch = _locked(batch)
    checked = check_batch(batch)
    if checked.errors:
        raise ImportRejected(checked.errors)
    records = [instance for _number, _values, instance in checked.rows]
    if batch.kind == ImportBatch.Kind.WORKSITES:
        today = timezone.localdate()
        for worksite in records:
            worksite.created_by = user
            worksite.current_stage, worksite.current_stage_on = Stage.FIRST_CONTACT, today
        Worksite.objects.bulk_create(records)
        StageChange.objects.bulk_create(
            StageChange(worksite=worksite, stage=Stage.FIRST_CONTACT, date=today, recorded_by=user)
            for worksite in records
        )
    else:
        for contact in records:
            contact.created_by = user
        Contact.objects.bulk_create(records)
    _refresh_search_vectors(MODELS[batch.kind], records)
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


# The upload form and the page's description of the columns


class ImportForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organization"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("The file lists"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        allow_empty_file=True,  # an empty file gets the importer's own message
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=gettext_lazy(
            "UTF-8 or Windows-1252, separated by commas or semicolons; up to 2 MB and 5,000 rows."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.for_user(user)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]


def column_docs():
    """For the upload page: each kind's columns, the other names accepted, and what to write."""
    choices = {
        "industry": Industry.choices,
        "committee_role": Contact.CommitteeRole.choices,
    }
    docs = []
    for kind, title in ImportBatch.Kind.choices:
        columns = []
        for column in COLUMNS[kind]:
            accepts = str(column.accepts)
            if column.field in choices:
                listed = "; ".join(f"{code} ({label})" for code, label in choices[column.field])
                code_or_name = _("A code or its name:")
                accepts = f"{accepts} {code_or_name} {listed}".strip()
            columns.append(
                {
                    "name": column.field,
                    "label": str(_verbose_name(kind, column.field)),
                    "required": column.required,
                    "accepts": accepts,
                }
            )
        docs.append(
            {
                "kind": kind,
                "title": title,
                "columns": columns,
                "example": ",".join(c.field for c in COLUMNS[kind]),
            }
        )
    return docs


# Export


def _cell(value):
    """A cell as text; one that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


WORKSITE_EXPORT = [
    "organization",
    "employer_name",
    "dba",
    "street",
    "city",
    "state",
    "postal_code",
    "industry",
    "headcount",
    "languages",
    "current_stage",
    "current_stage_on",
    "notes",
]
CONTACT_EXPORT = [
    "organization",
    "employer_name",
    "city",
    "state",
    "name",
    "preferred_language",
    "phone",
    "committee_role",
    "consent_to_contact",
]


def export(*, kind, worksites, out, request):
    """Write `worksites` (or their contacts) as CSV to `out`, and record who exported how many.

    UTF-8 with a BOM, so that Excel shows accents. A contact's phone is written only when they agreed to
    be contacted. One audit event per organization exported (so each organization's admins see it).
    """
    out.write("\ufeff")
    writer = csv.writer(out)
    counts = Counter()
    if kind == ImportBatch.Kind.CONTACTS:
        writer.writerow(CONTACT_EXPORT)
        contacts = (
            Contact.objects.filter(worksite__in=worksites.values("pk"))
            .select_related("worksite__organization")
            .order_by("worksite__employer_name", "worksite__pk", "name", "pk")
        )
        for contact in contacts.iterator(chunk_size=2000):
            worksite = contact.worksite
            writer.writerow(
                _cell(value)
                for value in [
                    worksite.organization.name,
                    worksite.employer_name,
                    worksite.city,
                    worksite.state,
                    contact.name,
                    contact.preferred_language,
                    contact.phone if contact.consent_to_contact else "",
                    contact.committee_role,
                    "yes" if contact.consent_to_contact else "no",
                ]
            )
            counts[worksite.organization] += 1
    else:
        writer.writerow(WORKSITE_EXPORT)
        for worksite in worksites.select_related("organization").iterator(chunk_size=2000):
            writer.writerow(
                _cell(worksite.organization.name if name == "organization" else getattr(worksite, name))
                for name in WORKSITE_EXPORT
            )
            counts[worksite.organization] += 1
    for organization, count in sorted(counts.items(), key=lambda item: item[0].pk) or [(None, 0)]:
        AuditEvent.objects.record(
            action=AuditEvent.Action.EXPORT,
            request=request,
            organization=organization,
            summary=f"exported {count} {kind} as CSV",
        )
    return sum(counts.values())
