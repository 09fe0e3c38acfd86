"""The worksite and contact CSV export escapes every dangerous first character (the platform's rule)."""

import csv
import io

import pytest
from django.urls import reverse

from cases.models import Contact, Worksite

pytestmark = pytest.mark.django_db

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


def exported_rows(client, kind):
    response = client.get(reverse("cases:export_csv"), {"kind": kind} if kind != "worksites" else {})
    text = response.content.decode().removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_worksite_export_escapes_each_dangerous_prefix(client, organizer, organization, prefix):
    formula = f'{prefix}HYPERLINK("http:example.com","x")'
    Worksite.objects.create(
        organization=organization,
        employer_name=formula,
        dba=formula,
        city=formula,
        state="CA",
        notes=formula,
        created_by=organizer,
    )
    client.force_login(organizer)

    row = exported_rows(client, "worksites")[0]

    assert (row["employer_name"], row["dba"], row["city"], row["notes"]) == ("'" + formula,) * 4


@pytest.mark.parametrize("prefix", PREFIXES)
def test_contact_export_escapes_each_dangerous_prefix(client, organizer, organization, prefix):
    formula = f"{prefix}SUM(1+1)*cmd|' /C calc'!A0"
    short = f"{prefix}cmd|' /C calc'"  # the role column holds 20 characters
    site = Worksite.objects.create(
        organization=organization, employer_name="Acme", city="Fresno", state="CA", created_by=organizer
    )
    Contact.objects.create(worksite=site, name=formula, committee_role=short, created_by=organizer)
    client.force_login(organizer)

    row = exported_rows(client, "contacts")[0]

    assert (row["name"], row["committee_role"]) == ("'" + formula, "'" + short)
