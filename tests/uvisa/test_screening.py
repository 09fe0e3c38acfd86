"""Screening: qualifying activities with notes and modifiers, the four requirements, suggested agencies."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from power_campaign.audit.models import AuditEvent
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.cases.support import messages_of
from tests.factories import member
from tests.uvisa.factories import activity
from uvisa import services
from uvisa.models import CertifyingAgency, ClientCase, ScreenedActivity, Screening

ALL_STATES = ["dol_osha", "eeoc", "nlrb", "police", "prosecutor", "court", "child_protective"]


def suggested(case):
    return [agency.code for agency in services.suggested_agencies(case)]


def screen(case, *codes):
    for code in codes:
        ScreenedActivity.objects.create(case=case, activity=activity(code))


def test_no_activities_no_suggestions(case):
    assert suggested(case) == []


def test_whd_activity_suggests_whd_first_then_the_agencies_that_take_any_activity(case):
    screen(case, "peonage")  # the worksite is in Illinois
    assert suggested(case) == ["dol_whd", "dol_osha", "eeoc", "nlrb", "il_dol", *ALL_STATES[3:]]


def test_activity_outside_whds_list_does_not_suggest_whd(case):
    screen(case, "sexual_assault")
    assert suggested(case) == ["dol_osha", "eeoc", "nlrb", "il_dol", *ALL_STATES[3:]]


def test_state_agencies_follow_the_worksites_state(organization, legal):
    california = ClientCase.objects.create(
        organization=organization,
        created_by=legal,
        worksite=WorksiteFactory(organization=organization, state="CA"),
    )
    screen(california, "extortion", "witness_tampering")
    assert suggested(california) == ["dol_whd", "dol_osha", "eeoc", "nlrb", "ca_crd", *ALL_STATES[3:]]
    no_worksite = ClientCase.objects.create(organization=organization, created_by=legal)
    screen(no_worksite, "extortion")
    assert suggested(no_worksite) == ["dol_whd", *ALL_STATES]


def test_an_agency_no_longer_accepting_requests_is_not_suggested(case):
    CertifyingAgency.objects.filter(code="nlrb").update(active=False)
    screen(case, "extortion")
    assert "nlrb" not in suggested(case)


ADULT = ["dol_whd", "dol_osha", "eeoc", "nlrb", "il_dol", "police", "prosecutor", "court"]


def born(case, day):
    case.date_of_birth = day
    case.save()


def incident_on(case, day):
    when = datetime.datetime(*day, 10, 0, tzinfo=datetime.UTC)
    case.incidents.add(IncidentFactory(worksite=case.worksite, occurred_at=when))


def test_child_protective_services_is_not_suggested_for_an_adult_client(case):
    born(case, datetime.date(1988, 4, 12))
    screen(case, "extortion")
    assert suggested(case) == ADULT


def test_child_protective_services_is_suggested_for_a_client_under_18(case):
    born(case, datetime.date(timezone.localdate().year - 10, 1, 1))
    screen(case, "extortion")
    assert suggested(case) == [*ADULT, "child_protective"]


def test_child_protective_services_is_suggested_for_an_adult_who_was_a_minor_at_the_crime(case):
    born(case, datetime.date(1990, 6, 15))
    incident_on(case, (2009, 3, 1))  # 18 years old: an adult at this one,
    incident_on(case, (2008, 3, 1))  # but 17 at the earliest incident linked to the case
    screen(case, "extortion")
    assert suggested(case) == [*ADULT, "child_protective"]


def test_child_protective_services_is_suggested_when_the_clients_age_is_not_recorded(case):
    incident_on(case, (2026, 3, 1))
    screen(case, "extortion")
    assert suggested(case) == [*ADULT, "child_protective"]


def test_minor_at_crime_without_an_incident_is_the_age_today(case):
    assert case.minor_at_crime(datetime.date(2026, 1, 1)) is None  # no date of birth
    born(case, datetime.date(2008, 5, 20))
    assert case.minor_at_crime(datetime.date(2026, 5, 19)) is True
    assert case.minor_at_crime(datetime.date(2026, 5, 20)) is False  # the 18th birthday


def test_minor_at_crime_on_the_18th_birthday_of_the_incident_is_an_adult(case):
    born(case, datetime.date(2000, 5, 20))
    incident_on(case, (2018, 5, 20))
    assert case.minor_at_crime(datetime.date(2026, 1, 1)) is False
    incident_on(case, (2018, 5, 19))
    assert case.minor_at_crime(datetime.date(2026, 1, 1)) is True


def test_minor_at_crime_counts_the_incidents_day_at_its_worksite(case):
    """10:30 p.m. May 19 in Los Angeles is already May 20 in Chicago, the desk's zone: the day before the
    18th birthday, a minor."""
    born(case, datetime.date(2000, 5, 20))
    case.worksite.time_zone = "America/Los_Angeles"
    case.worksite.save(update_fields=["time_zone"])
    when = datetime.datetime(2018, 5, 20, 5, 30, tzinfo=datetime.UTC)
    case.incidents.add(IncidentFactory(worksite=case.worksite, occurred_at=when))
    assert case.minor_at_crime(datetime.date(2026, 1, 1)) is True


def test_screening_page_shows_the_suggested_agencies(client, case, legal):
    screen(case, "obstruction_of_justice")
    client.force_login(legal)
    response = client.get(reverse("uvisa:screening", args=[case.uuid]))
    assert [agency.code for agency in response.context["suggested"]][:2] == ["dol_whd", "dol_osha"]
    assert "U.S. Department of Labor, Wage and Hour Division (WHD)" in response.content.decode()


REQUIREMENTS = {
    "harm": "met",
    "harm_reason": "",
    "information": "met",
    "information_reason": "",
    "helpfulness": "unclear",
    "helpfulness_reason": "Has not yet spoken to WHD",
    "jurisdiction": "met",
    "jurisdiction_reason": "",
}


def test_requirements_are_saved_with_their_reasons(client, case, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:screening", args=[case.uuid]), REQUIREMENTS)
    assert response["Location"] == reverse("uvisa:screening", args=[case.uuid])
    assert messages_of(response) == ["Screening saved."]
    screening = Screening.objects.get(case=case)
    assert [(finding, reason) for _, finding, _, reason in screening.requirements()] == [
        ("met", ""),
        ("met", ""),
        ("unclear", "Has not yet spoken to WHD"),
        ("met", ""),
    ]
    case.refresh_from_db()
    assert case.status == ClientCase.Status.SCREENING
    assert AuditEvent.objects.filter(object_id=str(case.uuid), action="update").get().summary == (
        "screening saved: harm, information, helpfulness_reason, jurisdiction"  # helpfulness: unclear already
    )


def test_requirement_not_met_needs_a_reason_and_nothing_is_saved(client, case, legal):
    client.force_login(legal)
    data = {**REQUIREMENTS, "jurisdiction": "not_met"}
    response = client.post(reverse("uvisa:screening", args=[case.uuid]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "jurisdiction_reason": ["Give the reason: the requirement is not met or unclear."]
    }
    assert Screening.objects.count() == 0


def summary_of(response):
    """The error summary's entries, as the page shows them."""
    html = response.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    return re.findall(r'<li><a href="#id_(\w+)">([^<]*)</a></li>', summary)


def test_each_missing_reason_names_its_requirement_in_the_error_summary(client, case, legal):
    client.force_login(legal)
    data = {**REQUIREMENTS, "helpfulness_reason": "", "jurisdiction": "not_met"}
    response = client.post(reverse("uvisa:screening", args=[case.uuid]), data)
    assert response.status_code == 200
    assert summary_of(response) == [
        (
            "helpfulness_reason",
            "Why (Has been, is or is likely to be helpful): "
            "Give the reason: the requirement is not met or unclear.",
        ),
        (
            "jurisdiction_reason",
            "Why (Occurred in the United States or violated US law): "
            "Give the reason: the requirement is not met or unclear.",
        ),
    ]
    assert '<label for="id_harm_reason">Why (Substantial physical or mental abuse)</label>' in (
        response.content.decode()
    )
    assert Screening.objects.count() == 0
    assert AuditEvent.objects.filter(object_id=str(case.uuid), action="update").count() == 0


def test_each_missing_reason_names_its_requirement_in_spanish(client, case, organization):
    client.force_login(member("legal", organization, language="es"))
    data = {**REQUIREMENTS, "helpfulness_reason": "", "jurisdiction": "not_met"}
    response = client.post(reverse("uvisa:screening", args=[case.uuid]), data)
    assert summary_of(response) == [
        (
            "helpfulness_reason",
            "Por qué (Ha ayudado, ayuda o probablemente ayudará): "
            "Dé el motivo: el requisito no se cumple o no está claro.",
        ),
        (
            "jurisdiction_reason",
            "Por qué (Ocurrió en Estados Unidos o violó la ley de Estados Unidos): "
            "Dé el motivo: el requisito no se cumple o no está claro.",
        ),
    ]
    assert Screening.objects.count() == 0


def test_activity_is_added_with_modifiers_and_notes(client, case, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:activity_add", args=[case.uuid]),
        {"activity": activity("extortion").pk, "attempt": "on", "notes": "Demanded pay back under threat"},
    )
    assert response["Location"] == reverse("uvisa:screening", args=[case.uuid])
    screened = ScreenedActivity.objects.get()
    assert (screened.activity.code, screened.attempt, screened.conspiracy, screened.notes) == (
        "extortion",
        True,
        False,
        "Demanded pay back under threat",
    )
    assert [str(m) for m in screened.modifiers] == ["attempt"]


def test_similar_activity_needs_the_offense(client, case, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:activity_add", args=[case.uuid]),
        {"activity": activity("felonious_assault").pk, "similar_activity": "on"},
    )
    assert response.status_code == 200
    assert response.context["activity_form"].errors == {
        "charged_offense": ["Name the offense for a similar activity."]
    }
    assert ScreenedActivity.objects.count() == 0


def test_an_activity_is_screened_once(client, case, legal):
    screen(case, "extortion")
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:activity_add", args=[case.uuid]), {"activity": activity("extortion").pk}
    )
    assert response.status_code == 200
    assert "activity" in response.context["activity_form"].errors
    assert ScreenedActivity.objects.count() == 1


def test_activity_is_removed(client, case, legal):
    screen(case, "extortion")
    screened = ScreenedActivity.objects.get()
    client.force_login(legal)
    response = client.post(reverse("uvisa:activity_remove", args=[case.uuid]), {"record": str(screened.uuid)})
    assert messages_of(response) == ["Activity removed."]
    assert ScreenedActivity.objects.count() == 0
    response = client.post(reverse("uvisa:activity_remove", args=[case.uuid]), {"record": "not-a-uuid"})
    assert messages_of(response)[-1:] == ["That activity is not on this screening."]
