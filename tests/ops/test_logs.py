import json
import logging
import sys

import pytest

from power_campaign.ops.logs import JSONFormatter

REQUEST_KEYS = ["duration_ms", "level", "logger", "message", "method", "path", "request_id", "status", "time"]


def request_lines(caplog):
    return [
        json.loads(JSONFormatter().format(record))
        for record in caplog.records
        if record.name == "power_campaign.requests"
    ]


@pytest.mark.django_db
def test_a_request_is_logged_as_one_json_line_without_its_query_string(client, organizer, caplog):
    client.force_login(organizer)
    with caplog.at_level(logging.INFO, logger="power_campaign.requests"):
        response = client.get("/worksites/?q=Maria+Lopez&phone=5550142")
    [line] = request_lines(caplog)
    assert sorted(line) == REQUEST_KEYS
    assert line["method"] == "GET"
    assert line["path"] == "/worksites/"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert line["logger"] == "power_campaign.requests"
    assert line["message"] == "GET /worksites/ 200"
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(line)
    for personal in ("Maria", "Lopez", "5550142", "q=", "organizer"):
        assert personal not in text


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="power_campaign.requests"):
        kept = client.get("/login/", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
        replaced = client.get("/login/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert kept["X-Request-ID"] == "lb-7f3a9c2e-0001"
    assert replaced["X-Request-ID"] != "<script>alert(1)</script>"
    assert [line["request_id"] for line in request_lines(caplog)] == [
        "lb-7f3a9c2e-0001",
        replaced["X-Request-ID"],
    ]


@pytest.mark.django_db
def test_a_post_is_logged_without_the_submitted_values(client, caplog):
    with caplog.at_level(logging.INFO, logger="power_campaign.requests"):
        client.post("/login/", {"username": "jperez", "password": "Secreto-2026!"})
    [line] = request_lines(caplog)
    assert (line["method"], line["path"]) == ("POST", "/login/")
    assert "jperez" not in json.dumps(line)
    assert "Secreto" not in json.dumps(line)


def test_an_error_line_names_the_exception_type_but_not_its_message():
    submitted = {"name": "Maria Lopez", "phone": "555-0142"}
    try:
        raise ValueError(f"invalid phone {submitted['phone']} for {submitted['name']}")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/worksites/new/",),
            sys.exc_info(),
        )
    line = json.loads(JSONFormatter().format(record))
    assert line["exception"] == "ValueError"
    assert line["message"] == "Internal Server Error: /worksites/new/"
    assert "Maria" not in json.dumps(line)
    assert "test_logs.py" in line["traceback"]


def test_a_record_never_dumps_the_request_django_attaches():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x/",), None
    )
    record.request = object()
    record.status_code = 404
    line = json.loads(JSONFormatter().format(record))
    assert sorted(line) == ["level", "logger", "message", "request_id", "time"]
