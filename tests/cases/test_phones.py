"""Phone numbers: checked and stored in E.164, shown in national format (international for other
countries), the same in the site's form, the admin, the CSV import and export, and for numbers stored
before they were checked."""

import importlib
import pathlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Contact
from power_campaign import phones
from tests.cases.factories import ContactFactory, WorksiteFactory
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("(312) 555-0142", "+13125550142", "(312) 555-0142"),
        ("312.555.0142", "+13125550142", "(312) 555-0142"),
        ("+1 312 555 0142", "+13125550142", "(312) 555-0142"),
        ("+52 55 1234 5678", "+525512345678", "+52 55 1234 5678"),
        ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
        ("", "", ""),
    ],
)
def test_phone_is_stored_in_e164_and_shown_in_the_format_of_its_country(typed, stored, shown):
    assert (phones.parse(typed), phones.display(phones.parse(typed))) == (stored, shown)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("555-12", "invalid_phone"),
        ("call the shop", "invalid_phone"),
        ("(312) 555-0142 x12", "phone_extension"),
    ],
)
def test_phone_that_is_not_a_whole_number_is_refused(typed, code):
    with pytest.raises(ValidationError) as refused:
        phones.parse(typed)
    assert refused.value.code == code


def test_phone_display_leaves_a_value_that_is_not_a_number_as_it_is():
    assert (phones.display("call the shop"), phones.normalized("call the shop")) == (
        "call the shop",
        "call the shop",
    )


def test_contact_form_stores_a_foreign_number_in_e164_and_the_page_shows_it_internationally(
    client, organizer, site
):
    client.force_login(organizer)
    data = {"name": "Rosa", "preferred_language": "es", "committee_role": "leader"}

    client.post(
        reverse("cases:contact_create", args=[site.uuid]),
        {**data, "phone": "+52 55 1234 5678", "consent_to_contact": "on"},
    )

    assert Contact.objects.get().phone == "+525512345678"
    html = client.get(site.get_absolute_url()).content.decode()
    assert '<a href="tel:+525512345678">+52 55 1234 5678</a>' in html


def test_contact_form_refuses_a_wrong_number_in_spanish_and_keeps_what_was_typed(client, organization, site):
    client.force_login(member("organizer", organization, language="es"))
    data = {"name": "Rosa", "preferred_language": "es", "committee_role": "leader", "phone": "555-12"}

    response = client.post(reverse("cases:contact_create", args=[site.uuid]), data, HTTP_ACCEPT_LANGUAGE="es")

    assert response.context["form"].errors == {
        "phone": [
            "Escriba un número de teléfono que exista, por ejemplo (312) 555-0100, o +52 55 1234 5678 "
            "para otro país."
        ]
    }
    assert 'value="555-12"' in response.content.decode()
    assert Contact.objects.count() == 0


def test_admin_contact_form_stores_e164_and_shows_the_national_format(client, organization):
    staff = member("admin", organization, username="staffadmin", is_staff=True)
    worksite = WorksiteFactory(organization=organization, created_by=staff)
    contact = ContactFactory(worksite=worksite, name="Ana Ruiz", phone="")
    client.force_login(staff)
    url = reverse("admin:cases_contact_change", args=[contact.pk])
    data = {
        "worksite": worksite.pk,
        "name": "Ana Ruiz",
        "preferred_language": "es",
        "committee_role": "leader",
        "phone": "312 555 0177",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "+13125550177"
    assert 'value="(312) 555-0177"' in client.get(url).content.decode()
    refused = client.post(url, {**data, "phone": "555-12"})
    assert refused.context_data["adminform"].form.errors["phone"] == [str(phones.INVALID)]


def test_migration_stores_existing_phones_in_e164_and_leaves_the_unreadable_ones(organization, organizer):
    [path] = pathlib.Path(apps.get_app_config("cases").path, "migrations").glob(
        "*_forget_data_entry_first_contact_and_phones_e164.py"
    )
    to_e164 = importlib.import_module(f"cases.migrations.{path.stem}").phones_to_e164
    worksite = WorksiteFactory(organization=organization, created_by=organizer)
    typed = ["(312) 555-0101", "+52 55 1234 5678", "ask at the shop", ""]
    # As stored before numbers were checked (bulk_create skips Contact.save, which normalizes).
    Contact.objects.bulk_create(
        Contact(worksite=worksite, name=f"W{n}", phone=phone, committee_role="leader", created_by=organizer)
        for n, phone in enumerate(typed)
    )

    to_e164(apps, None)

    assert list(Contact.objects.order_by("name").values_list("phone", flat=True)) == [
        "+13125550101",
        "+525512345678",
        "ask at the shop",
        "",
    ]
