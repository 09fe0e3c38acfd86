"""Accent-insensitive search: the `unaccent` extension, and every stored search vector rebuilt from the
unaccented text (PostgreSQL only; SQLite searches the columns directly).

The fields are those of each model's `search_fields` when this migration was written.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

from power_campaign.search import search_vector

SEARCH_FIELDS = {
    "worksite": ("employer_name", "dba", "city", "street", "notes"),
    "incident": ("description", "place"),
    "contact": ("name", "committee_role"),
}


def reindex(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in SEARCH_FIELDS.items():
        model = apps.get_model("cases", model_name)
        model.objects.using(schema_editor.connection.alias).update(search_vector=search_vector(*fields))


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_incident_when_covering_index")]
    operations = [
        UnaccentExtension(),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True),
    ]
