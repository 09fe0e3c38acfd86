"""Users' phone numbers in E.164, as the profile form now stores them; a value that is not a valid number is
left as it was."""

from django.db import migrations


def phones_to_e164(apps, schema_editor):
    from power_campaign.phones import normalized

    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", "phone").iterator(chunk_size=2000):  # encrypted: no filter
        phone = normalized(user.phone)
        if user.phone and phone != user.phone:
            User.objects.filter(pk=user.pk).update(phone=phone)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_invitations_and_membership_uuid")]

    operations = [migrations.RunPython(phones_to_e164, migrations.RunPython.noop)]
