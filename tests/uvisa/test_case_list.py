"""The U-visa case list at scale: 25 cases a page, newest first, without reading the encrypted fields."""

import pytest
from django.urls import reverse

from tests.factories import without_tokens
from tests.uvisa.factories import ClientCaseFactory

pytestmark = pytest.mark.django_db

URL = reverse("uvisa:case_list")


def test_case_list_is_paginated_newest_first(client, organization, site, legal):
    cases = [ClientCaseFactory(organization=organization, worksite=site, created_by=legal) for _ in range(26)]
    client.force_login(legal)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    newest_first = sorted(cases, key=lambda case: (case.created_at, case.pk), reverse=True)
    assert list(first.context["cases"]) == newest_first[:25]
    assert list(second.context["cases"]) == [newest_first[25]]
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert f'<a href="{cases[0].get_absolute_url()}">{cases[0].code}</a>' in second.content.decode()
    assert "Acme Poultry" in second.content.decode()


def test_case_list_reads_no_encrypted_field(client, organization, site, legal):
    ClientCaseFactory(organization=organization, worksite=site, created_by=legal, client_name="Rosa Díaz")
    client.force_login(legal)

    response = client.get(URL)

    (case,) = response.context["cases"]
    assert case.get_deferred_fields() >= {"client_name", "facts", "address", "a_number"}
    assert "Rosa" not in without_tokens(response.content.decode())
