"""Document kinds are an open list declared by the apps (documents/kinds.py): the column keeps no choices,
so a new kind needs no migration here."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_packet_queued_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="kind"),
        ),
    ]
