"""get_FOO_display() through power_campaign.labels answers as Django's own, in the active language."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from cases.models import Worksite
from power_campaign.labels import ChoiceLabels

# Every field with choices of every model that takes ChoiceLabels.
LABELLED_FIELDS = [
    (model, field.name)
    for model in apps.get_models()
    if issubclass(model, ChoiceLabels)
    for field in model._meta.concrete_fields
    if field.choices
]


def test_the_models_lists_show_take_choice_labels():
    assert {f"{model._meta.label}.{field}" for model, field in LABELLED_FIELDS} >= {
        "cases.Worksite.current_stage",
        "cases.StageChange.stage",
        "cases.Contact.committee_role",
        "cases.Incident.type",
        "cases.AgencyFiling.agency",
        "cases.ProtectedActivity.kind",
        "cases.Evidence.kind",
        "cases.Referral.status",
        "agreements.Agreement.status",
        "audit.AuditEvent.action",
    }


@pytest.mark.parametrize(
    ("model", "field"), LABELLED_FIELDS, ids=lambda value: getattr(value, "__name__", value)
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_label_is_djangos_own_in_the_active_language(model, field, language):
    choices = model._meta.get_field(field).flatchoices
    with translation.override(language):
        for value, _label in [*choices, ("no-such-value", "")]:
            record = model(**{field: value})
            shown = getattr(record, f"get_{field}_display")()
            assert shown == models.Model._get_FIELD_display(record, model._meta.get_field(field))
            assert shown == (str(dict(choices)[value]) if value in dict(choices) else "no-such-value")


def test_the_labels_follow_the_language():
    site = Worksite(current_stage="committee")
    with translation.override("en"):
        english = site.get_current_stage_display()
    with translation.override("es"):
        spanish = site.get_current_stage_display()
    assert (english, spanish) == ("Committee formed", "Comité formado")
