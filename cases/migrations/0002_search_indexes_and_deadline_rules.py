"""Full-text indexes (PostgreSQL only) and the deadline rules the law sets after an I-9 notice.

Sources: shared/domain.md section 5 ("Deadlines to compute"); legal staff confirm and update the
rows in the admin (each carries its source and the date it was last verified).
"""

import datetime

from django.db import migrations

from power_campaign.search import AddSearchIndex

RULES = [
    {
        "code": "i9-production-3-business-days",
        "label": "Employer must produce Forms I-9 (at least 3 business days after the Notice of Inspection)",
        "label_es": "El empleador debe presentar los formularios I-9 (al menos 3 días hábiles después del aviso de inspección)",
        "incident_type": "i9_notice",
        "state": "",
        "amount": 3,
        "unit": "business_days",
        "source": "8 C.F.R. § 274a.2(b)(2)(ii)",
    },
    {
        "code": "ca-ab450-72-hour-notice",
        "label": "California: employer must notify workers of the I-9 inspection (72 hours, AB 450)",
        "label_es": "California: el empleador debe avisar a los trabajadores de la inspección I-9 (72 horas, AB 450)",
        "incident_type": "i9_notice",
        "state": "CA",
        "amount": 72,
        "unit": "hours",
        "source": "Cal. Labor Code § 90.2 (AB 450, 2017)",
    },
]


def forwards(apps, schema_editor):
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for rule in RULES:
        DeadlineRule.objects.update_or_create(
            code=rule["code"], defaults={**rule, "last_verified": datetime.date(2026, 11, 1)}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [
        AddSearchIndex("worksite"),
        AddSearchIndex("incident"),
        AddSearchIndex("contact"),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
