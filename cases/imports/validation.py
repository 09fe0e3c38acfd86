"""Checking a Table's rows with the models' own rules, and for duplicates in the file and in the database."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from power_campaign import phones, zones

from ..forms import plausible_event_day
from ..models import US_STATES, Contact, ImportBatch, Industry, Stage, Worksite
from .columns import MODELS, STAGE_COLUMNS, WORKSITE_COLUMNS, choice_names, key
from .reading import RowError, column_letter

STATE_CODES = frozenset(code for code, _label in US_STATES)


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
STAGE_ALIASES = {
    "primer contacto": "first_contact",
    "comite": "committee",
    "mayoria": "majority",
    "demanda": "demand",
    "peticion": "demand",
    "eleccion": "election",
    "negociacion": "bargaining",
    "contrato ratificado": "ratified",
    "ratificado": "ratified",
    "perdida": "lost",
    "perdido": "lost",
    "inactiva": "dormant",
    "inactivo": "dormant",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YES = frozenset({"yes", "y", "si", "true", "1"})
NO = frozenset({"no", "n", "false", "0", ""})
THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")


class ImportRejected(ValueError):
    """Some rows are wrong: nothing was imported."""

    def __init__(self, errors, rows=()):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
        self.rows = list(rows)  # the rows without errors, as Checked.rows: they are shown with the errors


# The fields a row sets on its record; a contact's employer, city and state find its worksite.
ROW_FIELDS = {
    ImportBatch.Kind.WORKSITES: [c.field for c in WORKSITE_COLUMNS if c.field not in STAGE_COLUMNS],
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
        self.industries = choice_names(Industry.choices, INDUSTRY_ALIASES)
        self.preferred_languages = choice_names(Contact.Language.choices, LANGUAGE_ALIASES)
        self.roles = choice_names(Contact.CommitteeRole.choices, ROLE_ALIASES)
        self.stages = choice_names(Stage.choices, STAGE_ALIASES)
        self.time_zones = choice_names(zones.choices(), {})
        self.fields = {
            "first_contact_on": self.date,
            "current_stage": self.current_stage,
            "current_stage_on": self.date,
            "phone": self.phone,
            "state": self.state,
            "industry": self.industry,
            "headcount": self.headcount,
            "preferred_language": self.preferred_language,
            "committee_role": self.committee_role,
            "time_zone": self.time_zone,
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

    def current_stage(self, value):
        return self._choose(value, self.stages, Stage.values) if value else value

    def time_zone(self, value):
        """A zone of the list, by IANA name or label (English or Spanish); empty: the state's (validate)."""
        if not value:
            return ""
        return self._choose(value, self.time_zones, [name for name, _label in zones.choices()])

    @staticmethod
    def date(value):
        """A date as the export writes it (year-month-day: unambiguous in every language)."""
        if not value:
            return value
        try:
            day = datetime.date.fromisoformat(value) if ISO_DATE.fullmatch(value) else None
        except ValueError:
            day = None
        if day is None:
            raise ValidationError(_("Write the date as year-month-day, for example 2026-03-15."))
        plausible_event_day(day)  # not in the future, not before 1950
        return day.isoformat()

    @staticmethod
    def phone(value):
        """E.164, as stored; what the number would be shown as is checked here, in the user's language."""
        return phones.parse(value)

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


def _day(value):
    return datetime.date.fromisoformat(value) if value else None


def stage_history(values):
    """The stage history a checked worksite row gives, oldest first: first contact on its date (if known),
    then its stage on its date; the stage is the current one (the latest, or listed last on the same day)."""
    first = _day(values.get("first_contact_on"))
    stage, on = values.get("current_stage") or "", _day(values.get("current_stage_on"))
    history = [(Stage.FIRST_CONTACT, first, "")] if first else []
    if stage and on and (stage, on) != (Stage.FIRST_CONTACT, first):
        history.append((Stage(stage), on, ""))
    return history


def _stage_problems(values):
    """A worksite row's stage columns, checked together: {field: [message]}."""
    stage, on = values.get("current_stage"), values.get("current_stage_on")
    first = values.get("first_contact_on")
    if stage and stage != Stage.FIRST_CONTACT and not on:
        return {"current_stage_on": [_("Give the date the worksite reached this stage.")]}
    if on and not stage:
        return {"current_stage": [_("Name the stage reached on this date.")]}
    if on and first and on < first and stage != Stage.FIRST_CONTACT:
        return {"current_stage_on": [_("The stage cannot be reached before the date of first contact.")]}
    return {}


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
        if kind == ImportBatch.Kind.WORKSITES and not values.get("time_zone") and "time_zone" not in problems:
            # No column, or empty: the town's zone.
            values["time_zone"] = zones.for_place(values.get("city"), values.get("state"))
        record, invalid = _clean_row(model, form_fields, values)
        for field_name, messages in invalid.items():
            problems.setdefault(field_name, messages)
        if kind == ImportBatch.Kind.WORKSITES:
            if not problems.keys() & set(STAGE_COLUMNS):
                problems.update(_stage_problems(values))
            record.import_history = [] if problems else stage_history(values)
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
        return worksite_id, key(name), re.sub(r"\D", "", phones.normalized(phone))

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
