"""Exhibits record their custody: the source record, the SHA-256 recorded at upload, location data.

Existing exhibits were all uploaded into their packet: the SHA-256 at upload is the one they have, and an
image is marked as carrying location data if its stored file has GPS data in its EXIF."""

import io

from django.db import migrations, models
from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825


def _has_location(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            return bool(image.getexif().get_ifd(GPS_IFD))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False


def record_custody(apps, schema_editor):
    Exhibit = apps.get_model("documents", "Exhibit")
    for exhibit in Exhibit.objects.all().iterator():
        includes_location = False
        if exhibit.file_type in ("image/jpeg", "image/png"):
            try:
                with exhibit.file.open("rb") as handle:
                    includes_location = _has_location(handle.read())
            except OSError:  # a missing file: nothing to read, nothing claimed
                pass
        Exhibit.objects.filter(pk=exhibit.pk).update(
            sha256_at_upload=exhibit.sha256, includes_location=includes_location
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_document_kind_open_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="exhibit",
            name="custody_url",
            field=models.CharField(blank=True, max_length=500, verbose_name="custody trail"),
        ),
        migrations.AddField(
            model_name="exhibit",
            name="includes_location",
            field=models.BooleanField(default=False, verbose_name="includes location data"),
        ),
        migrations.AddField(
            model_name="exhibit",
            name="sha256_at_upload",
            field=models.CharField(default="", max_length=64, verbose_name="SHA-256 recorded at upload"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="exhibit",
            name="source",
            field=models.CharField(
                blank=True, help_text="The record it was copied from, as 'app.model:uuid'.", max_length=120
            ),
        ),
        migrations.AddField(
            model_name="exhibit",
            name="source_label",
            field=models.CharField(blank=True, max_length=300, verbose_name="source record"),
        ),
        migrations.RunPython(record_custody, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="exhibit",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source", ""), _negated=True),
                fields=("packet", "source"),
                name="exhibit_unique_source",
            ),
        ),
        migrations.AddConstraint(
            model_name="exhibit",
            constraint=models.CheckConstraint(
                condition=models.Q(("sha256", models.F("sha256_at_upload"))),
                name="exhibit_sha256_matches_upload",
            ),
        ),
    ]
