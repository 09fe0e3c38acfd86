"""Closed cases written without the date they were closed (the demo's) are dated by their last change,
so that the retention period runs and the next migration can require the date."""

from django.db import migrations
from django.db.models import F


def date_closed_cases(apps, schema_editor):
    ClientCase = apps.get_model("uvisa", "ClientCase")
    ClientCase.objects.filter(status="closed", closed_at__isnull=True).update(closed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("uvisa", "0007_case_list_index")]

    operations = [migrations.RunPython(date_closed_cases, migrations.RunPython.noop)]
