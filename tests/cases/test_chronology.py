"""The retaliation chronology: protected activity against adverse actions, the days between them, the
summary, the web page and the signed PDF exhibit made through the document engine."""

import datetime
import hashlib
import io
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from cases.chronology import ADVERSE, PROTECTED, Summary, chronology, summarize
from cases.models import AgencyFiling, IncidentType, ProtectedActivity, Stage, Worksite
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.models import Access, Document
from power_campaign.documents.signing import signing_certificate
from tests.cases.factories import (
    FilingFactory,
    IncidentFactory,
    ProtectedActivityFactory,
    StageChangeFactory,
    WorksiteFactory,
)
from tests.factories import member

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
D = datetime.date


def local(*args):
    return datetime.datetime(*args, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _chicago(settings):
    settings.TIME_ZONE = "America/Chicago"


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(
        organization=organization,
        created_by=organizer,
        employer_name="Acme Poultry",
        street="1200 W Fulton St",
        postal_code="60607",
    )


@pytest.fixture
def other_site(other_organization, other_admin):
    return WorksiteFactory(
        organization=other_organization, created_by=other_admin, employer_name="Acme Other"
    )


@pytest.fixture
def drive(site):
    """A drive with each kind of protected activity and adverse action, recorded out of order."""
    incident = IncidentFactory.create
    incident(
        worksite=site, type=IncidentType.I9_NOTICE, occurred_at=local(2025, 12, 20, 9, 0), description=""
    )
    # Recorded before the complaint it follows: the order comes from the dates, not from the records.
    incident(
        worksite=site,
        type=IncidentType.RETALIATION,
        occurred_at=local(2026, 2, 16, 15, 0),
        description="Two committee members fired",
    )
    StageChangeFactory(
        worksite=site, stage=Stage.FIRST_CONTACT, date=D(2026, 1, 5), note="Met workers after shift"
    )
    StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, 2), note="")
    StageChangeFactory(worksite=site, stage=Stage.DORMANT, date=D(2026, 6, 1), note="Drive paused")
    ProtectedActivityFactory(
        worksite=site,
        kind=ProtectedActivity.Kind.COMPLAINT,
        date=D(2026, 2, 16),
        description="Petition on unpaid overtime handed to the manager",
    )
    incident(
        worksite=site,
        type=IncidentType.IMMIGRATION_THREAT,
        occurred_at=local(2026, 2, 20, 10, 0),
        description="Supervisor said he would call ICE",
        place="Loading dock",
    )
    incident(worksite=site, type=IncidentType.WAGE_THEFT, occurred_at=local(2026, 3, 5, 8, 0))  # not adverse
    FilingFactory(
        worksite=site,
        agency=AgencyFiling.Agency.NLRB,
        case_number="13-CA-000123",
        filed_on=D(2026, 3, 2),
        notes="Internal: strategy",
    )
    incident(
        worksite=site,
        type=IncidentType.EVERIFY,
        occurred_at=local(2026, 4, 15, 11, 0),
        description="",
        place="HR office",
    )
    incident(
        worksite=site,
        type=IncidentType.SURVEILLANCE,
        occurred_at=local(2026, 7, 20, 7, 0),
        description="Cameras pointed at the break room",
    )
    return site


def table(rows):
    return [
        (row.date, row.side, row.label, row.detail, row.days, row.since.label if row.since else None)
        for row in rows
    ]


EXPECTED = [
    (D(2025, 12, 20), ADVERSE, "I-9 notice of inspection", "", None, None),
    (D(2026, 1, 5), PROTECTED, "Organizing step: First contact", "Met workers after shift", None, None),
    (D(2026, 2, 2), PROTECTED, "Organizing step: Committee formed", "", None, None),
    (
        D(2026, 2, 16),
        PROTECTED,
        "Complaint to the employer",
        "Petition on unpaid overtime handed to the manager",
        None,
        None,
    ),
    (
        D(2026, 2, 16),
        ADVERSE,
        "Retaliatory firing or discipline",
        "Two committee members fired",
        0,
        "Complaint to the employer",
    ),
    (
        D(2026, 2, 20),
        ADVERSE,
        "Threat to call immigration",
        "Supervisor said he would call ICE",
        4,
        "Complaint to the employer",
    ),
    (D(2026, 3, 2), PROTECTED, "Filed with NLRB 13-CA-000123", "", None, None),
    (
        D(2026, 4, 15),
        ADVERSE,
        "E-Verify or re-verification demand",
        "HR office",
        44,
        "Filed with NLRB 13-CA-000123",
    ),
    (
        D(2026, 7, 20),
        ADVERSE,
        "Surveillance",
        "Cameras pointed at the break room",
        140,
        "Filed with NLRB 13-CA-000123",
    ),
]


# The chronology itself


def test_chronology_lists_protected_activity_and_adverse_actions_oldest_first_with_days_between(drive):
    assert table(chronology(drive)) == EXPECTED


def test_chronology_leaves_out_lost_and_dormant_stages_and_incidents_that_are_not_adverse(drive):
    labels = [row.label for row in chronology(drive)]
    assert "Organizing step: Dormant" not in labels
    assert "Wage theft" not in labels


def test_chronology_summary_counts_adverse_actions_within_30_and_90_days(drive):
    assert summarize(chronology(drive)) == Summary(adverse=5, within={30: 2, 90: 3}, without_prior=1)


def test_chronology_same_day_adverse_action_is_0_days_and_follows_the_protected_activity(site):
    IncidentFactory(worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 9, 7, 0))
    ProtectedActivityFactory(worksite=site, kind=ProtectedActivity.Kind.STRIKE, date=D(2026, 3, 9))
    rows = chronology(site)
    assert [(row.side, row.days) for row in rows] == [(PROTECTED, None), (ADVERSE, 0)]
    assert rows[1].since is rows[0]


def test_chronology_adverse_action_before_any_protected_activity_has_no_days(site):
    IncidentFactory(worksite=site, type=IncidentType.NO_MATCH, occurred_at=local(2026, 1, 2, 9, 0))
    StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 1, 3))
    rows = chronology(site)
    assert [(row.side, row.days, row.since) for row in rows] == [
        (ADVERSE, None, None),
        (PROTECTED, None, None),
    ]
    assert summarize(rows).without_prior == 1


def test_chronology_measures_from_the_latest_protected_activity_of_the_same_day(site):
    first = ProtectedActivityFactory(worksite=site, date=D(2026, 3, 1), description="Meeting")
    StageChangeFactory(worksite=site, stage=Stage.MAJORITY, date=D(2026, 3, 1))
    FilingFactory(worksite=site, agency=AgencyFiling.Agency.WHD, case_number="WHD-1", filed_on=D(2026, 3, 1))
    IncidentFactory(worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 31, 9, 0))
    rows = chronology(site)
    # Same day: stage, then filing, then logged activity; the adverse action is set against the last one.
    assert [row.source for row in rows] == ["stage", "filing", "activity", "incident"]
    assert (rows[-1].since.detail, rows[-1].days) == (first.description, 30)


def test_chronology_orders_adverse_actions_of_one_day_by_time(site):
    IncidentFactory(worksite=site, type=IncidentType.SURVEILLANCE, occurred_at=local(2026, 3, 9, 16, 0))
    IncidentFactory(worksite=site, type=IncidentType.ICE_VISIT, occurred_at=local(2026, 3, 9, 6, 0))
    assert [row.label for row in chronology(site)] == ["ICE visit or raid", "Surveillance"]


def test_chronology_dates_incidents_by_the_local_day_not_the_utc_day(site):
    FilingFactory(worksite=site, agency=AgencyFiling.Agency.OSHA, case_number="", filed_on=D(2026, 3, 2))
    # 02:00 UTC on March 3 is 8 pm on March 2 in Chicago: the same day as the filing.
    IncidentFactory(
        worksite=site,
        type=IncidentType.RETALIATION,
        occurred_at=datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC),
    )
    assert [(row.date, row.label, row.days) for row in chronology(site)] == [
        (D(2026, 3, 2), "Filed with OSHA", None),
        (D(2026, 3, 2), "Retaliatory firing or discipline", 0),
    ]


def test_chronology_runs_one_query_per_source(drive, django_assert_num_queries):
    worksite = Worksite.objects.get(pk=drive.pk)
    with django_assert_num_queries(4):
        chronology(worksite)


def test_chronology_uses_prefetched_records_without_querying(drive, django_assert_num_queries):
    worksite = Worksite.objects.prefetch_related(
        "stage_changes", "filings", "protected_activities", "incidents"
    ).get(pk=drive.pk)
    with django_assert_num_queries(0):
        assert table(chronology(worksite)) == EXPECTED


def test_chronology_of_a_worksite_with_no_records_is_empty(site):
    rows = chronology(site)
    assert rows == []
    assert summarize(rows) == Summary(adverse=0, within={30: 0, 90: 0}, without_prior=0)


# The web page


def test_worksite_page_links_to_its_chronology(client, organizer, site):
    client.force_login(organizer)
    response = client.get(site.get_absolute_url())
    assert f'href="{reverse("cases:chronology", args=[site.uuid])}"' in response.content.decode()


def test_chronology_page_shows_the_rows_days_and_summary(client, organizer, drive):
    client.force_login(organizer)
    response = client.get(reverse("cases:chronology", args=[drive.uuid]))
    assert table(response.context["rows"]) == EXPECTED
    html = " ".join(response.content.decode().split())
    assert html.count('<tr class="chronology-adverse">') == 5
    assert html.count('<tr class="chronology-protected">') == 4
    assert "<strong>0 days</strong> (same day)" in html
    assert "<strong>4 days</strong>" in html
    assert "<strong>140 days</strong>" in html
    assert 'data-label="Days since protected activity">—</td>' in html
    assert "<strong>2</strong> of 5 adverse actions came within 30 days after protected activity." in html
    assert "<strong>3</strong> of 5 adverse actions came within 90 days after protected activity." in html
    assert "1 adverse action came before any recorded protected activity." in html
    assert f'action="{reverse("cases:chronology_pdf", args=[drive.uuid])}"' in html
    assert "Internal: strategy" not in html  # a filing's notes stay out


def test_chronology_page_of_an_empty_worksite_offers_no_printing(client, organizer, site):
    client.force_login(organizer)
    html = client.get(reverse("cases:chronology", args=[site.uuid])).content.decode()
    assert "Nothing to show yet." in html
    assert reverse("cases:chronology_pdf", args=[site.uuid]) not in html


def test_chronology_page_query_count_is_the_same_for_1_and_many_rows(client, organizer, site):
    client.force_login(organizer)
    url = reverse("cases:chronology", args=[site.uuid])
    IncidentFactory(worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 9, 9, 0))

    def count():
        client.get(url)  # the first request loads the session and the user's roles
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    one = count()
    for day in range(1, 8):
        StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, day))
        FilingFactory(worksite=site, filed_on=D(2026, 2, day))
        ProtectedActivityFactory(worksite=site, date=D(2026, 2, day))
        IncidentFactory(worksite=site, type=IncidentType.EVERIFY, occurred_at=local(2026, 3, day, 9, 0))
    client.post(reverse("cases:chronology_pdf", args=[site.uuid]))  # and a printed version listed
    many = count()
    assert (one[1], many[1]) == (1, 29)
    assert one[0] == many[0]


# The signed PDF exhibit


def pdf_of(document):
    with document.file.open("rb") as handle:
        return handle.read()


def pdf_text(pdf):
    """The PDF's text on one line; a line broken after a hyphen (13-CA-000123 in a narrow cell) joined."""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    return text.replace("- ", "-")


def test_printing_the_chronology_stores_a_signed_document_and_audits_it(
    client, organizer, organization, drive
):
    client.force_login(organizer)
    url = reverse("cases:chronology_pdf", args=[drive.uuid])

    response = client.post(url)

    document = Document.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("cases:chronology", args=[drive.uuid]),
    )
    assert (
        document.kind,
        document.version,
        document.subject,
        document.title,
        document.organization,
        document.access,
        document.language,
        document.signed,
        document.created_by,
    ) == (
        "chronology",
        1,
        f"cases.worksite:{drive.uuid}",
        "Retaliation chronology: Acme Poultry",
        organization,
        Access.ORGANIZATION,
        "en",
        True,
        organizer,
    )
    pdf = pdf_of(document)
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=[signing_certificate()], allow_fetching=False)
    )
    assert (status.intact, status.valid, status.coverage) == (True, True, SignatureCoverageLevel.ENTIRE_FILE)
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN)
    assert (event.actor, event.object_type, event.object_id, event.organization) == (
        organizer,
        "documents.document",
        str(document.uuid),
        organization,
    )
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message == (
        f'Version 1 of the chronology is signed and saved. <a href="{document.get_absolute_url()}">'
        "Download the PDF</a>"
    )


def test_printing_the_chronology_again_makes_version_2_and_keeps_version_1(client, organizer, drive):
    client.force_login(organizer)
    url = reverse("cases:chronology_pdf", args=[drive.uuid])
    client.post(url)
    first = Document.objects.get()
    client.post(url)
    assert list(Document.objects.order_by("version").values_list("version", "sha256")) == [
        (1, first.sha256),
        (2, Document.objects.get(version=2).sha256),
    ]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN).count() == 2
    html = client.get(reverse("cases:chronology", args=[drive.uuid])).content.decode()
    for document in Document.objects.all():
        assert f'<a href="{document.get_absolute_url()}">Version {document.version}</a>' in html


def test_chronology_pdf_holds_the_heading_rows_days_summary_and_method(client, organizer, drive):
    client.force_login(organizer)
    client.post(reverse("cases:chronology_pdf", args=[drive.uuid]))
    document = Document.objects.get()
    text = pdf_text(pdf_of(document))
    for expected in [
        "Retaliation chronology",
        "Acme Poultry",
        "1200 W Fulton St, Chicago, IL 60607",
        "Prepared by Local 12 from its case records",
        f"ID {document.uuid}",
        "http://testserver/verify/",
        "Date Protected activity Adverse action Days since protected activity",
        "December 20, 2025 I-9 notice of inspection —",
        "January 5, 2026 Organizing step: First contact Met workers after shift",
        "February 16, 2026 Complaint to the employer Petition on unpaid overtime handed to the manager",
        "February 16, 2026 Retaliatory firing or discipline Two committee members fired 0 days (same day) "
        "since February 16, 2026",
        "February 20, 2026 Threat to call immigration Supervisor said he would call ICE 4 days since "
        "February 16, 2026",
        "March 2, 2026 Filed with NLRB 13-CA-000123",
        "April 15, 2026 E-Verify or re-verification demand HR office 44 days since March 2, 2026",
        "July 20, 2026 Surveillance Cameras pointed at the break room 140 days since March 2, 2026",
        "2 of 5 adverse actions came within 30 days after protected activity.",
        "3 of 5 adverse actions came within 90 days after protected activity.",
        "1 adverse action came before any recorded protected activity.",
        "How this chronology is put together",
        "Dates are those of the America/Chicago time zone.",
        "Page 1 of",
    ]:
        assert expected in text
    assert "Internal: strategy" not in text
    assert "Dormant" not in text


def test_chronology_pdf_is_made_in_the_users_language(client, organization, drive):
    user = member("organizer", organization, language="es")
    client.force_login(user)
    client.post(reverse("cases:chronology_pdf", args=[drive.uuid]))
    document = Document.objects.get()
    text = pdf_text(pdf_of(document))
    assert document.language == "es"
    assert "16 de febrero de 2026" in text
    assert "Página 1 de" in text


def test_printing_an_empty_chronology_stores_nothing(client, organizer, site):
    client.force_login(organizer)
    response = client.post(reverse("cases:chronology_pdf", args=[site.uuid]))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("cases:chronology", args=[site.uuid]),
    )
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Nothing to print yet: record protected activity or incidents first."
    ]
    assert Document.objects.count() == 0
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN).count() == 0


def test_chronology_pdf_escapes_what_users_typed(client, organizer, site):
    IncidentFactory(
        worksite=site,
        type=IncidentType.RETALIATION,
        occurred_at=local(2026, 3, 9, 9, 0),
        description='<img src="/x.png"> fired <b>Ana</b>',
    )
    client.force_login(organizer)
    assert client.post(reverse("cases:chronology_pdf", args=[site.uuid])).status_code == 302
    text = pdf_text(pdf_of(Document.objects.get()))
    # Printed as typed (the cell may wrap it anywhere), not interpreted as markup.
    assert '<imgsrc="/x.png">fired<b>Ana</b>' in text.replace(" ", "")


def test_printing_without_a_signing_certificate_says_so_and_stores_nothing(client, settings, organization):
    from cases.models import ProtectedActivity
    from power_campaign.documents.models import Document
    from tests.cases.factories import WorksiteFactory
    from tests.factories import member

    user = member("organizer", organization)
    site = WorksiteFactory(organization=organization)
    ProtectedActivity.objects.create(
        worksite=site,
        kind="petition",
        date=datetime.date(2026, 3, 2),
        description="Petition",
        created_by=user,
    )
    settings.DEBUG = False
    settings.SIGNING_PKCS12_PATH = ""
    client.force_login(user)
    response = client.post(reverse("cases:chronology_pdf", args=[site.uuid]), follow=True)
    assert "Documents cannot be signed yet" in response.content.decode()
    assert Document.objects.count() == 0


# The date of first contact: never the day the worksite was typed in


def test_chronology_never_counts_the_day_a_worksite_was_entered_as_protected_activity(
    client, organization, organizer
):
    client.force_login(organizer)
    data = {"organization": organization.pk, "employer_name": "Entered Today", "city": "Chicago"}
    client.post(reverse("cases:worksite_create"), {**data, "state": "IL", "industry": "other"})
    worksite = Worksite.objects.get(employer_name="Entered Today")
    IncidentFactory(worksite=worksite, type=IncidentType.RETALIATION, occurred_at=timezone.now())

    rows = chronology(worksite)

    assert [(row.side, row.label, row.days, row.since) for row in rows] == [
        (ADVERSE, "Retaliatory firing or discipline", None, None)
    ]
    assert summarize(rows).without_prior == 1


def test_chronology_page_says_when_the_first_contact_date_is_not_known_and_links_to_set_it(
    client, organizer, site
):
    IncidentFactory(worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 2, 9, 0))
    client.force_login(organizer)

    response = client.get(reverse("cases:chronology", args=[site.uuid]))

    html = response.content.decode()
    assert response.context["first_contact_on"] is None
    assert "The date of first contact is not known" in html
    assert f'href="{reverse("cases:worksite_edit", args=[site.uuid])}#id_first_contact_on"' in html


def test_chronology_page_with_a_first_contact_date_has_no_notice(client, organizer, drive):
    client.force_login(organizer)

    response = client.get(reverse("cases:chronology", args=[drive.uuid]))

    assert response.context["first_contact_on"] == D(2026, 1, 5)
    assert "The date of first contact is not known" not in response.content.decode()


def test_chronology_pdf_says_the_first_contact_date_is_not_recorded(client, organizer, site):
    IncidentFactory(worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 2, 9, 0))
    client.force_login(organizer)

    client.post(reverse("cases:chronology_pdf", args=[site.uuid]))

    text = pdf_text(pdf_of(Document.objects.get()))
    assert "The date of first contact is not recorded" in text


def test_printing_when_the_signature_fails_gives_the_reason_and_stores_nothing(
    client, organization, monkeypatch
):
    """A configured signature that cannot be made (the timestamp authority is down) says why, not that
    no certificate is set up."""
    from cases import chronology_views
    from cases.models import ProtectedActivity
    from power_campaign.documents.api import SigningFailed
    from power_campaign.documents.models import Document
    from tests.cases.factories import WorksiteFactory
    from tests.factories import member

    def failing(**kwargs):
        raise SigningFailed("The timestamp authority did not answer: nothing was signed or stored.")

    monkeypatch.setattr(chronology_views, "create_document", failing)
    user = member("organizer", organization)
    site = WorksiteFactory(organization=organization)
    ProtectedActivity.objects.create(
        worksite=site,
        kind="petition",
        date=datetime.date(2026, 3, 2),
        description="Petition",
        created_by=user,
    )
    client.force_login(user)
    response = client.post(reverse("cases:chronology_pdf", args=[site.uuid]), follow=True)
    text = response.content.decode()
    assert "The timestamp authority did not answer: nothing was signed or stored." in text
    assert "Documents cannot be signed yet" not in text
    assert Document.objects.count() == 0
