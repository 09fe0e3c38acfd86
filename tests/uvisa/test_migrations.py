"""Data migrations of uvisa, run on rows written before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("uvisa", "0007_case_list_index")]
AFTER = [("uvisa", "0009_closed_case_has_date")]


@pytest.mark.django_db(transaction=True)
def test_closed_cases_without_a_date_are_dated_by_their_last_change(migrated_back):
    executor = migrated_back
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organization = apps.get_model("accounts", "Organization")
    User = apps.get_model("accounts", "User")
    ClientCase = apps.get_model("uvisa", "ClientCase")
    user = User.objects.create(username="legal")
    organization = Organization.objects.create(name="Local 1")
    closed = ClientCase.objects.create(organization=organization, status="closed", created_by=user)
    still_open = ClientCase.objects.create(organization=organization, status="intake", created_by=user)
    changed = ClientCase.objects.get(pk=closed.pk).updated_at

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    ClientCase = executor.loader.project_state(AFTER).apps.get_model("uvisa", "ClientCase")
    dates = dict(ClientCase.objects.values_list("pk", "closed_at"))
    assert dates == {closed.pk: changed, still_open.pk: None}
