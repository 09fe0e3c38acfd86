from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from power_campaign.audit.models import AuditEvent
from power_campaign.crypto.fields import encrypted_fields, multifernet


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        fernet = multifernet()
        total = 0
        with transaction.atomic():
            for model, field in encrypted_fields():
                # Cast to plain text so that the stored token is read as is, not decrypted.
                rows = model._base_manager.annotate(token=Cast(field.attname, models.TextField()))
                count = 0
                for pk, token in rows.values_list("pk", "token"):
                    if not token:
                        continue
                    try:
                        rotated = fernet.rotate(token.encode()).decode()
                    except InvalidToken:
                        raise CommandError(
                            f"{model._meta.label}.{field.name} row {pk}: no key in FIELD_ENCRYPTION_KEYS "
                            "decrypts it. Nothing was changed."
                        ) from None
                    # A Value expression is written as is, not encrypted a second time.
                    token_value = models.Value(rotated, output_field=models.TextField())
                    model._base_manager.filter(pk=pk).update(**{field.attname: token_value})
                    count += 1
                total += count
                self.stdout.write(f"{model._meta.label}.{field.name}: {count} value(s) re-encrypted")
            AuditEvent.objects.record(
                action=AuditEvent.Action.UPDATE,
                summary=f"field-encryption keys rotated: {total} value(s) re-encrypted",
            )
        self.stdout.write(self.style.SUCCESS(f"Done: {total} value(s) re-encrypted with the first key."))
