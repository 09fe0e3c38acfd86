"""The multi-step intake, saved as you go: client, harm, helpfulness, family (derivatives), T-visa
indicators."""

import datetime

import pytest
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.cases.support import messages_of
from tests.factories import member
from uvisa.models import ClientCase, FamilyMember


def intake_url(case, step):
    return reverse("uvisa:intake", args=[case.uuid, step])


def client_data(case, **overrides):
    data = {
        "client_name": "María Hernández",
        "other_names": "María H.",
        "date_of_birth": "1990-05-04",
        "a_number": "A123456789",
        "phone": "(312) 555-0199",
        "address": "",
        "safe_contact": "Text only, after 6 p.m.",
        "preferred_language": "es",
        "other_language": "",
        "worksite": str(case.worksite.pk),
        "facts": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("a_number", ["abc-not-a-number", "A12345", "A1234567890", "123 456"])
def test_client_step_refuses_what_is_not_an_a_number(client, case, legal, a_number):
    client.force_login(legal)
    data = {**client_data(case, a_number=a_number), "continue": ""}
    response = client.post(intake_url(case, "client"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["a_number"] == ["An A-number is 7 to 9 digits, as in A123456789."]
    case.refresh_from_db()
    assert (case.a_number, case.client_name) == ("", "")


@pytest.mark.parametrize("a_number", ["A-123-456-789", "a 012 345 678", "1234567"])
def test_client_step_takes_an_a_number_as_people_write_it(client, case, legal, a_number):
    client.force_login(legal)
    data = {**client_data(case, a_number=a_number), "continue": ""}
    response = client.post(intake_url(case, "client"), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.a_number == a_number


def test_client_step_lists_the_incidents_of_the_cases_worksite_only(client, case, legal):
    ours = IncidentFactory(worksite=case.worksite)
    IncidentFactory(worksite=WorksiteFactory(organization=case.organization))
    client.force_login(legal)

    response = client.get(intake_url(case, "client"))

    assert list(response.context["form"].fields["incidents"].queryset) == [ours]
    case.worksite = None
    case.save()
    response = client.get(intake_url(case, "client"))
    assert list(response.context["form"].fields["incidents"].queryset) == []
    assert "Choose the worksite and save: its incidents are listed here." in response.content.decode()


def test_client_step_short_identity_fields_are_one_line_inputs(client, case, legal):
    client.force_login(legal)
    html = client.get(intake_url(case, "client")).content.decode()
    for name in ("client_name", "a_number"):
        assert f'<input type="text" name="{name}"' in html
        assert f'<textarea name="{name}"' not in html


def test_client_step_saves_encrypted_identity_and_links_incidents(client, case, legal):
    incident = IncidentFactory(worksite=case.worksite)
    client.force_login(legal)
    response = client.post(
        intake_url(case, "client"),
        {**client_data(case), "incidents": [str(incident.pk)], "interpreter_needed": "on", "continue": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == intake_url(case, "harm")
    assert messages_of(response) == ["Saved."]
    case.refresh_from_db()
    assert (case.client_name, case.date_of_birth, case.a_number, case.phone, case.interpreter_needed) == (
        "María Hernández",
        datetime.date(1990, 5, 4),
        "A123456789",
        "+13125550199",
        True,
    )
    assert list(case.incidents.all()) == [incident]
    assert case.intake_saved == ["client"]
    event = AuditEvent.objects.filter(action="update", object_id=str(case.uuid)).get()
    assert event.summary == (
        "intake client saved: client_name, other_names, date_of_birth, a_number, phone, safe_contact, "
        "interpreter_needed, incidents"
    )
    assert "María" not in event.summary


def test_client_step_refuses_a_future_birth_date_and_saves_nothing(client, case, legal):
    client.force_login(legal)
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(intake_url(case, "client"), client_data(case, date_of_birth=future))
    assert response.status_code == 200
    assert response.context["form"].errors == {"date_of_birth": ["The date cannot be in the future."]}
    case.refresh_from_db()
    assert (case.client_name, case.intake_saved) == ("", [])


def test_client_step_refuses_incidents_of_another_worksite(client, case, legal, organization):
    elsewhere = IncidentFactory(worksite=WorksiteFactory(organization=organization))
    client.force_login(legal)
    response = client.post(
        intake_url(case, "client"), {**client_data(case), "incidents": [str(elsewhere.pk)]}
    )
    assert response.context["form"].errors == {"incidents": ["Choose incidents of the case's worksite."]}
    assert case.incidents.count() == 0


def test_client_step_offers_only_the_organizations_incidents(client, case, legal, other_organization):
    IncidentFactory(worksite=WorksiteFactory(organization=other_organization))
    mine = IncidentFactory(worksite=case.worksite)
    client.force_login(legal)
    response = client.get(intake_url(case, "client"))
    assert list(response.context["form"].fields["incidents"].queryset) == [mine]


def test_harm_and_helpfulness_steps_save_in_any_order(client, case, legal):
    client.force_login(legal)
    response = client.post(
        intake_url(case, "helpfulness"),
        {"information": "Saw the supervisor", "refused_requests": "false", "agencies_contacted": "WHD"},
    )
    assert response["Location"] == intake_url(case, "helpfulness")
    client.post(
        intake_url(case, "harm"),
        {
            "harm_types": ["threats", "mental_harm"],
            "harm_narrative": "Threatened with a call to ICE",
            "crime_city": "Cicero",
            "crime_state": "IL",
            "crime_in_us": "true",
        },
    )
    case.refresh_from_db()
    assert case.intake_saved == ["harm", "helpfulness"]
    assert (case.harm_types, case.crime_in_us, case.refused_requests) == (
        ["threats", "mental_harm"],
        True,
        False,
    )


def test_helpfulness_refusal_needs_its_reason(client, case, legal):
    client.force_login(legal)
    response = client.post(
        intake_url(case, "helpfulness"), {"refused_requests": "true", "refusal_reason": ""}
    )
    assert response.context["form"].errors == {"refusal_reason": ["Say why the request was refused."]}
    case.refresh_from_db()
    assert (case.refused_requests, case.intake_saved) == (None, [])


def test_trafficking_indicators_flag_t_visa_triage(client, case, legal):
    client.force_login(legal)
    client.post(
        intake_url(case, "trafficking"),
        {
            "trafficking_indicated": "true",
            "present_on_account_of_trafficking": "true",
            "trafficking_notes": "",
        },
    )
    case.refresh_from_db()
    assert case.t_visa_flag is True
    html = client.get(case.get_absolute_url()).content.decode()
    assert "T-visa indicators: screen the client for a T visa too." in html


def test_unknown_intake_step_is_not_found(client, case, legal):
    client.force_login(legal)
    assert client.get(intake_url(case, "payment")).status_code == 404


def test_family_step_adds_and_removes_members(client, case, legal):
    client.force_login(legal)
    response = client.post(
        intake_url(case, "family"), {"name": "Rosa", "relationship": "child", "date_of_birth": "2015-02-01"}
    )
    assert response["Location"] == intake_url(case, "family")
    member = FamilyMember.objects.get()
    assert (member.name, member.relationship, member.case) == ("Rosa", "child", case)
    case.refresh_from_db()
    assert case.intake_saved == ["family"]
    response = client.post(reverse("uvisa:family_remove", args=[case.uuid]), {"record": str(member.uuid)})
    assert response["Location"] == intake_url(case, "family")
    assert FamilyMember.objects.count() == 0
    assert list(
        AuditEvent.objects.filter(object_type="uvisa.familymember")
        .order_by("sequence")
        .values_list("action", "summary")
    ) == [
        ("create", "family member added: child"),
        ("delete", "family member removed"),
    ]


def test_family_member_needs_name_and_relationship(client, case, legal):
    client.force_login(legal)
    response = client.post(intake_url(case, "family"), {"name": "", "relationship": ""})
    assert set(response.context["form"].errors) == {"name", "relationship"}
    assert FamilyMember.objects.count() == 0


def test_family_member_sent_twice_is_added_once(client, case, legal):
    client.force_login(legal)
    data = {"name": "Rosa", "relationship": "child", "date_of_birth": "2015-02-01"}
    client.post(intake_url(case, "family"), data)
    response = client.post(intake_url(case, "family"), {**data, "name": " rosa "})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This family member is already on the case, with the same name, relationship and date of birth."
    ]
    assert FamilyMember.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="uvisa.familymember").count() == 1


def test_family_member_with_the_same_name_and_another_relationship_or_birth_date_is_added(
    client, case, legal
):
    FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    client.force_login(legal)
    url = intake_url(case, "family")
    client.post(url, {"name": "Rosa", "relationship": "sibling"})
    client.post(url, {"name": "Rosa", "relationship": "child", "date_of_birth": "2015-02-01"})
    assert list(FamilyMember.objects.values_list("relationship", flat=True)) == ["child", "sibling", "child"]


def test_family_member_sent_twice_is_refused_in_spanish(client, case, organization):
    FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    client.force_login(member("legal", organization, language="es"))
    response = client.post(intake_url(case, "family"), {"name": "Rosa", "relationship": "child"})
    assert response.context["form"].non_field_errors() == [
        "Este familiar ya figura en el caso, con el mismo nombre, parentesco y fecha de nacimiento."
    ]
    assert FamilyMember.objects.count() == 1


def test_removing_another_cases_family_member_is_refused(client, case, legal, organization):
    other = ClientCase.objects.create(organization=organization, created_by=legal)
    member = FamilyMember.objects.create(case=other, name="Rosa", relationship="child")
    client.force_login(legal)
    response = client.post(reverse("uvisa:family_remove", args=[case.uuid]), {"record": str(member.uuid)})
    assert messages_of(response) == ["That family member is not on this case."]
    assert FamilyMember.objects.count() == 1


ON = datetime.date(2027, 1, 10)


@pytest.mark.parametrize(
    ("principal_born", "relationship", "born", "married", "expected"),
    [
        # Principal 21 or older: spouse and children only.
        (datetime.date(1990, 1, 1), "spouse", None, False, True),
        (datetime.date(1990, 1, 1), "child", None, False, True),
        (datetime.date(1990, 1, 1), "parent", None, False, False),
        (datetime.date(1990, 1, 1), "sibling", datetime.date(2015, 1, 1), False, False),
        # Principal under 21: also parents and unmarried siblings under 18.
        (datetime.date(2007, 1, 1), "parent", None, False, True),
        (datetime.date(2007, 1, 1), "sibling", datetime.date(2010, 1, 1), False, True),
        (datetime.date(2007, 1, 1), "sibling", datetime.date(2009, 1, 10), False, False),  # 18 that day
        (datetime.date(2007, 1, 1), "sibling", datetime.date(2010, 1, 1), True, False),  # married
        (datetime.date(2007, 1, 1), "sibling", None, False, None),  # sibling's age unknown
        (datetime.date(2006, 1, 11), "parent", None, False, True),  # 20, turns 21 tomorrow
        (datetime.date(2006, 1, 10), "parent", None, False, False),  # 21 that day
        (None, "parent", None, False, None),  # principal's age unknown
    ],
)
def test_derivatives_follow_the_under_21_rule(
    organization, legal, principal_born, relationship, born, married, expected
):
    case = ClientCase.objects.create(
        organization=organization, created_by=legal, date_of_birth=principal_born
    )
    member = FamilyMember(case=case, name="X", relationship=relationship, date_of_birth=born, married=married)
    assert member.may_be_derivative(ON) is expected


def test_family_member_who_took_part_in_the_crime_never_qualifies(organization, legal):
    case = ClientCase.objects.create(organization=organization, created_by=legal)
    assert FamilyMember(case=case, relationship="spouse", implicated=True).may_be_derivative(ON) is False


@pytest.mark.parametrize("step", ClientCase.INTAKE_STEPS)
def test_every_step_is_shown_in_spanish(client, case, organization, step):
    from tests.factories import member

    FamilyMember.objects.create(case=case, name="Rosa", relationship="child")
    client.force_login(member("legal", organization, language="es"))
    response = client.get(intake_url(case, step))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Entrevista inicial" in html
    assert "Cada paso se guarda por separado" in html


def test_a_step_left_blank_is_still_saved(client, case, legal):
    client.force_login(legal)
    response = client.post(intake_url(case, "trafficking"), {})
    assert response["Location"] == intake_url(case, "trafficking")
    case.refresh_from_db()
    assert (case.intake_saved, case.trafficking_indicated) == (["trafficking"], None)
