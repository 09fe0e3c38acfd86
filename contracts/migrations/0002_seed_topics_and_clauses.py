"""Seeds the 19 clause topics and version 1 of each model clause from seed_text."""

import datetime

from django.db import migrations

from power_campaign.search import search_vector

SEARCH_FIELDS = ("title_en", "title_es", "body_en", "body_es", "commentary")


def seed(apps, schema_editor):
    from contracts import seed_text

    Topic = apps.get_model("contracts", "ClauseTopic")
    Clause = apps.get_model("contracts", "Clause")
    Version = apps.get_model("contracts", "ClauseVersion")
    verified = datetime.date.fromisoformat(seed_text.LAST_VERIFIED)
    topics = {}
    for order, row in enumerate(seed_text.TOPICS, start=1):
        fields = dict(row, order=order, last_verified=verified)
        code = fields.pop("code")
        topics[code], _ = Topic.objects.update_or_create(code=code, defaults=fields)
    for row in seed_text.CLAUSES:
        clause, created = Clause.objects.get_or_create(
            code=row["code"],
            defaults={"topic": topics[row["topic"]], "strength": row["strength"], "tags": row["tags"]},
        )
        if not created:
            continue
        Version.objects.create(
            clause=clause,
            number=1,
            **{
                key: row[key]
                for key in ("title_en", "title_es", "body_en", "body_es", "commentary", "sources")
            },
        )
    if schema_editor.connection.vendor == "postgresql":
        Version.objects.using(schema_editor.connection.alias).update(
            search_vector=search_vector(*SEARCH_FIELDS)
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_clause_library_and_proposals")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
