"""get_FOO_display() through power_campaign.labels answers as Django's own, in the active language."""

import pytest
from django.db import models
from django.utils import translation

from agreements.models import Agreement
from cases.models import Incident, Referral, Worksite
from power_campaign.audit.models import AuditEvent


@pytest.mark.parametrize(
    ("model", "field"),
    [(Worksite, "current_stage"), (Incident, "type"), (Referral, "status"), (Agreement, "status"),
     (AuditEvent, "action")],
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
