"""Seeds the checklist's components and version 1 (published) of the model agreement from seed_text."""

import datetime

from django.db import migrations
from django.utils import timezone

TEMPLATE_NAME = "ICE neutrality agreement"


def seed(apps, schema_editor):
    from agreements import seed_text

    Component = apps.get_model("agreements", "AgreementComponent")
    Template = apps.get_model("agreements", "AgreementTemplate")
    Section = apps.get_model("agreements", "TemplateSection")
    components = {}
    for row in seed_text.COMPONENTS:
        fields = dict(row, last_verified=datetime.date.fromisoformat(row["last_verified"]))
        code = fields.pop("code")
        components[code], _ = Component.objects.update_or_create(code=code, defaults=fields)
    if Template.objects.filter(name=TEMPLATE_NAME).exists():
        return
    template = Template.objects.create(
        name=TEMPLATE_NAME, version=1, status="published", published_at=timezone.now()
    )
    Section.objects.bulk_create(
        Section(
            template=template,
            component=components[row["component"]],
            order=index,
            heading_en=row["heading_en"],
            heading_es=row["heading_es"],
            body_en=row["body_en"],
            body_es=row["body_es"],
        )
        for index, row in enumerate(seed_text.SECTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_agreements_templates_versions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
