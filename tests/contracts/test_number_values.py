"""A proposal's number values (days, months, hours, cents) are whole numbers within their range, checked by
the service whatever calls it, and by the proposal forms; the text values stay text."""

import pytest
from django.urls import reverse

from contracts import seed_text, services
from contracts.models import Proposal
from power_campaign.audit.models import AuditEvent
from tests.contracts.conftest import VALUES
from tests.factories import member

LEAVE_REFUSED = "Days of leave for immigration matters: Enter a whole number from 1 to 365."
REHIRE_REFUSED = "Months to return with seniority: Enter a whole number from 1 to 60."


def value_fields(values):
    return {f"value_{name}": value for name, value in values.items()}


def edit_form(proposal, **values):
    return {"title": proposal.title, "bargaining_unit": proposal.bargaining_unit, **value_fields(values)}


def test_the_number_placeholders_are_the_counts_and_the_others_text():
    assert seed_text.NUMBERS == {
        "notice_hours": 168,
        "notice_days": 90,
        "cure_days": 365,
        "leave_days": 365,
        "rehire_months": 60,
        "training_hours": 80,
        "fund_cents": 100,
    }
    assert set(seed_text.PLACEHOLDERS) - set(seed_text.NUMBERS) == {"employer", "union", "languages"}


@pytest.mark.parametrize("value", ["1", "90", "365"])
def test_a_whole_number_in_range_is_accepted(value):
    assert services.number_error("leave_days", value) is None


@pytest.mark.parametrize(
    "value", ["0", "-3", "366", "muchos", "3.5", "3,5", "1e2", "+3", "٣", "12 días", "9999999999"]
)
def test_anything_else_is_refused_with_the_range(value):
    assert services.number_error("leave_days", value) == "Enter a whole number from 1 to 365."


def test_a_text_placeholder_takes_any_text():
    assert [services.number_error(name, "-3 muchos") for name in ("employer", "union", "languages")] == [
        None,
        None,
        None,
    ]


def test_values_are_kept_stripped_with_numbers_written_plainly():
    values = {"leave_days": " 007 ", "union": " Local 705 ", "languages": "English, Spanish", "cure_days": ""}

    assert services.clean_values(values) == {
        "leave_days": "7",
        "union": "Local 705",
        "languages": "English, Spanish",
    }


def test_update_refuses_every_number_out_of_range_and_saves_nothing(composed, organizer):
    events = AuditEvent.objects.filter(summary="contract proposal edited")

    with pytest.raises(services.ContractError) as error:
        services.update_proposal(
            proposal=composed,
            title="Changed",
            bargaining_unit="Changed",
            values=dict(VALUES, leave_days="-3", rehire_months="muchos"),
            user=organizer,
        )

    assert error.value.messages == [LEAVE_REFUSED, REHIRE_REFUSED]
    assert [e.code for e in error.value.error_list] == ["number", "number"]
    composed.refresh_from_db()
    assert (composed.title, composed.values) == ("First contract", VALUES)
    assert events.count() == 0


def test_create_refuses_a_number_out_of_range_and_saves_nothing(site, organizer):
    with pytest.raises(services.ContractError) as error:
        services.create_proposal(worksite=site, title="C", values={"cure_days": "0"}, user=organizer)

    assert error.value.messages == ["Days to correct documents: Enter a whole number from 1 to 365."]
    assert Proposal.objects.count() == 0
    assert AuditEvent.objects.filter(summary="contract proposal drafted").count() == 0


def test_edit_page_refuses_numbers_out_of_range_and_saves_nothing(client, organizer, composed):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_edit", args=[composed.uuid]),
        {**edit_form(composed, **dict(VALUES, leave_days="-3", rehire_months="muchos")), "title": "Changed"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "value_leave_days": ["Enter a whole number from 1 to 365."],
        "value_rehire_months": ["Enter a whole number from 1 to 60."],
    }
    page = response.content.decode()
    assert f'<a href="#id_value_leave_days">{LEAVE_REFUSED}</a>' in page  # the summary names the field
    composed.refresh_from_db()
    assert (composed.title, composed.values) == ("First contract", VALUES)
    assert AuditEvent.objects.filter(summary="contract proposal edited").count() == 0


def test_edit_page_saves_a_number_in_range_written_plainly(client, organizer, composed):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_edit", args=[composed.uuid]),
        edit_form(composed, **dict(VALUES, leave_days="090", rehire_months="60")),
    )

    assert response.status_code == 302
    composed.refresh_from_db()
    assert composed.values == dict(VALUES, leave_days="90", rehire_months="60")
    assert AuditEvent.objects.filter(summary="contract proposal edited").count() == 1


def test_edit_page_in_spanish_names_the_field_in_spanish(client, organization, composed):
    client.force_login(member("organizer", organization, language="es", username="organizadora"))

    response = client.post(
        reverse("contracts:proposal_edit", args=[composed.uuid]),
        edit_form(composed, **dict(VALUES, leave_days="-3")),
    )

    assert response.status_code == 200
    assert response.context["form"]["value_leave_days"].label == "Días de permiso para asuntos migratorios"
    assert list(response.context["form"].errors) == ["value_leave_days"]


def test_create_page_refuses_a_number_out_of_range_and_saves_nothing(client, organizer, site):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_create", args=[site.uuid]),
        {"title": "First contract", **value_fields({"employer": "Acme", "notice_hours": "200"})},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"value_notice_hours": ["Enter a whole number from 1 to 168."]}
    assert Proposal.objects.count() == 0


def test_edit_page_says_the_range_of_each_number(client, organizer, composed):
    client.force_login(organizer)

    form = client.get(reverse("contracts:proposal_edit", args=[composed.uuid])).context["form"]

    assert form["value_leave_days"].help_text == "A whole number from 1 to 365."
    assert form["value_leave_days"].field.widget.attrs["inputmode"] == "numeric"
    union = form["value_union"]
    assert (union.help_text, "inputmode" in union.field.widget.attrs) == ("", False)


# Values stored before numbers were checked


@pytest.fixture
def stored_wrong(composed):
    wrong = dict(VALUES, notice_days="-3", rehire_months="muchos")
    Proposal.objects.filter(pk=composed.pk).update(values=wrong)
    composed.refresh_from_db()
    return composed


def test_pages_still_show_a_proposal_with_a_wrong_stored_value(client, organizer, stored_wrong):
    client.force_login(organizer)

    detail = client.get(stored_wrong.get_absolute_url())
    edit = client.get(reverse("contracts:proposal_edit", args=[stored_wrong.uuid]))

    assert detail.status_code == 200
    assert detail.context["refused"] == [
        "Days to give written notice: Enter a whole number from 1 to 90.",
        "Months to return with seniority: Enter a whole number from 1 to 60.",
    ]
    warning = "Days to give written notice: Enter a whole number from 1 to 90."
    assert f'<p class="message message-warning">{warning}</p>' in detail.content.decode()
    assert edit.status_code == 200
    assert edit.context["form"]["value_rehire_months"].value() == "muchos"  # shown, to be corrected


def test_exports_refuse_a_wrong_stored_value_the_contract_uses(client, organizer, stored_wrong):
    """The composed proposal uses {notice_days}, not {rehire_months}: only the first stops an export."""
    client.force_login(organizer)

    response = client.get(
        reverse("contracts:proposal_docx", args=[stored_wrong.uuid]), {"language": "en"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Days to give written notice: Enter a whole number from 1 to 90."
    ]
    assert AuditEvent.objects.filter(action="export").count() == 0
