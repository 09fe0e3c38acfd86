"""Incident counts per organization, month (the desk's time zone) and type, kept as incidents are written
(IncidentCount): the dashboard's chart reads them instead of counting a year of incidents. Filled here from
the incidents, as `manage.py recount_incidents` fills it."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import TruncMonth


def count_incidents(apps, schema_editor):
    Incident = apps.get_model("cases", "Incident")
    IncidentCount = apps.get_model("cases", "IncidentCount")
    rows = (
        Incident.objects.annotate(month=TruncMonth("occurred_at", output_field=models.DateField()))
        .values("worksite__organization", "month", "type")
        .annotate(count=Count("*"))
        .values_list("worksite__organization", "month", "type", "count")
        .order_by()
    )
    IncidentCount.objects.bulk_create(
        IncidentCount(organization_id=organization, month=month, type=type_, count=count)
        for organization, month, type_, count in rows
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_phones_e164"),
        ("cases", "0014_referral_organization_required"),
    ]

    operations = [
        migrations.CreateModel(
            name="IncidentCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField()),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("ice_visit", "ICE visit or raid"),
                            ("i9_notice", "I-9 notice of inspection"),
                            ("everify", "E-Verify or re-verification demand"),
                            ("no_match", "No-match letter"),
                            ("immigration_threat", "Threat to call immigration"),
                            ("retaliation", "Retaliatory firing or discipline"),
                            ("wage_theft", "Wage theft"),
                            ("unsafe", "Unsafe conditions"),
                            ("assault", "Assault or sexual harassment"),
                            ("surveillance", "Surveillance"),
                            ("other", "Other"),
                        ],
                        max_length=30,
                    ),
                ),
                ("count", models.IntegerField(default=0)),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.organization"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("organization", "month", "type"), name="incident_count_cell")
                ],
            },
        ),
        migrations.RunPython(count_incidents, migrations.RunPython.noop, elidable=True),
    ]
