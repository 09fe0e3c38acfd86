"""gunicorn's settings for the container image and any other deployment:

    gunicorn --config python:power_campaign.ops.gunicorn power_campaign.wsgi

Environment: GUNICORN_BIND (default 0.0.0.0:8000), WEB_CONCURRENCY (worker processes, default 3),
GUNICORN_TIMEOUT (seconds a request may take, default 120: printing a long chronology signs a PDF in the
request), LOG_FORMAT (json or plain, as the site's own logs). No access log: the site logs each request
itself, without the query string (power_campaign/ops/logs.py).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
accesslog = None
control_socket_disable = True
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (heartbeat files, in memory)

_format = os.environ.get("LOG_FORMAT", "plain" if os.environ.get("DEBUG", "").lower() == "true" else "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "power_campaign.ops.logs.JSONFormatter"},
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": _format}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
