"""A record's URL without `reverse` at each call (power_campaign/links.py)."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from power_campaign.links import record_url


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_record_url_is_what_reverse_writes(script_prefix):
    key = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-901234567890")
    assert record_url("cases:incident", key) == reverse("cases:incident", args=[key])
    assert record_url("cases:incident", key) == "/worksites/incidents/6f1c2d3e-4b5a-4c6d-8e7f-901234567890/"
    assert record_url("cases:contact_edit", key) == f"/worksites/contacts/{key}/edit/"

    script_prefix("/desk/")  # a site mounted under a path
    assert record_url("cases:incident", key) == f"/desk/worksites/incidents/{key}/"


def test_record_url_leaves_anything_but_a_uuid_to_reverse():
    key = "6f1c2d3e-4b5a-4c6d-8e7f-901234567890"
    assert record_url("cases:incident", key) == f"/worksites/incidents/{key}/"
    with pytest.raises(NoReverseMatch):
        record_url("cases:incident", "not-a-uuid")
