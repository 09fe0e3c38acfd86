"""The one settings file. Every value comes from the environment (django-environ).

With DEBUG on and nothing configured, development values (secret key, field-encryption
key, demo password) are generated once and kept in var/dev-secrets.json, which is never committed.
With DEBUG off the site refuses to start until the required variables are set, and says which.

Importing this module writes nothing: the entry points (manage.py, wsgi.py, the test run's conftest.py)
call `prepare_var_dir()` once at start-up, which creates the folders under VAR_DIR and keeps the
development secrets there, so that `make run` finds the same ones after a restart (sessions survive).
"""

import base64
import binascii
import hashlib
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))


DEV_SECRETS_PATH = VAR_DIR / "dev-secrets.json"


def _development_secrets():
    """The development-only secrets kept in var/, or new ones (kept there by `prepare_var_dir()`)."""
    if DEV_SECRETS_PATH.exists():
        kept = json.loads(DEV_SECRETS_PATH.read_text())
        # A var/ made before the audit chain was keyed: a stable key derived from its own secret key.
        derived = hashlib.sha256(b"audit-chain-key:" + kept.get("SECRET_KEY", "").encode()).digest()
        kept.setdefault("AUDIT_CHAIN_KEYS", base64.urlsafe_b64encode(derived).decode())
        return kept
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "AUDIT_CHAIN_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DEMO_PASSWORD": "demo-" + secrets.token_urlsafe(9),
    }


_DEV = _development_secrets() if DEBUG else {}


def _required(name, expects):
    value = env.str(name, default="") or _DEV.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: it must be {expects}. It is required when DEBUG is off."
        )
    return value


SECRET_KEY = _required("SECRET_KEY", "a long random string (50 characters or more)")
# Earlier secret keys, comma-separated, still accepted for what they signed (sessions, reset links) while
# SECRET_KEY is rotated: docs/deploy.md, "Key management".
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set: it must be a comma-separated list of the host names the site answers to "
        "(e.g. casedesk.example.org). It is required when DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The site's address for links in emails sent outside a request (https://casedesk.example.org); without it
# such emails carry the page's path only.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address starting with https:// (e.g. https://casedesk.example.org); "
        f"it is {SITE_URL!r}."
    )


def _fernet_keys(raw):
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode())) == 32
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key (32 bytes, url-safe base64). "
                "Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            )
    return keys


# Comma-separated; the first key encrypts, all keys decrypt (rotation: put the new key first,
# run `manage.py rotate_encryption_keys`, then drop the old key).
FIELD_ENCRYPTION_KEYS = _fernet_keys(
    _required("FIELD_ENCRYPTION_KEYS", "one or more comma-separated Fernet keys")
)



def _audit_chain_keys(raw):
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode() + b"=" * (-len(key) % 4))) >= 32
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"AUDIT_CHAIN_KEYS: key {position} is not 32 or more random bytes in url-safe base64. "
                "Generate one with: python -c 'import base64, secrets; "
                "print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())'"
            )
    return keys


# The audit trail's HMAC keys (kept out of the database), comma-separated: the first key chains new
# events, every key verifies the events written with it (rotation: put a new key first, keep the old ones).
AUDIT_CHAIN_KEYS = _audit_chain_keys(
    _required("AUDIT_CHAIN_KEYS", "one or more comma-separated keys of 32 random bytes (url-safe base64)")
)
# Signed checkpoints of the audit trail's head (manage.py audit_checkpoint, and daily by the task worker)
# are written to this folder and, if set, mailed to these addresses (keep copies away from the server).
AUDIT_CHECKPOINT_DIR = Path(env.str("AUDIT_CHECKPOINT_DIR", default=str(VAR_DIR / "audit-checkpoints")))
AUDIT_CHECKPOINT_EMAILS = env.list("AUDIT_CHECKPOINT_EMAILS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",  # the built-in widget templates, for FORM_RENDERER below
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "power_campaign.accounts",
    "power_campaign.audit",
    "power_campaign.crypto",
    "power_campaign.documents",
    "power_campaign.ops",
    "cases",
    "agreements",
    "uvisa",
    "contracts",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "power_campaign.ops.health.HealthCheckMiddleware",  # GET /health/, before host checks and redirects
    "power_campaign.ops.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "power_campaign.accounts.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "power_campaign.accounts.middleware.UserLanguageMiddleware",
    "power_campaign.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "power_campaign.urls"
WSGI_APPLICATION = "power_campaign.wsgi.application"

# Widgets render through the project's templates (templates/django/forms/ may replace a built-in widget
# template), select boxes in Python: through the template engine they made a list page's filters cost
# milliseconds (power_campaign/forms_renderer.py).
FORM_RENDERER = "power_campaign.forms_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "power_campaign.accounts.context_processors.roles",
                "power_campaign.menu.main_menu",
            ],
            "builtins": ["power_campaign.formats.filters"],  # `date`, faster, in place of Django's
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL is set (postgres://user@host:5432/name).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # .iterator() (every select box of records, the CSV exports) reads with one query rather than by a
    # cursor declared on the server (three round trips a select box), and works behind PgBouncer's
    # transaction pooling.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the rate-limit counts (/verify/, power_campaign/throttle.py); sign-in failures are counted
# in the database. REDIS_URL (several machines): the cache, and the sessions' cache, in Redis. Else
# CACHE_URL; its default is local memory in development and, with DEBUG off, a file cache under VAR_DIR,
# shared by the processes of one machine. With DEBUG off a process-local cache is refused: each process
# would count on its own, multiplying the limits.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    if env.str("CACHE_URL", default=""):
        raise ImproperlyConfigured("Set REDIS_URL or CACHE_URL, not both: REDIS_URL sets the cache.")
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL must be a redis://, rediss:// or unix:// address "
            f"(e.g. redis://10.0.0.5:6379/0); it is {REDIS_URL!r}."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "power-campaign",
        }
    }
    # Sessions stay in the database (they survive a Redis restart) and are read through the cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": env.cache_url(
            "CACHE_URL", default="locmemcache://" if DEBUG else f"filecache://{VAR_DIR / 'cache'}"
        )
    }
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    # Django's default of 300 entries would be reached with a few hundred users' dashboards, and past it
    # the cache deletes a third of its entries at random (rate-limit counts among them) at every write.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
if not DEBUG and CACHES["default"]["BACKEND"] in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
):
    raise ImproperlyConfigured(
        "CACHE_URL is a cache of each process alone: the rate limits must be counted across processes. "
        "Set REDIS_URL (several machines), or CACHE_URL=filecache:///var/lib/power-campaign/cache (one "
        "machine), or leave CACHE_URL unset for a file cache under VAR_DIR."
    )

# Accounts and authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor login: roles that must use a TOTP device. Off in development unless set.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=[] if DEBUG else ["legal", "admin"])
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="POWER Campaign case desk")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Brute-force protection (django-axes): lock a username on this address after AXES_FAILURE_LIMIT failures,
# and everywhere after AXES_USERNAME_FAILURE_LIMIT failures from any addresses (password spraying), both
# counted within the cool-off time (power_campaign/accounts/lockout.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=20)
if not 1 <= AXES_FAILURE_LIMIT <= AXES_USERNAME_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT must be 1 or more, and AXES_USERNAME_FAILURE_LIMIT at least as large "
        f"(they are {AXES_FAILURE_LIMIT} and {AXES_USERNAME_FAILURE_LIMIT})."
    )
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "power_campaign.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "power_campaign.accounts.views.locked_out"
AXES_VERBOSE = False
# django-axes' log lines name the user name and address: logged as "a client" instead (both are in the
# audit trail, which only administrators read).
AXES_CLIENT_STR_CALLABLE = "power_campaign.ops.logs.axes_client_str"

# Email: console in development, SMTP (EMAIL_URL=smtp+tls://user:password@host:587) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ...
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="casedesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Invitations to join an organization: how long the emailed link works.
INVITATION_MAX_AGE = timedelta(hours=env.int("INVITATION_MAX_AGE_HOURS", default=72))
if not timedelta(hours=1) <= INVITATION_MAX_AGE <= timedelta(days=30):
    raise ImproperlyConfigured("INVITATION_MAX_AGE_HOURS must be a number of hours from 1 to 720.")

# Internationalization
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["power_campaign.formats"]  # one date format per language
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_TZ = True

# Static files: vendored, served by WhiteNoise in production.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Uploaded and generated files: local disk (never served at a public URL) or, with S3_BUCKET set,
# an S3-compatible bucket through django-storages.
S3_BUCKET = env.str("S3_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not S3_BUCKET
    else {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Security headers. Production values are the defaults; DEBUG relaxes only what plain-HTTP
# development needs.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    # The proxy sets X-Forwarded-Proto and X-Forwarded-For; lockouts and the audit trail then
    # see the person's address, not the proxy's.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # 0 when the proxy overwrites X-Forwarded-For with the client's address (nginx: $remote_addr).
    AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Documents: PDF signing key and certificate (PKCS#12). Development generates a self-signed one.
SIGNING_PKCS12_PATH = env.str("SIGNING_PKCS12_PATH", default="")
SIGNING_PKCS12_PASSPHRASE = env.str("SIGNING_PKCS12_PASSPHRASE", default="")
SIGNER_NAME = env.str("SIGNER_NAME", default="POWER Campaign")
# An RFC 3161 timestamp authority (an http(s) URL): every signature then carries its trusted timestamp
# (PAdES B-T), and signing fails rather than go without one when it does not answer. Empty: signatures
# carry the signer's clock time only, and documents say so. SIGNING_TSA_ROOTS: a PEM file with the CA
# certificate(s) the authority's certificate chains to (empty: the machine's trusted CAs).
SIGNING_TSA_URL = env.str("SIGNING_TSA_URL", default="")
SIGNING_TSA_ROOTS = env.str("SIGNING_TSA_ROOTS", default="")
SIGNING_TSA_TIMEOUT = env.float("SIGNING_TSA_TIMEOUT", default=10.0)
if SIGNING_TSA_URL and not SIGNING_TSA_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"SIGNING_TSA_URL must be the http:// or https:// address of an RFC 3161 timestamp authority "
        f"(it is {SIGNING_TSA_URL!r})."
    )
if SIGNING_TSA_ROOTS and not Path(SIGNING_TSA_ROOTS).is_file():
    raise ImproperlyConfigured(
        f"SIGNING_TSA_ROOTS must name a PEM file of CA certificates (there is no file {SIGNING_TSA_ROOTS!r})."
    )
if not SIGNING_TSA_TIMEOUT > 0:
    raise ImproperlyConfigured(
        f"SIGNING_TSA_TIMEOUT must be a number of seconds greater than 0 (it is {SIGNING_TSA_TIMEOUT})."
    )
DOCUMENT_UPLOAD_MAX_MB = env.int("DOCUMENT_UPLOAD_MAX_MB", default=25)
EVIDENCE_UPLOAD_MAX_MB = env.int("EVIDENCE_UPLOAD_MAX_MB", default=200)
# The public verification page (/verify/): a file with more revisions (incremental updates) than this is
# not checked, a check stops after this much processor time, and each address may verify this many
# documents a minute (signed-in users: the second number; both counted in the cache, CACHE_URL).
VERIFY_MAX_REVISIONS = env.int("VERIFY_MAX_REVISIONS", default=50)
VERIFY_CPU_SECONDS = env.float("VERIFY_CPU_SECONDS", default=5.0)
VERIFY_PER_MINUTE_ANONYMOUS = env.int("VERIFY_PER_MINUTE_ANONYMOUS", default=10)
VERIFY_PER_MINUTE_SIGNED_IN = env.int("VERIFY_PER_MINUTE_SIGNED_IN", default=60)
# Public signing links (/agreements/sign/...): uses a minute per address, counted in the cache.
SIGNING_LINKS_PER_MINUTE = env.int("SIGNING_LINKS_PER_MINUTE", default=30)
for _name, _value in {
    "VERIFY_MAX_REVISIONS": VERIFY_MAX_REVISIONS,
    "VERIFY_CPU_SECONDS": VERIFY_CPU_SECONDS,
    "VERIFY_PER_MINUTE_ANONYMOUS": VERIFY_PER_MINUTE_ANONYMOUS,
    "VERIFY_PER_MINUTE_SIGNED_IN": VERIFY_PER_MINUTE_SIGNED_IN,
    "SIGNING_LINKS_PER_MINUTE": SIGNING_LINKS_PER_MINUTE,
}.items():
    if not _value > 0:
        raise ImproperlyConfigured(f"{_name} must be a number greater than 0 (it is {_value}).")
# The one pixel limit for uploaded images (evidence photos, packet exhibits): 50 million takes a 48-megapixel
# phone photo and a Letter page scanned at 600 dpi in grey (34 million). It is also the memory, in bytes,
# an image decoded at full size may take: JPEG is decoded at a reduced scale (the shown copy needs no more),
# PNG and WebP must fit in it once decoded (50 MB: 12.5 million colour pixels), so that one upload costs
# about 100 MB at most. Pillow itself refuses images past 178,956,970 pixels.
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=50_000_000)
if not 1_000_000 <= UPLOAD_MAX_IMAGE_PIXELS <= 178_956_970:
    raise ImproperlyConfigured(
        "UPLOAD_MAX_IMAGE_PIXELS must be a number of pixels from 1000000 to 178956970 "
        f"(it is {UPLOAD_MAX_IMAGE_PIXELS})."
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Background tasks (django-tasks): the database queue, worked by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default=_DEV.get("DEMO_PASSWORD", ""))

# Logs go to the console (stderr): JSON lines in production (power_campaign/ops/logs.py: one line per
# request with its id, method, path, status and duration; never the query string, user or address),
# readable lines in development.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain (it is {LOG_FORMAT!r}).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "power_campaign.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "power_campaign.ops.logs.JSONFormatter"},
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


def prepare_var_dir():
    """Create the folders the settings point to and keep the development secrets (DEBUG): called once at
    start-up by each entry point, never at import. Two processes starting at once keep the first one's."""
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not DEBUG:
        return
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders, but wants the folder
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(DEV_SECRETS_PATH, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as file:
        file.write(json.dumps(_DEV, indent=2))
    DEV_SECRETS_PATH.chmod(0o600)
