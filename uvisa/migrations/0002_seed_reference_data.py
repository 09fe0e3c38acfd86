"""Seeds the 28 qualifying criminal activities, their modifiers and the certifying agencies (uvisa/reference.py)."""

import datetime

from django.db import migrations


def seed(apps, schema_editor):
    from uvisa import reference

    Activity = apps.get_model("uvisa", "QualifyingActivity")
    Modifier = apps.get_model("uvisa", "ActivityModifier")
    Agency = apps.get_model("uvisa", "CertifyingAgency")
    verified = datetime.date.fromisoformat(reference.VERIFIED)
    activities = {}
    for order, (code, label_en, label_es, added_by) in enumerate(reference.ACTIVITIES, start=1):
        activities[code], _ = Activity.objects.update_or_create(
            code=code,
            defaults={
                "label_en": label_en,
                "label_es": label_es,
                "statutory_order": order,
                "added_by": added_by,
                "source": reference.STATUTE,
                "last_verified": verified,
            },
        )
    for row in reference.MODIFIERS:
        fields = dict(row, last_verified=verified)
        Modifier.objects.update_or_create(code=fields.pop("code"), defaults=fields)
    for row in reference.AGENCIES:
        fields = dict(row, last_verified=verified)
        codes = fields.pop("activities", [])
        agency, _ = Agency.objects.update_or_create(code=fields.pop("code"), defaults=fields)
        agency.activities.set([activities[code] for code in codes])


class Migration(migrations.Migration):
    dependencies = [("uvisa", "0001_uvisa_cases_screening_requests")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
