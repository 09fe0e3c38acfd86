import json

import pytest
from django.core.files.storage import default_storage
from django.db import connection


@pytest.mark.django_db
def test_health_answers_ok_without_signing_in(client, settings):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "storage": "ok"}
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_health_leaves_no_probe_file_behind(client, settings):
    client.get("/health/")
    assert default_storage.listdir("health") == ([], [])


@pytest.mark.django_db
def test_health_answers_a_host_outside_allowed_hosts_over_plain_http(client, settings):
    """A load balancer checks each machine by its own address, without TLS."""
    settings.ALLOWED_HOSTS = ["casedesk.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "storage": "ok"}


@pytest.mark.django_db
def test_health_is_get_only(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 405


@pytest.mark.django_db
def test_health_reports_storage_that_cannot_be_written_with_503(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "storage": "error"}


@pytest.mark.django_db
def test_health_reports_a_database_that_does_not_answer_with_503(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("the database server is down")

    # The database server is outside the process: its refusal is simulated at the connection.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "error", "storage": "ok"}
