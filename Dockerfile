# The POWER Campaign case desk: one image for the site (gunicorn, the default command) and the task worker
# (compose.yaml runs `manage.py db_worker` from it). Configuration comes from the environment at run time;
# no secret is baked in. docs/deploy.md, "Containers", describes its use.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/var/lib/power-campaign \
    STATIC_ROOT=/srv/power-campaign/staticfiles

# Pango and fonts for WeasyPrint (PDF rendering); the PostgreSQL client for `manage.py backup` / `restore`
# (pg_dump must be at least the server's major version: Debian 12 ships 15).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/power-campaign --create-home \
        --shell /usr/sbin/nologin power-campaign \
    && chmod 0700 /var/lib/power-campaign

WORKDIR /srv/power-campaign

# Dependencies first (a layer reused until pyproject.toml changes): the pinned runtime group.
COPY pyproject.toml ./
RUN pip install "pip==26.3" && pip install --group run

COPY . .

# The Spanish catalogue, and the static files with hashed names (WhiteNoise serves them). collectstatic
# runs with DEBUG off so that it writes the manifest production reads; the keys it needs to start are
# throwaway values of this build step only.
RUN pybabel compile -d locale -D django \
    && key=$(python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
    && DEBUG=false SECRET_KEY="collectstatic-only-$key" ALLOWED_HOSTS=localhost \
       FIELD_ENCRYPTION_KEYS="$key" AUDIT_CHAIN_KEYS="$key" VAR_DIR=/tmp/build \
       python manage.py collectstatic --no-input --verbosity 0 \
    && rm -rf /tmp/build \
    && python -m compileall -q /srv/power-campaign

USER power-campaign
VOLUME ["/var/lib/power-campaign"]
EXPOSE 8000

CMD ["gunicorn", "--config", "python:power_campaign.ops.gunicorn", "power_campaign.wsgi"]
