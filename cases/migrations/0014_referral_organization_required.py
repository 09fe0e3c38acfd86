import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_referral_organization"),
    ]

    operations = [
        migrations.AlterField(
            model_name="referral",
            name="organization",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["organization", "status"], name="referral_org_status_idx"),
        ),
    ]
