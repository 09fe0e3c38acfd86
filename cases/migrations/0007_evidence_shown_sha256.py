"""The copy of a photo without location data gets its own SHA-256, recorded when it is made: a packet
exhibit copied from it is checked against it. Existing copies are hashed from their stored files."""

import hashlib

from django.db import migrations, models


def hash_shown_copies(apps, schema_editor):
    Evidence = apps.get_model("cases", "Evidence")
    for evidence in Evidence.objects.exclude(shown_file="").iterator():
        try:
            with evidence.shown_file.open("rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:  # a missing file: left without a hash, so it cannot become an exhibit
            continue
        Evidence.objects.filter(pk=evidence.pk).update(shown_sha256=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_referral_status_constraint"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="shown_sha256",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="SHA-256 of the copy without location"
            ),
        ),
        migrations.RunPython(hash_shown_copies, migrations.RunPython.noop, elidable=True),
    ]
