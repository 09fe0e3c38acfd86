"""`/health/`: whether this process reaches the database and the file storage.

For load balancers, container health checks and uptime monitors: no sign-in, no personal data, the
answer is `{"database": "ok", "storage": "ok"}` with 200, or the same keys with "error" and 503. It runs
one trivial query and writes, reads back and deletes a small probe file through the default storage
(the media folder or the S3 bucket), so a full disk or revoked bucket credentials show up here.

`HealthCheckMiddleware`, first in MIDDLEWARE, answers `GET /health/` before the rest of the stack: a load
balancer checks each machine by its own address over plain HTTP, which ALLOWED_HOSTS and the HTTPS
redirect would otherwise refuse, and these checks stay out of the request log. The URL pattern serves
the same view for any other method (405) and for `reverse()`.
"""

import logging
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger("power_campaign.health")

PATH = "/health/"
PROBE = b"power-campaign health probe\n"


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:
        logger.error("health check: the database failed (%s)", type(error).__name__)
        return False


def storage_ok():
    name = f"health/{uuid.uuid4().hex}.probe"
    saved = None
    try:
        saved = default_storage.save(name, ContentFile(PROBE))
        with default_storage.open(saved, "rb") as probe:
            return probe.read() == PROBE
    except Exception as error:
        logger.error("health check: the file storage failed (%s)", type(error).__name__)
        return False
    finally:
        if saved:
            try:
                default_storage.delete(saved)
            except Exception as error:
                logger.error("health check: the probe file could not be deleted (%s)", type(error).__name__)


@login_not_required
@require_GET
def health(request):
    checks = {"database": database_ok(), "storage": storage_ok()}
    response = JsonResponse(
        {name: "ok" if ok else "error" for name, ok in checks.items()},
        status=200 if all(checks.values()) else 503,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answer `GET /health/` before host validation, the HTTPS redirect, sessions and the request log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path_info == PATH:
            return health(request)
        return self.get_response(request)
