"""Breach reports: staff link an incident to an active agreement; administrators move them on."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements import services
from agreements.models import Agreement, BreachReport
from cases.models import IncidentType
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed
from tests.agreements.conftest import make_active
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import member


def report(
    agreement,
    incident,
    user,
    component="no_voluntary_cooperation",
    description="Called ICE on the committee.",
):
    return services.report_breach(
        agreement=agreement, incident=incident, component=component, description=description, user=user
    )


def summaries(obj):
    return list(AuditEvent.objects.for_object(obj).order_by("sequence").values_list("summary", flat=True))


# Services


def test_report_breach_links_the_incident_to_the_section(active_agreement, incident, organizer):
    breach = report(active_agreement, incident, organizer, description="  Called ICE on the committee. ")

    assert (breach.status, breach.component, breach.description, breach.reported_by) == (
        "reported",
        "no_voluntary_cooperation",
        "Called ICE on the committee.",
        organizer,
    )
    assert breach.flagged_automatically is False
    assert summaries(breach) == [
        f"breach reported: incident {incident.uuid}, section no_voluntary_cooperation"
    ]


def test_report_breach_refused_for_an_agreement_not_active(agreement, incident, organizer):
    with pytest.raises(services.AgreementError) as error:
        report(agreement, incident, organizer)

    assert error.value.messages == ["Breaches are reported against an active agreement."]
    assert BreachReport.objects.count() == 0


def test_report_breach_refused_for_an_incident_of_another_worksite(active_agreement, organization, organizer):
    elsewhere = IncidentFactory(worksite=WorksiteFactory(organization=organization), created_by=organizer)

    with pytest.raises(services.AgreementError) as error:
        report(active_agreement, elsewhere, organizer)

    assert error.value.messages == ["Choose an incident at this agreement's worksite."]
    assert BreachReport.objects.count() == 0


def test_report_breach_refused_for_an_incident_outside_the_agreements_term(active_agreement, site, organizer):
    before = IncidentFactory(
        worksite=site, occurred_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=datetime.UTC)
    )  # 5 p.m. in Chicago, the day before the agreement took effect
    after = IncidentFactory(worksite=site, occurred_at=datetime.datetime(2028, 1, 1, 18, tzinfo=datetime.UTC))

    for incident, day in [(before, "December 31, 2025"), (after, "January 1, 2028")]:
        with pytest.raises(services.AgreementError) as error:
            report(active_agreement, incident, organizer)
        assert error.value.messages == [
            f"The agreement was not in force on {day}, the day of this incident: choose one in its term."
        ]
    assert BreachReport.objects.count() == 0


def test_report_breach_refused_for_a_section_the_agreement_lacks(active_agreement, incident, organizer):
    with pytest.raises(services.AgreementError) as error:
        report(active_agreement, incident, organizer, component="nonexistent")

    assert error.value.messages == ["Choose a section of this agreement."]
    assert BreachReport.objects.count() == 0


def test_report_breach_refused_without_a_description(active_agreement, incident, organizer):
    with pytest.raises(services.AgreementError) as error:
        report(active_agreement, incident, organizer, description="   ")

    assert error.value.messages == ["Say what the employer did."]


def test_report_breach_refused_twice_for_the_same_incident(active_agreement, incident, organizer):
    report(active_agreement, incident, organizer)

    with pytest.raises(services.AgreementError) as error:
        report(active_agreement, incident, organizer)

    assert error.value.messages == [
        "This incident is already linked to this agreement: open its breach report."
    ]
    assert BreachReport.objects.count() == 1


def test_report_breach_refused_to_another_organization(active_agreement, incident, other_admin):
    with pytest.raises(PermissionDenied):
        report(active_agreement, incident, other_admin)


def test_breach_moves_from_reported_to_raised_with_the_default_cure_period(
    active_agreement, incident, organizer, admin, clock
):
    breach = report(active_agreement, incident, organizer)

    services.set_breach_status(breach=breach, status="raised", user=admin)

    breach.refresh_from_db()
    assert (breach.status, breach.cure_by) == ("raised", datetime.date(2026, 6, 22))
    assert summaries(breach)[1:] == ["status: reported → raised", "cure period ends 2026-06-22"]


def test_the_default_cure_period_counts_from_today_at_the_worksite(
    active_agreement, incident, organizer, admin, monkeypatch
):
    """3 a.m. Friday June 5 in Chicago is still Thursday June 4 in Honolulu: 10 business days from then."""
    active_agreement.worksite.time_zone = "Pacific/Honolulu"
    active_agreement.worksite.save(update_fields=["time_zone"])
    breach = report(active_agreement, incident, organizer)
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 5, 8, 0, tzinfo=datetime.UTC))

    services.set_breach_status(breach=breach, status="raised", user=admin)

    breach.refresh_from_db()
    assert breach.cure_by == datetime.date(2026, 6, 18)  # from Friday (Chicago): June 22 (June 19 a holiday)


def test_breach_raised_with_a_chosen_cure_period_then_grievance_then_resolved(
    active_agreement, incident, organizer, admin
):
    breach = report(active_agreement, incident, organizer)

    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 7, 1), user=admin)
    services.set_breach_status(breach=breach, status="grievance", user=admin)
    services.set_breach_status(
        breach=breach, status="resolved", resolution=" Settled: back pay. ", user=admin
    )

    breach.refresh_from_db()
    assert (breach.status, breach.cure_by, breach.resolution) == (
        "resolved",
        datetime.date(2026, 7, 1),
        "Settled: back pay.",
    )
    assert summaries(breach)[1:] == [
        "status: reported → raised",
        "cure period ends 2026-07-01",
        "status: raised → grievance",
        "status: grievance → resolved",
    ]


def test_breach_resolved_only_saying_how(active_agreement, incident, organizer, admin):
    breach = report(active_agreement, incident, organizer)

    with pytest.raises(services.AgreementError) as error:
        services.set_breach_status(breach=breach, status="resolved", user=admin)

    assert error.value.messages == ["Say how the breach was resolved."]
    breach.refresh_from_db()
    assert breach.status == "reported"


def test_breach_status_cannot_go_back(active_agreement, incident, organizer, admin):
    breach = report(active_agreement, incident, organizer)
    services.set_breach_status(breach=breach, status="raised", user=admin)

    with pytest.raises(TransitionNotAllowed):
        services.set_breach_status(breach=breach, status="reported", user=admin)


@pytest.mark.parametrize("who", ["organizer", "legal", "other_admin"])
def test_breach_status_moved_only_by_an_admin_of_the_organization(
    active_agreement, incident, organizer, who, request
):
    breach = report(active_agreement, incident, organizer)

    with pytest.raises(PermissionDenied):
        services.set_breach_status(breach=breach, status="raised", user=request.getfixturevalue(who))

    breach.refresh_from_db()
    assert breach.status == "reported"


def test_cure_period_changed_while_raised(active_agreement, incident, organizer, admin):
    breach = report(active_agreement, incident, organizer)
    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 7, 1), user=admin)

    services.set_cure_by(breach=breach, cure_by=datetime.date(2026, 7, 15), user=admin)

    breach.refresh_from_db()
    assert breach.cure_by == datetime.date(2026, 7, 15)
    assert summaries(breach)[-1] == "cure period changed: 2026-07-01 → 2026-07-15"


def test_cure_period_cannot_end_before_the_incident(active_agreement, incident, organizer, admin):
    breach = report(active_agreement, incident, organizer)
    message = ["The cure period cannot end before the incident, on March 10, 2026."]

    with pytest.raises(services.AgreementError) as error:
        services.set_breach_status(
            breach=breach, status="raised", cure_by=datetime.date(2026, 3, 9), user=admin
        )
    assert error.value.messages == message
    breach.refresh_from_db()
    assert (breach.status, breach.cure_by) == ("reported", None)

    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 3, 10), user=admin)
    with pytest.raises(services.AgreementError) as error:
        services.set_cure_by(breach=breach, cure_by=datetime.date(2020, 1, 1), user=admin)
    assert error.value.messages == message
    breach.refresh_from_db()
    assert breach.cure_by == datetime.date(2026, 3, 10)


def test_cure_period_not_set_before_the_breach_is_raised(active_agreement, incident, organizer, admin):
    breach = report(active_agreement, incident, organizer)

    with pytest.raises(services.AgreementError) as error:
        services.set_cure_by(breach=breach, cure_by=datetime.date(2026, 7, 15), user=admin)

    assert error.value.messages == ["The cure period runs only while the breach is raised with the employer."]
    breach.refresh_from_db()
    assert breach.cure_by is None


# Pages


def test_agreement_page_lists_its_breaches_and_offers_to_report(
    client, organizer, active_agreement, incident
):
    report(active_agreement, incident, organizer)
    client.force_login(organizer)

    html = client.get(active_agreement.get_absolute_url()).content.decode()

    assert (
        f'href="{reverse("agreements:breach_create", args=[active_agreement.uuid])}">Report a breach</a>'
        in html
    )
    breach = BreachReport.objects.get()
    assert f'<a href="{breach.get_absolute_url()}">Wage theft, March 10, 2026</a>' in html
    assert "No voluntary cooperation with immigration enforcement" in html


def test_breach_create_page_reports_the_breach(client, organizer, active_agreement, incident):
    client.force_login(organizer)
    url = reverse("agreements:breach_create", args=[active_agreement.uuid])

    response = client.post(
        url,
        {
            "incident": str(incident.uuid),
            "component": "no_voluntary_cooperation",
            "description": "Called ICE.",
        },
    )

    breach = BreachReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == breach.get_absolute_url()
    assert (breach.agreement, breach.incident, breach.component, breach.description, breach.reported_by) == (
        active_agreement,
        incident,
        "no_voluntary_cooperation",
        "Called ICE.",
        organizer,
    )
    assert AuditEvent.objects.for_object(breach).count() == 1


def test_breach_create_page_preselects_the_incident(client, organizer, active_agreement, incident):
    client.force_login(organizer)
    url = reverse("agreements:breach_create", args=[active_agreement.uuid])

    html = client.get(f"{url}?incident={incident.uuid}").content.decode()

    assert f'<option value="{incident.uuid}" selected>Wage theft, March 10, 2026</option>' in html


def test_breach_create_page_offers_only_the_incidents_of_the_agreements_term(
    client, organizer, site, active_agreement, incident
):
    IncidentFactory(worksite=site, occurred_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=datetime.UTC))
    IncidentFactory(worksite=site, occurred_at=datetime.datetime(2028, 1, 1, 18, 0, tzinfo=datetime.UTC))
    client.force_login(organizer)

    response = client.get(reverse("agreements:breach_create", args=[active_agreement.uuid]))

    assert list(response.context["form"].fields["incident"].queryset) == [incident]


def test_breach_create_page_bad_input_shows_the_errors_and_saves_nothing(
    client, organizer, active_agreement, incident
):
    client.force_login(organizer)
    url = reverse("agreements:breach_create", args=[active_agreement.uuid])

    response = client.post(url, {"incident": str(incident.uuid), "component": "", "description": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "component": ["This field is required."],
        "description": ["This field is required."],
    }
    assert BreachReport.objects.count() == 0


def test_breach_create_page_refuses_an_incident_of_another_organization(
    client, organizer, active_agreement, other_organization
):
    foreign = IncidentFactory(worksite=WorksiteFactory(organization=other_organization))
    client.force_login(organizer)
    url = reverse("agreements:breach_create", args=[active_agreement.uuid])

    response = client.post(
        url, {"incident": str(foreign.uuid), "component": "no_voluntary_cooperation", "description": "x"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["incident"]
    assert BreachReport.objects.count() == 0


def test_breach_create_page_for_an_agreement_not_active_goes_back(client, organizer, agreement):
    client.force_login(organizer)

    response = client.get(reverse("agreements:breach_create", args=[agreement.uuid]), follow=True)

    assert response.redirect_chain == [(agreement.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Breaches are reported against an active agreement."
    ]


def test_worksite_page_offers_to_report_a_breach_of_its_active_agreement(
    client, organizer, site, active_agreement
):
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    url = reverse("agreements:breach_create", args=[active_agreement.uuid])
    assert f'<a class="button" href="{url}">Report a breach of the agreement</a>' in html


def test_worksite_page_reads_its_agreements_once_for_its_deadlines_and_its_actions(
    client, organizer, site, active_agreement
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(organizer)
    client.get(site.get_absolute_url())  # the session and the user's roles are read once per request

    with CaptureQueriesContext(connection) as queries:
        html = client.get(site.get_absolute_url()).content.decode()

    reads = [q["sql"] for q in queries.captured_queries if 'FROM "agreements_agreement"' in q["sql"]]
    assert len(reads) == 1
    assert html.count(reverse("agreements:breach_create", args=[active_agreement.uuid])) == 1


def test_worksite_page_offers_no_breach_report_without_an_active_agreement(
    client, organizer, site, agreement
):
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    assert "Report a breach of the agreement" not in html


def incident_actions(html):
    """The buttons of an incident page's actions, as (label, href)."""
    import re

    nav = re.search(r'<nav class="actions page-actions" aria-label="[^"]*">(.*?)</nav>', html, re.S)
    return re.findall(r'<a class="button" href="([^"]*)">([^<]*)</a>', nav.group(1))


def test_incident_page_offers_to_report_the_incident_as_a_breach_of_each_active_agreement(
    client, organizer, site, template, active_agreement, agreement, incident
):
    second = make_active(site, template, organizer)
    client.force_login(organizer)

    html = client.get(incident.get_absolute_url()).content.decode()

    # The draft agreement (not active) offers nothing.
    assert incident_actions(html) == [
        (reverse("cases:incident_edit", args=[incident.uuid]), "Add details"),
        (reverse("cases:referral_create", args=[incident.uuid]), "Refer to legal as a possible crime"),
        (
            f"{reverse('agreements:breach_create', args=[active_agreement.uuid])}?incident={incident.uuid}",
            "Report as a breach of the agreement",
        ),
        (
            f"{reverse('agreements:breach_create', args=[second.uuid])}?incident={incident.uuid}",
            "Report as a breach of the agreement",
        ),
    ]


def test_incident_page_links_its_breach_reports_instead_of_offering_them_again(
    client, organizer, active_agreement, incident
):
    breach = report(active_agreement, incident, organizer)
    client.force_login(organizer)

    html = client.get(incident.get_absolute_url()).content.decode()

    assert incident_actions(html)[2:] == [(breach.get_absolute_url(), "Breach of the agreement: Reported")]


def test_incident_page_links_a_breach_report_of_an_agreement_no_longer_active(
    client, organizer, admin, active_agreement, incident
):
    breach = report(active_agreement, incident, organizer)
    Agreement.objects.filter(pk=active_agreement.pk).update(status=Agreement.Status.TERMINATED)
    client.force_login(admin)

    html = client.get(incident.get_absolute_url()).content.decode()

    assert incident_actions(html)[2:] == [(breach.get_absolute_url(), "Breach of the agreement: Reported")]


def test_incident_page_offers_no_breach_report_for_a_day_the_agreement_did_not_cover(
    client, organizer, site, active_agreement
):
    before = IncidentFactory(
        worksite=site, occurred_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=datetime.UTC)
    )
    client.force_login(organizer)

    html = client.get(before.get_absolute_url()).content.decode()

    assert [label for _url, label in incident_actions(html)] == [
        "Add details",
        "Refer to legal as a possible crime",
    ]


def test_incident_page_in_spanish_names_a_possible_breach(client, organizer, active_agreement):
    flagged = IncidentFactory(worksite=active_agreement.worksite, type=IncidentType.ICE_VISIT)
    services.flag_possible_breaches(incident=flagged)
    breach = BreachReport.objects.get(incident=flagged)
    client.force_login(organizer)

    html = client.get(flagged.get_absolute_url(), headers={"accept-language": "es"}).content.decode()

    assert incident_actions(html)[2:] == [
        (breach.get_absolute_url(), "Incumplimiento del acuerdo: Posible incumplimiento (por revisar)")
    ]


def test_incident_page_offers_nothing_of_agreements_without_one(client, organizer, agreement, incident):
    client.force_login(organizer)

    html = client.get(incident.get_absolute_url()).content.decode()

    assert [label for _url, label in incident_actions(html)] == [
        "Add details",
        "Refer to legal as a possible crime",
    ]


def test_incident_page_query_count_is_the_same_with_agreements_and_reports(
    client, organizer, site, template, incident
):
    client.force_login(organizer)
    client.get(incident.get_absolute_url())  # the session and the user's roles are read once per request
    with CaptureQueriesContext(connection) as none:
        client.get(incident.get_absolute_url())

    first = make_active(site, template, organizer)
    make_active(site, template, organizer)
    report(first, incident, organizer)
    with CaptureQueriesContext(connection) as some:
        html = client.get(incident.get_absolute_url()).content.decode()

    assert len(incident_actions(html)) == 4
    assert len(some) == len(none)


def test_breach_status_page_moves_the_breach_on(client, organizer, admin, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_status", args=[breach.uuid]),
        {"status-status": "raised", "status-cure_by": "2026-07-01"},
    )

    assert response.status_code == 302
    breach.refresh_from_db()
    assert (breach.status, breach.cure_by) == ("raised", datetime.date(2026, 7, 1))


def test_breach_status_page_bad_input_shows_the_error(client, organizer, admin, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_status", args=[breach.uuid]), {"status-status": "resolved"}
    )

    assert response.status_code == 200
    assert response.context["status_form"].non_field_errors() == ["Say how the breach was resolved."]
    breach.refresh_from_db()
    assert breach.status == "reported"


def test_breach_status_page_refused_to_an_organizer(client, organizer, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:breach_status", args=[breach.uuid]), {"status-status": "raised"}
    )

    assert response.status_code == 403
    breach.refresh_from_db()
    assert breach.status == "reported"


def test_breach_cure_by_page_changes_the_date(client, organizer, admin, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 7, 1), user=admin)
    client.force_login(admin)

    response = client.post(
        reverse("agreements:breach_cure_by", args=[breach.uuid]), {"cure-cure_by": "2026-07-20"}
    )

    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.cure_by == datetime.date(2026, 7, 20)


def test_breach_cure_by_page_bad_date_shows_the_error(client, organizer, admin, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    services.set_breach_status(breach=breach, status="raised", cure_by=datetime.date(2026, 7, 1), user=admin)
    client.force_login(admin)

    response = client.post(reverse("agreements:breach_cure_by", args=[breach.uuid]), {"cure-cure_by": "soon"})
    before = client.post(
        reverse("agreements:breach_cure_by", args=[breach.uuid]), {"cure-cure_by": "2020-01-01"}
    )

    assert response.status_code == 200
    assert response.context["cure_form"].errors == {"cure_by": ["Enter a valid date."]}
    assert before.status_code == 200
    assert before.context["cure_form"].non_field_errors() == [
        "The cure period cannot end before the incident, on March 10, 2026."
    ]
    breach.refresh_from_db()
    assert breach.cure_by == datetime.date(2026, 7, 1)


def test_breach_page_shows_the_admin_the_status_form_and_the_history(
    client, organizer, admin, active_agreement, incident
):
    breach = report(active_agreement, incident, organizer)
    client.force_login(admin)

    response = client.get(breach.get_absolute_url())

    assert [value for value, _label in response.context["status_form"].fields["status"].choices] == [
        "raised",
        "grievance",
        "resolved",
    ]
    html = response.content.decode()
    section = "No voluntary cooperation with immigration enforcement"
    # The incident is named, as the reader may open it (its key is what the audit trail stores).
    assert f"Breach reported: incident “{incident}”, section: {section}" in html
    assert str(incident.uuid) not in html.split('id="history-heading"')[1]


def test_breach_page_shows_an_organizer_no_status_form(client, organizer, active_agreement, incident):
    breach = report(active_agreement, incident, organizer)
    client.force_login(organizer)

    response = client.get(breach.get_absolute_url())

    assert response.status_code == 200
    assert "status_form" not in response.context
    assert "Change the status" not in response.content.decode()


def test_breach_list_shows_the_organization_breaches_only(
    client, organizer, active_agreement, incident, other_organization, template
):
    report(active_agreement, incident, organizer)
    other_site = WorksiteFactory(organization=other_organization)
    other = member("admin", other_organization)
    foreign = make_active(other_site, template, other)
    BreachReport.objects.create(
        agreement=foreign, incident=IncidentFactory(worksite=other_site), component="x"
    )
    client.force_login(organizer)

    response = client.get(reverse("agreements:breach_list"))

    assert [breach.agreement for breach, _section in response.context["rows"]] == [active_agreement]


def test_breach_list_filters_by_status(client, organizer, admin, active_agreement, incident, site):
    report(active_agreement, incident, organizer)
    second = IncidentFactory(worksite=site, created_by=organizer, type=IncidentType.RETALIATION)
    raised = report(active_agreement, second, organizer)
    services.set_breach_status(breach=raised, status="raised", user=admin)
    client.force_login(organizer)

    response = client.get(reverse("agreements:breach_list"), {"status": "raised"})

    assert [breach for breach, _section in response.context["rows"]] == [raised]


def test_breach_list_query_count_is_the_same_for_1_and_5_breaches(client, organizer, active_agreement, site):
    client.force_login(organizer)
    url = reverse("agreements:breach_list")

    def add(n):
        for _ in range(n):
            incident = IncidentFactory(worksite=site, created_by=organizer)
            BreachReport.objects.create(
                agreement=active_agreement, incident=incident, component="no_voluntary_cooperation"
            )

    add(1)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(4)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(one)


def test_agreement_stays_active_when_a_breach_is_reported(active_agreement, incident, organizer):
    report(active_agreement, incident, organizer)

    active_agreement.refresh_from_db()
    assert active_agreement.status == Agreement.Status.ACTIVE


def test_agreement_list_links_to_the_breaches(client, organizer):
    client.force_login(organizer)

    html = client.get(reverse("agreements:agreement_list")).content.decode()

    assert f'<a href="{reverse("agreements:breach_list")}">Breaches of neutrality agreements</a>' in html
