"""Each worksite's time zone, in which its incidents' dates and times are typed and shown and their
deadlines counted. Existing worksites get the desk's zone (settings.TIME_ZONE), as they were shown until
now: an organizer changes it on the worksite's Edit page."""

from django.db import migrations, models

import power_campaign.zones


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_incident_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="worksite",
            name="time_zone",
            field=models.CharField(
                choices=power_campaign.zones.choices,
                default=power_campaign.zones.default,
                help_text="Incident dates and times at this worksite are typed and shown in this time zone, and the deadlines they set are counted on its calendar.",
                max_length=40,
                verbose_name="time zone",
            ),
        ),
    ]
