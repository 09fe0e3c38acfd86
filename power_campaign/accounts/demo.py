"""Demo organizations and staff.

Every app's `demo.seed()` is run by `manage.py seed_demo`, in INSTALLED_APPS order.
"""

from .models import Membership, Organization, Role, User

ORGANIZATIONS = [
    ("Warehouse & Food Workers Local 12", Organization.Kind.UNION_LOCAL, ""),
    ("Centro de Trabajadores Unidos", Organization.Kind.WORKER_CENTER, "2"),
]
MAILING_ADDRESSES = {  # what their letters print under their name
    "Warehouse & Food Workers Local 12": "2417 S. Blue Island Ave.\nChicago, IL 60608",
    "Centro de Trabajadores Unidos": "1150 E. 4th St.\nLos Angeles, CA 90033",
}
STAFF = [
    ("organizer", Role.ORGANIZER, "Maria", "Lopez", "es"),
    ("legal", Role.LEGAL, "Daniel", "Kim", "en"),
    ("admin", Role.ADMIN, "Aisha", "Johnson", "en"),
]
SECOND_STAFF = [
    ("organizer", Role.ORGANIZER, "José", "Ramírez", "es"),
    ("legal", Role.LEGAL, "Rebecca", "Stein", "en"),
    ("admin", Role.ADMIN, "Luis", "Hernández", "es"),
]


def seed(*, password, log):
    for (name, kind, suffix), staff in zip(ORGANIZATIONS, [STAFF, SECOND_STAFF], strict=True):
        organization, _ = Organization.objects.get_or_create(
            name=name, defaults={"kind": kind, "mailing_address": MAILING_ADDRESSES[name]}
        )
        for base, role, first, last, language in staff:
            username = base + suffix
            user, _created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "language": language,
                },
            )
            user.set_password(password)
            user.save(update_fields=["password"])
            Membership.objects.update_or_create(user=user, organization=organization, defaults={"role": role})
    log(f"Demo organizations and staff: {len(ORGANIZATIONS)} organizations, {3 * len(ORGANIZATIONS)} users.")
