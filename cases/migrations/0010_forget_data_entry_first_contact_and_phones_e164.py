"""Existing data, made to hold up:

- A worksite created without a stage history got a first-contact entry dated on the day it was typed in.
  That date records data entry, not first contact: such entries (first contact, no note, by the worksite's
  author, recorded with the worksite, dated on its local creation day) are removed, and the current stage
  worked out again. No date is made up: the first-contact date of these worksites is "not known" until
  someone sets it. An entry someone recorded on its own is never touched.
- Contact phone numbers are stored in E.164 where they can be read as a valid number (default region US);
  the others are left exactly as they are.
"""

import datetime

from django.db import migrations
from django.utils import timezone

TOGETHER = datetime.timedelta(seconds=60)


def forget_data_entry_first_contact(apps, schema_editor):
    Worksite = apps.get_model("cases", "Worksite")
    StageChange = apps.get_model("cases", "StageChange")
    changes = StageChange.objects.filter(stage="first_contact", note="").select_related("worksite")
    removed, touched = [], set()
    for change in changes.iterator(chunk_size=2000):
        worksite = change.worksite
        if (
            change.recorded_by_id == worksite.created_by_id
            and change.date == timezone.localdate(worksite.created_at)
            and abs(change.recorded_at - worksite.created_at) <= TOGETHER
        ):
            removed.append(change.pk)
            touched.add(worksite.pk)
    StageChange.objects.filter(pk__in=removed).delete()
    for worksite in Worksite.objects.filter(pk__in=touched).iterator(chunk_size=2000):
        latest = StageChange.objects.filter(worksite=worksite).order_by("-date", "-recorded_at", "-pk").first()
        Worksite.objects.filter(pk=worksite.pk).update(
            current_stage=latest.stage if latest else "first_contact",
            current_stage_on=latest.date if latest else None,
        )


def phones_to_e164(apps, schema_editor):
    from power_campaign.phones import normalized

    Contact = apps.get_model("cases", "Contact")
    for contact in Contact.objects.only("pk", "phone").iterator(chunk_size=2000):  # encrypted: no filter
        phone = normalized(contact.phone)
        if contact.phone and phone != contact.phone:
            Contact.objects.filter(pk=contact.pk).update(phone=phone)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_stage_history_order_and_phone_help")]

    operations = [
        migrations.RunPython(forget_data_entry_first_contact, migrations.RunPython.noop),
        migrations.RunPython(phones_to_e164, migrations.RunPython.noop),
    ]
