import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from PIL import Image

from cases import demo as cases_demo
from cases.deadlines import incident_deadlines
from cases.models import (
    AgencyFiling,
    Contact,
    Evidence,
    IceDocument,
    Incident,
    IncidentType,
    ProtectedActivity,
    Referral,
    StageChange,
    Worksite,
)
from power_campaign.accounts import demo as accounts_demo
from power_campaign.accounts.models import Organization, User

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
LOCAL_12 = "Warehouse & Food Workers Local 12"
CENTRO = "Centro de Trabajadores Unidos"


@pytest.fixture
def seeded():
    """The accounts and cases demos only (the documents demo renders PDFs: slow, and tested elsewhere)."""
    accounts_demo.seed(password="demo-password-1", log=lambda line: None)
    cases_demo.seed(password="demo-password-1", log=lambda line: None)


def counts():
    return [
        model.objects.count()
        for model in [
            Worksite,
            StageChange,
            Contact,
            Incident,
            Evidence,
            AgencyFiling,
            ProtectedActivity,
            Referral,
        ]
    ]


def test_seed_demo_gives_each_organization_worksites_at_different_stages(seeded):
    for organization in Organization.objects.all():
        worksites = Worksite.objects.filter(organization=organization)
        assert worksites.count() >= 4
        assert len(set(worksites.values_list("current_stage", flat=True))) >= 3
        assert {"CA", "IL"} <= set(worksites.values_list("state", flat=True))
        for worksite in worksites:
            latest = worksite.stage_changes.order_by("-date").first()
            assert (worksite.current_stage, worksite.current_stage_on) == (latest.stage, latest.date)
            assert [u.username for u in worksite.organizers.all()] in (["organizer"], ["organizer2"])


def test_seed_demo_logs_every_incident_type_in_each_organization(seeded):
    for organization in Organization.objects.all():
        types = set(
            Incident.objects.filter(worksite__organization=organization).values_list("type", flat=True)
        )
        assert types == set(IncidentType.values)


def test_seed_demo_ice_visit_shows_an_i200_without_consent(seeded):
    visits = Incident.objects.filter(type=IncidentType.ICE_VISIT)
    assert list(visits.values_list("ice_document", "consent_given")) == [(IceDocument.I200, False)] * 2
    assert all(visit.union_notified_at > visit.occurred_at for visit in visits)


def test_seed_demo_california_i9_notice_has_open_deadlines(seeded):
    notices = Incident.objects.filter(type=IncidentType.I9_NOTICE, worksite__state="CA").select_related(
        "worksite__organization"
    )
    assert notices.count() == 2
    assert all(timezone.now() - notice.occurred_at < datetime.timedelta(days=2) for notice in notices)
    found = incident_deadlines(notices)
    assert sorted(d.rule for d in found) == [
        "ca-ab450-72-hour-notice",
        "ca-ab450-72-hour-notice",
        "i9-production-3-business-days",
        "i9-production-3-business-days",
    ]
    assert [d.passed for d in found] == [False, False, False, False]


def test_seed_demo_threat_follows_the_committee_and_firing_follows_the_nlrb_charge(seeded):
    for threat in Incident.objects.filter(type=IncidentType.IMMIGRATION_THREAT):
        committee = threat.worksite.stage_changes.get(stage="committee")
        assert (timezone.localdate(threat.occurred_at) - committee.date).days == 2
    for charge in AgencyFiling.objects.filter(agency=AgencyFiling.Agency.NLRB):
        firing = charge.incidents.get(type=IncidentType.RETALIATION)
        assert (timezone.localdate(firing.occurred_at) - charge.filed_on).days == 4


def test_seed_demo_adds_evidence_with_a_gps_free_copy_of_the_photo(seeded):
    for organization in Organization.objects.all():
        evidence = Evidence.objects.filter(incident__worksite__organization=organization)
        assert sorted(evidence.values_list("kind", "content_type")) == [
            ("audio", "audio/wav"),
            ("pdf", "application/pdf"),
            ("photo", "image/jpeg"),
        ]
    for photo in Evidence.objects.filter(kind=Evidence.Kind.PHOTO):
        with photo.file.open("rb") as original, photo.shown_file.open("rb") as shown:
            assert Image.open(io.BytesIO(original.read())).getexif().get_ifd(GPS_IFD) != {}
            assert Image.open(io.BytesIO(shown.read())).getexif().get_ifd(GPS_IFD) == {}
    assert not any(e.shown_file for e in Evidence.objects.exclude(kind=Evidence.Kind.PHOTO))


def test_seed_demo_adds_filings_activities_and_one_referral_per_organization(seeded):
    by_organization = dict(
        Organization.objects.annotate(filings=Count("worksites__filings")).values_list("name", "filings")
    )
    assert by_organization == {LOCAL_12: 2, CENTRO: 2}
    assert sorted(AgencyFiling.objects.values_list("agency", flat=True)) == ["nlrb", "nlrb", "whd", "whd"]
    assert ProtectedActivity.objects.filter(kind=ProtectedActivity.Kind.PETITION).exists()
    referrals = Referral.objects.select_related("incident__worksite__organization", "referred_by")
    assert sorted(
        (r.incident.worksite.organization.name, r.incident.type, r.status, r.referred_by.username)
        for r in referrals
    ) == [
        (CENTRO, "immigration_threat", "open", "organizer2"),
        (LOCAL_12, "immigration_threat", "in_review", "organizer"),
    ]


def test_seed_demo_contacts_use_fictional_phone_numbers(seeded):
    phones = [contact.phone for contact in Contact.objects.all()]  # stored in E.164: +1 NPA 555 01XX
    assert {(phone[:2], phone[5:10], len(phone)) for phone in phones} == {("+1", "55501", 12)}
    assert Contact.objects.filter(consent_to_contact=True).exists()
    assert Contact.objects.filter(consent_to_contact=False).exists()


def test_seed_demo_command_adds_cases_once(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password-1"
    call_command("seed_demo")
    for organization in Organization.objects.all():
        worksites = Worksite.objects.filter(organization=organization)
        incidents = Incident.objects.filter(worksite__organization=organization)
        assert worksites.count() == 5
        assert len(set(worksites.values_list("current_stage", flat=True))) == 5
        assert set(incidents.values_list("type", flat=True)) == set(IncidentType.values)
        assert Evidence.objects.filter(incident__in=incidents).exclude(shown_file="").count() == 1
        assert AgencyFiling.objects.filter(worksite__in=worksites).count() == 2
        assert Referral.objects.filter(incident__in=incidents).count() == 1
    before = counts()
    call_command("seed_demo")
    # 28 incidents: the agreements demo logs an immigration threat and an ICE visit at a worksite its
    # executed agreement covers.
    assert counts() == before == [10, 37, 27, 28, 6, 4, 13, 2]


def test_seed_demo_records_are_found_by_search(seeded):
    found = Worksite.objects.search("Domínguez").values_list("employer_name", flat=True)
    assert list(found) == ["Palm Coast Auto Spa LLC"]


def test_seed_demo_worksite_pages_open_for_the_organizer(seeded, client):
    organizer = User.objects.get(username="organizer")
    client.force_login(organizer)
    worksites = Worksite.objects.for_user(organizer)
    assert worksites.count() == 5
    for worksite in worksites:
        assert client.get(worksite.get_absolute_url()).status_code == 200
    for incident in Incident.objects.for_user(organizer):
        assert client.get(incident.get_absolute_url()).status_code == 200
