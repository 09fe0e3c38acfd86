"""Referrals carry their incident's organization (legal's queue and counts no longer join every incident).
Filled here, required in 0014: PostgreSQL alters no table with the fill's constraint checks pending."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_organization(apps, schema_editor):
    Referral = apps.get_model("cases", "Referral")
    Incident = apps.get_model("cases", "Incident")
    organization = Incident.objects.filter(pk=OuterRef("incident_id")).values("worksite__organization_id")
    Referral.objects.update(organization_id=Subquery(organization[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_phones_e164"),
        ("cases", "0012_worksite_org_id_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="organization",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.RunPython(fill_organization, migrations.RunPython.noop, elidable=True),
    ]
