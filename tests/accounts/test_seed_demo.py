import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from power_campaign.accounts.models import Membership, Organization, User
from power_campaign.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_two_organizations_with_three_roles_each(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo")
    assert list(Organization.objects.values_list("name", flat=True)) == [
        "Centro de Trabajadores Unidos",
        "Warehouse & Food Workers Local 12",
    ]
    roles = sorted(Membership.objects.values_list("user__username", "role", "organization__name"))
    assert roles == [
        ("admin", "admin", "Warehouse & Food Workers Local 12"),
        ("admin2", "admin", "Centro de Trabajadores Unidos"),
        ("legal", "legal", "Warehouse & Food Workers Local 12"),
        ("legal2", "legal", "Centro de Trabajadores Unidos"),
        ("organizer", "organizer", "Warehouse & Food Workers Local 12"),
        ("organizer2", "organizer", "Centro de Trabajadores Unidos"),
    ]
    assert User.objects.get(username="legal2").check_password("demo-password-1")
    assert "Demo password: demo-password-1" in capsys.readouterr().out
    assert list(Organization.objects.order_by("name").values_list("mailing_address", flat=True)) == [
        "1150 E. 4th St.\nLos Angeles, CA 90033",
        "2417 S. Blue Island Ave.\nChicago, IL 60608",
    ]


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo")
    call_command("seed_demo")
    assert (Organization.objects.count(), User.objects.count(), Membership.objects.count()) == (2, 6, 6)


def test_seed_demo_once_skips_when_already_seeded(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo", once=True)
    User.objects.filter(username="legal").update(first_name="Changed")
    User.objects.get(username="legal").set_password("changed")
    call_command("seed_demo", once=True)
    assert "Demo data is already there." in capsys.readouterr().out
    assert AuditEvent.objects.filter(summary="demo data seeded").count() == 1


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="seed_demo refuses to run with DEBUG off"):
        call_command("seed_demo")
    assert Organization.objects.count() == 0


def test_seed_demo_can_be_forced_with_debug_off(settings):
    settings.DEBUG = False
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo", force=True)
    assert User.objects.count() == 6


def test_seed_demo_makes_a_signed_notice_and_a_finished_packet_per_organization(settings):
    from power_campaign.documents.models import Document, Packet
    from power_campaign.documents.signing import check_signature

    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo")
    call_command("seed_demo")
    notices = Document.objects.filter(kind="notice")
    assert notices.count() == 2
    assert all(check_signature(notice.file.read()).valid for notice in notices)
    # The documents demo's packet, and the U-visa demo's exported certification request packet, per
    # organization (its cover letter first, with no separator page: it is not an exhibit).
    assert sorted(Packet.objects.values_list("status", "page_count", "access")) == [
        ("done", 7, "legal"),
        ("done", 7, "legal"),
        ("done", 11, "legal"),
        ("done", 11, "legal"),
    ]
