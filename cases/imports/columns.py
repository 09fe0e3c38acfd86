"""The columns of an import file: the fields, the names accepted for them in the first row, and the
CSV conventions the import and the export share."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy

# A cell Excel would run as a formula: the export writes it with a leading apostrophe (and the import
# takes the apostrophe off again), by the platform's one rule (power_campaign.spreadsheets).
from power_campaign.spreadsheets import FORMULA_START  # noqa: F401 (reading.py takes it from here)

from ..models import Contact, ImportBatch, Worksite


@dataclass(frozen=True)
class Column:
    field: str
    required: bool
    aliases: tuple  # more names accepted in the first row, besides the field's name and label
    accepts: str = ""
    label: str = ""  # for a column that is not a model field: its label (else the field's verbose name)


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
    Column(
        "time_zone",
        False,
        ("zone", "timezone", "zona horaria", "huso horario"),
        gettext_lazy(
            "America/Chicago, America/Los_Angeles... or Eastern, Central, Mountain, Pacific. "
            "Empty means the usual time zone of the town in its state."
        ),
    ),
    Column(
        "first_contact_on",
        False,
        ("first contact", "first contact date", "primer contacto", "fecha de primer contacto"),
        gettext_lazy("A date as year-month-day, for example 2026-03-15. Empty means not known."),
        label=gettext_lazy("date of first contact"),
    ),
    Column(
        "current_stage",
        False,
        ("current stage", "etapa actual", "fase"),
        gettext_lazy("Empty means first contact. Any other stage needs its date."),
    ),
    Column(
        "current_stage_on",
        False,
        ("stage date", "stage on", "fecha de etapa"),
        gettext_lazy("A date as year-month-day, for example 2026-03-15: the day the stage was reached."),
    ),
    Column("notes", False, ("notas",)),
)
# Worksite columns that make its stage history rather than set a field of its own.
STAGE_COLUMNS = ("first_contact_on", "current_stage", "current_stage_on")
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


def key(text):
    """A name as compared: case, accents, punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def labels(field_or_label):
    """The English and Spanish wording of a (lazy) label."""
    labels = []
    for language in ("en", "es"):
        with translation.override(language):
            labels.append(str(field_or_label))
    return labels


def verbose_name(kind, field_name):
    """The column's label: the model field's (a contact's employer, city and state are its worksite's)."""
    for column in COLUMNS[kind]:
        if column.field == field_name and column.label:
            return column.label
    model = MODELS[kind]
    owner = model if field_name in {f.name for f in model._meta.fields} else Worksite
    return owner._meta.get_field(field_name).verbose_name


def header_names(kind):
    """Every accepted first-row name (as compared) → field name."""
    names = {}
    for column in COLUMNS[kind]:
        for name in (column.field, *labels(verbose_name(kind, column.field)), *column.aliases):
            names[key(name)] = column.field
    return names


def choice_names(choices, aliases):
    names = {}
    for code, label in choices:
        names[key(code)] = code
        for wording in labels(label):
            names[key(wording)] = code
    names.update({key(alias): code for alias, code in aliases.items()})
    return names
