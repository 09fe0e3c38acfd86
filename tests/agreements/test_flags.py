"""Possible breaches flagged automatically: an immigration-related incident logged at a worksite an active
agreement covers becomes a possible breach, and the organization's administrators are emailed."""

import datetime
import re
import smtplib

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import BreachReport
from cases import services as cases_services
from cases.models import IncidentType
from power_campaign.audit.models import AuditEvent
from tests.agreements.conftest import make_active
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import UserFactory, member

WHEN = datetime.datetime(2026, 3, 10, 14, 30, tzinfo=datetime.UTC)


def log_incident(site, user, type=IncidentType.ICE_VISIT, when=WHEN, **fields):
    return cases_services.create_incident(
        worksite=site,
        user=user,
        type=type,
        occurred_at=when,
        description="Agents asked for Maria Lopez at the gate.",
        **fields,
    )


@pytest.fixture
def log(django_capture_on_commit_callbacks, site, organizer):
    """Log an incident as the organizer and run what waits for the commit."""

    def logged(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return log_incident(kwargs.pop("site", site), organizer, **kwargs)

    return logged


@pytest.mark.parametrize("type", sorted(services.IMMIGRATION_INCIDENT_TYPES))
def test_immigration_incident_at_a_covered_worksite_is_flagged(active_agreement, log, admin, type):
    incident = log(type=type)

    breach = BreachReport.objects.get()
    assert (breach.agreement, breach.incident, breach.status, breach.flagged_automatically) == (
        active_agreement,
        incident,
        "possible",
        True,
    )
    assert (breach.component, breach.reported_by) == ("", None)
    assert list(
        AuditEvent.objects.for_object(breach).order_by("sequence").values_list("summary", flat=True)
    ) == [
        f"possible breach flagged automatically: incident {incident.uuid}",
        "possible breach: 1 of 1 administrators notified by email",
    ]


def test_flag_emails_each_admin_without_personal_data(active_agreement, log, admin, organization, mailoutbox):
    second = member("admin", organization, username="admin_es", email="jefa@example.org", language="es")
    member("organizer", organization, username="organizer2")
    member("admin", organization, username="no_email", email="")

    log()

    breach = BreachReport.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([admin.email, second.email])
    english = next(m for m in mailoutbox if m.to == [admin.email])
    assert english.subject == "Possible breach of the neutrality agreement at Acme Poultry"
    assert english.body == (
        "An incident was logged at Acme Poultry, a worksite covered by an active ICE neutrality agreement. "
        "It may breach the agreement.\n\n"
        "Incident: ICE visit or raid\n"
        "Date: March 10, 2026\n\n"
        "Review it on the case desk, then confirm it as a breach (naming the section) or dismiss it:\n\n"
        f"http://127.0.0.1:8000{breach.get_absolute_url()}\n\n"
        "You receive this email as an administrator of the organization.\n"
    )
    assert "Maria" not in english.body and "gate" not in english.body
    spanish = next(m for m in mailoutbox if m.to == [second.email])
    assert spanish.subject == "Posible incumplimiento del acuerdo de neutralidad en Acme Poultry"
    assert "10 de marzo de 2026" in spanish.body


def test_flag_link_uses_the_site_url(active_agreement, log, admin, mailoutbox, settings):
    settings.SITE_URL = "https://casedesk.example.org"

    log()

    breach = BreachReport.objects.get()
    assert f"https://casedesk.example.org{breach.get_absolute_url()}\n" in mailoutbox[0].body


def test_flag_link_is_the_path_without_a_site_url(active_agreement, log, admin, mailoutbox, settings):
    settings.SITE_URL = ""

    log()

    breach = BreachReport.objects.get()
    assert f"\n\n{breach.get_absolute_url()}\n\n" in mailoutbox[0].body


def test_flag_survives_a_failing_mail_server(active_agreement, log, admin, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr(services, "send_mail", refuse)

    log()

    breach = BreachReport.objects.get()
    assert breach.status == "possible"
    assert (
        AuditEvent.objects.for_object(breach)
        .filter(summary="possible breach: 0 of 1 administrators notified by email")
        .count()
        == 1
    )


def test_no_flag_for_an_incident_not_about_immigration(active_agreement, log, admin, mailoutbox):
    log(type=IncidentType.WAGE_THEFT)

    assert BreachReport.objects.count() == 0
    assert mailoutbox == []


def test_no_flag_at_a_worksite_without_an_active_agreement(agreement, log, admin, mailoutbox):
    log()  # the agreement is a draft

    assert BreachReport.objects.count() == 0
    assert mailoutbox == []


def test_no_flag_at_another_worksite_of_the_organization(
    active_agreement, log, organization, admin, mailoutbox
):
    log(site=WorksiteFactory(organization=organization))

    assert BreachReport.objects.count() == 0
    assert mailoutbox == []


def test_no_flag_at_another_organization_and_no_email_across_organizations(
    active_agreement, admin, other_organization, template, django_capture_on_commit_callbacks, mailoutbox
):
    other_site = WorksiteFactory(organization=other_organization, employer_name="Other Foods")
    other_organizer = member("organizer", other_organization)
    other_admin = member("admin", other_organization, email="otheradmin@example.org")
    other_agreement = make_active(other_site, template, other_organizer)

    with django_capture_on_commit_callbacks(execute=True):
        log_incident(other_site, other_organizer)

    assert [b.agreement for b in BreachReport.objects.all()] == [other_agreement]
    assert [m.to for m in mailoutbox] == [[other_admin.email]]


def test_no_flag_for_an_incident_before_the_agreement_took_effect(active_agreement, log, admin):
    log(when=datetime.datetime(2025, 12, 15, 15, 0, tzinfo=datetime.UTC))

    assert BreachReport.objects.count() == 0


def test_no_flag_for_a_terminated_agreement(active_agreement, log, admin):
    services.terminate_agreement(agreement=active_agreement, reason="Plant closed.", user=admin)

    log()

    assert BreachReport.objects.count() == 0


def test_flag_waits_for_the_commit(
    active_agreement, site, organizer, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        log_incident(site, organizer)

    assert BreachReport.objects.count() == 0
    for callback in callbacks:  # the commit: the flag, and the dashboard's incident counts renewed
        callback()
    assert BreachReport.objects.count() == 1


def test_flag_is_idempotent(active_agreement, log, admin, mailoutbox):
    incident = log()

    services.flag_possible_breaches(incident=incident)
    services.flag_incident(incident.pk)

    assert BreachReport.objects.count() == 1
    assert len(mailoutbox) == 1


def test_incident_changed_to_an_immigration_type_is_flagged(
    active_agreement, site, organizer, admin, django_capture_on_commit_callbacks
):
    incident = IncidentFactory(worksite=site, created_by=organizer, type=IncidentType.RETALIATION)
    assert BreachReport.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        cases_services.update_child(record=incident, user=organizer, type=IncidentType.IMMIGRATION_THREAT)

    assert BreachReport.objects.get().incident == incident


def test_possible_breach_confirmed_by_an_admin_naming_the_section(active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()

    services.confirm_breach(
        breach=breach, component="judicial_warrant_access", description="No warrant.", user=admin
    )

    breach.refresh_from_db()
    assert (breach.status, breach.component, breach.description, breach.reported_by) == (
        "reported",
        "judicial_warrant_access",
        "No warrant.",
        admin,
    )


def test_possible_breach_dismissed_with_a_reason(active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()

    services.dismiss_breach(breach=breach, reason="A training visit announced in advance.", user=admin)

    breach.refresh_from_db()
    assert (breach.status, breach.resolution) == ("dismissed", "A training visit announced in advance.")


def test_possible_breach_is_confirmed_or_dismissed_not_moved_on(active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()

    with pytest.raises(services.AgreementError) as error:
        services.set_breach_status(breach=breach, status="reported", user=admin)

    assert error.value.messages == ["Confirm or dismiss the possible breach first."]


def test_confirm_page_confirms_the_possible_breach(client, active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_confirm", args=[breach.uuid]),
        {"confirm-component": "union_notice", "confirm-description": "The union was not told."},
    )

    assert response.status_code == 302
    breach.refresh_from_db()
    assert (breach.status, breach.component) == ("reported", "union_notice")


def test_confirm_page_without_a_section_shows_the_error(client, active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_confirm", args=[breach.uuid]), {"confirm-component": ""}
    )

    assert response.status_code == 200
    assert response.context["confirm_form"].errors == {"component": ["This field is required."]}
    breach.refresh_from_db()
    assert breach.status == "possible"


def test_dismiss_page_dismisses_the_possible_breach(client, active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_dismiss", args=[breach.uuid]), {"dismiss-reason": "Not the employer."}
    )

    assert response.status_code == 302
    breach.refresh_from_db()
    assert (breach.status, breach.resolution) == ("dismissed", "Not the employer.")


def test_dismiss_page_without_a_reason_shows_the_error(client, active_agreement, log, admin):
    log()
    breach = BreachReport.objects.get()
    client.force_login(admin)

    response = client.post(reverse("agreements:breach_dismiss", args=[breach.uuid]), {"dismiss-reason": " "})

    assert response.status_code == 200
    assert response.context["dismiss_form"].errors == {"reason": ["This field is required."]}
    breach.refresh_from_db()
    assert breach.status == "possible"


def test_confirm_page_refused_to_legal_staff(client, active_agreement, log, admin, legal):
    log()
    breach = BreachReport.objects.get()
    client.force_login(legal)

    response = client.post(
        reverse("agreements:breach_confirm", args=[breach.uuid]), {"confirm-component": "union_notice"}
    )

    assert response.status_code == 403
    breach.refresh_from_db()
    assert breach.status == "possible"


def test_menu_counts_possible_breaches_for_admins_only(client, active_agreement, log, admin, organizer):
    log()
    log(when=WHEN + datetime.timedelta(days=1))

    client.force_login(admin)
    admin_menu = [entry.label for entry in client.get(reverse("dashboard")).context["main_menu"]]
    client.force_login(organizer)
    organizer_menu = [entry.label for entry in client.get(reverse("dashboard")).context["main_menu"]]

    assert "Agreements (2 possible breaches)" in admin_menu
    assert "Agreements" in organizer_menu


def test_menu_button_on_phones_shows_how_many_breaches_wait_for_the_admin(
    client, active_agreement, log, admin, organizer
):
    log()
    log(when=WHEN + datetime.timedelta(days=1))
    button = re.compile(r'<button type="button" class="menu-toggle"[^>]*>(.*?)</button>', re.S)

    client.force_login(admin)
    admin_page = client.get(reverse("dashboard"))
    admin.language = "es"
    admin.save()
    spanish = client.get(reverse("dashboard")).content.decode()
    client.force_login(organizer)
    organizer_page = client.get(reverse("dashboard")).content.decode()

    assert admin_page.context["main_menu"].attention == 2
    assert button.search(admin_page.content.decode()).group(1) == (
        'Menu <span class="menu-count" aria-hidden="true">2</span>'
        '<span class="visually-hidden">(2 wait for you)</span>'
    )
    assert button.search(spanish).group(1) == (
        'Menú <span class="menu-count" aria-hidden="true">2</span>'
        '<span class="visually-hidden">(2 pendientes para usted)</span>'
    )
    assert button.search(organizer_page).group(1) == "Menu"


def test_user_without_membership_is_never_emailed(active_agreement, log, admin, mailoutbox):
    UserFactory(email="stranger@example.org")

    log()

    assert [m.to for m in mailoutbox] == [[admin.email]]
