"""Every model change has its migration (the same check CI runs with `make lint`)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit as exit:
        pytest.fail(f"changes without a migration ({exit}):\n{output.getvalue()}")
    assert output.getvalue() == "No changes detected\n"
