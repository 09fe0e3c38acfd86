"""Structured logs: one JSON object a line, and one line per request, without personal data.

`RequestLogMiddleware` gives each request an id (the `X-Request-ID` the proxy sent, if it looks like one,
else a new one; returned in the response's `X-Request-ID`) and writes one line when the response is
ready: request id, method, path, status, duration. The query string is never logged (searches and
filters carry names and other personal data), nor the user, the address, headers or any submitted value.
Every other line logged while the request runs carries the same `request_id`.

`JSONFormatter` writes a fixed set of keys (`time`, `level`, `logger`, `message`, `request_id`, and the
request fields above when present, plus `exception` for errors); it never dumps a record's other
attributes (Django attaches the request object to some records).
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

logger = logging.getLogger("power_campaign.requests")

REQUEST_ID = contextvars.ContextVar("request_id", default="")
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")
ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record (empty outside a request)."""

    def filter(self, record):
        record.request_id = REQUEST_ID.get()
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or REQUEST_ID.get(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            kind, _value, tb = record.exc_info
            # The exception's type and where it happened; its message may quote submitted values.
            entry["exception"] = kind.__name__ if kind else ""
            entry["traceback"] = "".join(traceback.format_tb(tb)) if tb else ""
        return json.dumps(entry, ensure_ascii=False)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if ACCEPTED_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            method, path = request.method[:16], request.path[:300]
            logger.info(
                "%s %s %s",
                method,
                path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            REQUEST_ID.reset(token)


def axes_client_str(username, ip_address, user_agent, path_info, request):
    """AXES_CLIENT_STR_CALLABLE: django-axes' log lines without the user name, address or browser."""
    return "a client (see the audit trail)"
