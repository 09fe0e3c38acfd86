"""Petition tracking: the principal's I-918 and a Supplement A per derivative, through their statuses."""

import datetime

import pytest
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from power_campaign.deadlines import collect
from tests.factories import member
from tests.uvisa.factories import CertificationRequestFactory
from uvisa.models import FamilyMember, Petition

NOW = datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def certification(case):
    return CertificationRequestFactory(case=case, status="signed", signed_on=datetime.date(2026, 8, 31))


@pytest.fixture
def petition(case, certification, legal):
    return Petition.objects.create(case=case, kind="principal", certification=certification, created_by=legal)


def fields(**overrides):
    data = {
        "status": "preparing",
        "filed_on": "",
        "receipt_number": "",
        "bona_fide_on": "",
        "waiting_list_on": "",
        "work_permit_category": "",
        "work_permit_until": "",
        "decided_on": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_principal_petition_is_added_with_its_certification(client, case, certification, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:petition_create", args=[case.uuid]),
        {"kind": "principal", "certification": certification.pk},
    )
    petition = Petition.objects.get()
    assert response["Location"] == petition.get_absolute_url()
    assert (petition.kind, petition.certification, petition.family_member, petition.status) == (
        "principal",
        certification,
        None,
        "preparing",
    )
    assert list(
        AuditEvent.objects.filter(object_type="uvisa.petition").values_list("summary", flat=True)
    ) == ["petition created: principal"]


def test_derivative_petition_names_a_family_member_of_the_case(client, case, legal):
    member = FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    client.force_login(legal)
    url = reverse("uvisa:petition_create", args=[case.uuid])
    response = client.post(url, {"kind": "derivative"})
    assert response.context["form"].errors == {
        "family_member": ["Choose the family member the petition is for."]
    }
    client.post(url, {"kind": "derivative", "family_member": member.pk})
    petition = Petition.objects.get()
    assert (petition.kind, petition.family_member) == ("derivative", member)
    assert str(petition) == "Derivative (Form I-918 Supplement A) · Child"


def test_filing_records_date_and_receipt_number(client, petition, legal):
    client.force_login(legal)
    response = client.post(
        petition.get_absolute_url(),
        fields(status="filed", filed_on="2026-11-30", receipt_number="EAC2690012345"),
    )
    assert response["Location"] == petition.get_absolute_url()
    petition.refresh_from_db()
    assert (petition.status, petition.filed_on, petition.receipt_number) == (
        "filed",
        datetime.date(2026, 11, 30),
        "EAC2690012345",
    )
    assert list(
        AuditEvent.objects.filter(object_type="uvisa.petition", action="update")
        .order_by("sequence")
        .values_list("summary", flat=True)
    ) == ["status: preparing → filed", "petition saved: filed_on, receipt_number"]


def test_filing_needs_its_date(client, petition, legal):
    client.force_login(legal)
    response = client.post(petition.get_absolute_url(), fields(status="filed"))
    assert response.context["form"].errors == {"filed_on": ["Give this date for the new status."]}
    petition.refresh_from_db()
    assert petition.status == "preparing"


def test_filing_date_in_the_future_says_only_that(client, petition, legal):
    client.force_login(legal)
    response = client.post(petition.get_absolute_url(), fields(status="filed", filed_on="2099-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"filed_on": ["The date cannot be in the future."]}
    petition.refresh_from_db()
    assert (petition.status, petition.filed_on) == ("preparing", None)


def test_filing_after_the_certification_expired_is_refused(client, petition, legal):
    client.force_login(legal)
    response = client.post(petition.get_absolute_url(), fields(status="filed", filed_on="2026-03-01"))
    assert response.context["form"].non_field_errors() == [
        "The certification must be signed within the six months before filing: "
        "it expires on February 28, 2027."
    ]
    petition.refresh_from_db()
    assert (petition.status, petition.filed_on) == ("preparing", None)


def test_bona_fide_waiting_list_work_permit_and_decision(client, case, certification, legal):
    petition = Petition.objects.create(
        case=case,
        kind="principal",
        certification=certification,
        status="filed",
        filed_on=datetime.date(2026, 11, 2),
        created_by=legal,
    )
    client.force_login(legal)
    base = {"filed_on": "2026-11-02", "receipt_number": "EAC2690012345"}
    client.post(
        petition.get_absolute_url(),
        fields(
            **base,
            status="bona_fide",
            bona_fide_on="2026-11-20",
            work_permit_category="(c)(14)",
            work_permit_until="2030-11-19",
        ),
    )
    petition.refresh_from_db()
    assert (petition.status, petition.bona_fide_on, petition.work_permit_category) == (
        "bona_fide",
        datetime.date(2026, 11, 20),
        "(c)(14)",
    )
    response = client.post(petition.get_absolute_url(), fields(**base, status="preparing"))
    assert response.status_code == 200
    assert "status" in response.context["form"].errors  # not a status it may go back to
    client.post(
        petition.get_absolute_url(),
        fields(**base, status="approved", decided_on="2026-11-30", bona_fide_on="2026-11-20"),
    )
    petition.refresh_from_db()
    assert (petition.status, petition.decided_on) == ("approved", datetime.date(2026, 11, 30))


def test_filed_certification_no_longer_warns_on_the_dashboard(case, certification, petition, legal):
    assert [d.rule for d in collect(legal, now=NOW)] == ["i918b-six-months"]
    Petition.objects.filter(pk=petition.pk).update(status="filed", filed_on=datetime.date(2026, 11, 30))
    assert collect(legal, now=NOW) == []
    assert [d.rule for d in collect(legal, subject=certification, now=NOW)] == ["i918b-six-months"]


def test_case_page_lists_petitions(client, case, petition, legal):
    client.force_login(legal)
    html = client.get(case.get_absolute_url()).content.decode()
    assert f'<a href="{petition.get_absolute_url()}">Principal (Form I-918)</a>' in html


PETITION_OPEN = (
    "This case already has a petition for this person with the status “{}”: a new one can be added once it "
    "is decided or withdrawn."
)


def test_principal_petition_sent_twice_is_added_once(client, case, certification, legal):
    client.force_login(legal)
    url = reverse("uvisa:petition_create", args=[case.uuid])
    client.post(url, {"kind": "principal", "certification": certification.pk})
    response = client.post(url, {"kind": "principal", "certification": certification.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [PETITION_OPEN.format("Preparing")]
    assert Petition.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="uvisa.petition").count() == 1


def test_petition_for_the_same_family_member_is_refused_while_open(client, case, legal):
    rosa = FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    Petition.objects.create(
        case=case,
        kind="derivative",
        family_member=rosa,
        status="filed",
        filed_on=datetime.date(2026, 11, 2),
        created_by=legal,
    )
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:petition_create", args=[case.uuid]), {"kind": "derivative", "family_member": rosa.pk}
    )
    assert response.context["form"].non_field_errors() == [PETITION_OPEN.format("Filed")]
    assert Petition.objects.count() == 1


def test_petition_for_another_person_or_after_a_decision_is_added(client, case, legal):
    rosa = FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    Petition.objects.create(case=case, kind="principal", status="withdrawn", created_by=legal)
    client.force_login(legal)
    url = reverse("uvisa:petition_create", args=[case.uuid])
    client.post(url, {"kind": "derivative", "family_member": rosa.pk})
    client.post(url, {"kind": "principal"})
    assert list(Petition.objects.values_list("kind", "status")) == [
        ("principal", "withdrawn"),
        ("derivative", "preparing"),
        ("principal", "preparing"),
    ]


def test_principal_petition_sent_twice_is_refused_in_spanish(client, case, organization):
    Petition.objects.create(case=case, kind="principal", created_by=case.created_by)
    client.force_login(member("legal", organization, language="es"))
    response = client.post(reverse("uvisa:petition_create", args=[case.uuid]), {"kind": "principal"})
    assert response.context["form"].non_field_errors() == [
        "Este caso ya tiene una petición para esta persona con el estado “En preparación”: podrá agregar "
        "otra cuando se haya decidido o retirado."
    ]
    assert Petition.objects.count() == 1
