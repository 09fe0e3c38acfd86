"""Production configuration: the site refuses to start without what it needs, and passes check --deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 30 + "-production-secret-key-with-enough-entropy-9f3k2",
    "ALLOWED_HOSTS": "casedesk.example.org",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "AUDIT_CHAIN_KEYS": Fernet.generate_key().decode(),
}


def run_manage(tmp_path, *args, **env_changes):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DATABASE_URL"}
    env.update(PRODUCTION, VAR_DIR=str(tmp_path), **env_changes)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_manage(tmp_path, "check", SECRET_KEY=None)
    assert result.returncode == 1
    assert "SECRET_KEY is not set: it must be a long random string (50 characters or more)." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_manage(tmp_path, "check", ALLOWED_HOSTS=None)
    assert result.returncode == 1
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_refuses_to_start_without_encryption_key(tmp_path):
    result = run_manage(tmp_path, "check", FIELD_ENCRYPTION_KEYS=None)
    assert result.returncode == 1
    assert (
        "FIELD_ENCRYPTION_KEYS is not set: it must be one or more comma-separated Fernet keys."
        in result.stderr
    )


def test_a_malformed_encryption_key_is_named(tmp_path):
    result = run_manage(tmp_path, "check", FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode() + ",short")
    assert result.returncode == 1
    assert "FIELD_ENCRYPTION_KEYS: key 2 is not a Fernet key" in result.stderr


def test_production_refuses_to_start_without_audit_chain_key(tmp_path):
    result = run_manage(tmp_path, "check", AUDIT_CHAIN_KEYS=None)
    assert result.returncode == 1
    assert (
        "AUDIT_CHAIN_KEYS is not set: it must be one or more comma-separated keys of 32 random bytes "
        "(url-safe base64). It is required when DEBUG is off." in result.stderr
    )


def test_a_malformed_audit_chain_key_is_named(tmp_path):
    result = run_manage(tmp_path, "check", AUDIT_CHAIN_KEYS=Fernet.generate_key().decode() + ",tooshort")
    assert result.returncode == 1
    assert "AUDIT_CHAIN_KEYS: key 2 is not 32 or more random bytes in url-safe base64." in result.stderr


def test_a_site_url_without_its_scheme_is_named(tmp_path):
    result = run_manage(tmp_path, "check", SITE_URL="casedesk.example.org")
    assert result.returncode == 1
    assert (
        "SITE_URL must be the site's address starting with https:// (e.g. https://casedesk.example.org); "
        "it is 'casedesk.example.org'." in result.stderr
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_development_generates_its_secrets_into_var(tmp_path):
    result = run_manage(
        tmp_path, "check", DEBUG="true", SECRET_KEY=None, FIELD_ENCRYPTION_KEYS=None, ALLOWED_HOSTS=None
    )
    assert result.returncode == 0, result.stderr
    secrets_file = tmp_path / "dev-secrets.json"
    assert sorted(__import__("json").loads(secrets_file.read_text())) == [
        "AUDIT_CHAIN_KEYS",
        "DEMO_PASSWORD",
        "FIELD_ENCRYPTION_KEYS",
        "SECRET_KEY",
    ]
    assert oct(secrets_file.stat().st_mode & 0o777) == "0o600"


def test_s3_bucket_switches_file_storage_to_private_s3(tmp_path):
    script = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.default_acl, s.querystring_auth, s.file_overwrite)"
    )
    result = run_manage(
        tmp_path, "shell", "--no-imports", "-c", script, S3_BUCKET="casedesk-files", S3_REGION="us-east-2"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "S3Storage casedesk-files private True False"


def clean_environment(**values):
    """What a newcomer's shell has: no DEBUG, no VAR_DIR, no DATABASE_URL, no Django settings module."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {**keep, **values}


def test_importing_settings_writes_no_file(tmp_path):
    var_dir = tmp_path / "var"
    result = subprocess.run(
        [sys.executable, "-c", "import power_campaign.settings as s; print(s.DEBUG, s.SECRET_KEY != '')"],
        cwd=ROOT,
        env=clean_environment(DEBUG="true", VAR_DIR=str(var_dir)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True True\n"
    assert list(tmp_path.iterdir()) == []


def test_development_secrets_are_kept_across_restarts(tmp_path):
    script = "from django.conf import settings; print(settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEYS[0])"
    first = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        script,
        DEBUG="true",
        SECRET_KEY=None,
        FIELD_ENCRYPTION_KEYS=None,
        ALLOWED_HOSTS=None,
    )
    second = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        script,
        DEBUG="true",
        SECRET_KEY=None,
        FIELD_ENCRYPTION_KEYS=None,
        ALLOWED_HOSTS=None,
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    kept = json.loads((tmp_path / "dev-secrets.json").read_text())
    assert first.stdout == f"{kept['SECRET_KEY']} {kept['FIELD_ENCRYPTION_KEYS']}\n"


def test_bare_pytest_runs_from_the_project_root_in_a_clean_environment(tmp_path):
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "pytest"),
            "tests/test_deadlines.py::test_collect_answers_nothing_for_a_subject_no_app_knows",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=clean_environment(TMPDIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert list(tmp_path.glob("power-campaign-tests-*")) == []  # the temporary VAR_DIR is gone


def test_a_timestamp_authority_address_that_is_not_http_is_refused(tmp_path):
    result = run_manage(tmp_path, "check", SIGNING_TSA_URL="tsa.example.org/tsr")
    assert result.returncode == 1
    assert (
        "SIGNING_TSA_URL must be the http:// or https:// address of an RFC 3161 timestamp authority "
        "(it is 'tsa.example.org/tsr')." in result.stderr
    )


def test_missing_timestamp_authority_roots_are_named(tmp_path):
    result = run_manage(tmp_path, "check", SIGNING_TSA_ROOTS=str(tmp_path / "none.pem"))
    assert result.returncode == 1
    assert (
        f"SIGNING_TSA_ROOTS must name a PEM file of CA certificates (there is no file "
        f"'{tmp_path / 'none.pem'}')." in result.stderr
    )
