from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from power_campaign.audit.models import AuditEvent

SEEDED = "demo data seeded"


class Command(BaseCommand):
    help = "Create (or refresh) demo organizations, users and records. Idempotent. Development only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Do nothing but list the logins if demo data already exists."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (creates accounts with a known password).",
        )

    def handle(self, *args, force=False, once=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates accounts with a known password. "
                "Pass --force if this really is a demo server."
            )
        password = settings.DEMO_PASSWORD
        if not password:
            raise CommandError("DEMO_PASSWORD is not set: it is the password given to every demo account.")
        if once and AuditEvent.objects.filter(summary=SEEDED).exists():
            self.stdout.write("Demo data is already there.")
        else:
            self.seed(password)
        self.stdout.write(
            "Demo logins: organizer, legal, admin (first organization); "
            "organizer2, legal2, admin2 (second).\n"
            f"Demo password: {password}"
        )

    def seed(self, password):
        with transaction.atomic():
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").seed(password=password, log=self.stdout.write)
            AuditEvent.objects.record(action=AuditEvent.Action.CREATE, summary=SEEDED)
