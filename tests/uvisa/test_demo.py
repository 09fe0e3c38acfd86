"""The U-visa demo: clients at each stage, a certification near its deadline, an exported packet."""

import pytest
from django.utils import timezone

from cases import demo as cases_demo
from power_campaign.accounts import demo as accounts_demo
from power_campaign.documents.models import Packet
from uvisa import demo
from uvisa.models import CertificationRequest, ClientCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    lines = []
    accounts_demo.seed(password="demo-password-1", log=lambda line: None)
    cases_demo.seed(password="demo-password-1", log=lambda line: None)
    demo.seed(password="demo-password-1", log=lines.append)
    return lines


def test_demo_has_clients_at_each_stage_a_near_deadline_and_an_exported_packet(seeded):
    assert seeded == [
        "Demo U-visa cases: 12 clients at each stage, a certification near its deadline, an exported packet."
    ]
    for organization_name in ("Warehouse & Food Workers Local 12", "Centro de Trabajadores Unidos"):
        cases = ClientCase.objects.filter(organization__name=organization_name)
        assert sorted(cases.values_list("status", flat=True)) == [
            "certification",
            "certification",
            "certification",
            "closed",
            "intake",
            "screening",
        ]
        signed = CertificationRequest.objects.get(case__in=cases, status="signed")
        assert signed.warning_level(timezone.localdate()) == 30
        assert signed.original_in_hand is True
        assert CertificationRequest.objects.filter(case__in=cases, status="sent").count() == 1
        packet = Packet.objects.get(organization__name=organization_name, subject__startswith="uvisa.")
        assert (packet.status, packet.confidentiality) == ("done", "Confidential: 8 U.S.C. 1367")
        assert packet.preface.kind == "uvisa_cover_letter"
        assert packet.exhibits.count() >= 3


def test_demo_run_again_changes_nothing(seeded):
    lines = []
    demo.seed(password="demo-password-1", log=lines.append)
    assert lines == ["Demo U-visa cases: already there."]
    assert ClientCase.objects.count() == 12
