"""Several processes, several machines: the cache and sessions in Redis, the rate-limit counts shared, and
no process-local cache in production."""

import socket
import time
import uuid

import pytest

from tests.test_settings import run_manage

REDIS_URL = "redis://127.0.0.1:6379/0"
SHOW_CACHE = (
    "from django.conf import settings as s; "
    "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)"
)


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_redis_url_puts_the_cache_and_the_sessions_cache_in_redis(tmp_path):
    result = run_manage(tmp_path, "shell", "--no-imports", "-c", SHOW_CACHE, REDIS_URL=REDIS_URL)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/0 "
        "django.contrib.sessions.backends.cached_db\n"
    )


def test_production_without_a_cache_setting_shares_a_file_cache_under_var_dir(tmp_path):
    result = run_manage(tmp_path, "shell", "--no-imports", "-c", SHOW_CACHE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"django.core.cache.backends.filebased.FileBasedCache {tmp_path / 'cache'} "
        "django.contrib.sessions.backends.db\n"
    )


def test_the_file_cache_holds_twenty_thousand_entries_unless_told_otherwise(tmp_path):
    show = "from django.conf import settings as s; print(s.CACHES['default']['OPTIONS']['MAX_ENTRIES'])"
    assert run_manage(tmp_path, "shell", "--no-imports", "-c", show).stdout == "20000\n"
    told = run_manage(
        tmp_path, "shell", "--no-imports", "-c", show, CACHE_URL=f"filecache://{tmp_path}/c?max_entries=500"
    )
    assert told.stdout == "500\n", told.stderr


def test_production_refuses_a_cache_of_each_process_alone(tmp_path):
    result = run_manage(tmp_path, "check", CACHE_URL="locmemcache://")
    assert result.returncode == 1
    assert (
        "CACHE_URL is a cache of each process alone: the rate limits must be counted across processes. "
        "Set REDIS_URL (several machines)" in result.stderr
    )


def test_redis_url_and_cache_url_together_are_refused(tmp_path):
    result = run_manage(tmp_path, "check", REDIS_URL=REDIS_URL, CACHE_URL="filecache:///tmp/x")
    assert result.returncode == 1
    assert "Set REDIS_URL or CACHE_URL, not both: REDIS_URL sets the cache." in result.stderr


def test_a_redis_url_that_is_not_redis_is_named(tmp_path):
    result = run_manage(tmp_path, "check", REDIS_URL="10.0.0.5:6379")
    assert result.returncode == 1
    assert (
        "REDIS_URL must be a redis://, rediss:// or unix:// address (e.g. redis://10.0.0.5:6379/0); "
        "it is '10.0.0.5:6379'." in result.stderr
    )


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
def test_two_processes_count_the_same_throttle_in_redis(tmp_path):
    key = uuid.uuid4().hex  # a key no other run uses
    # Both processes count in the same one-minute window, even if a minute turns between their starts.
    now = time.time()
    count = (
        "from power_campaign.throttle import allow; "
        f"print([allow('verify', '{key}', 5, now={now}) for _ in range(3)])"
    )
    first = run_manage(tmp_path, "shell", "--no-imports", "-c", count, REDIS_URL=REDIS_URL)
    second = run_manage(tmp_path, "shell", "--no-imports", "-c", count, REDIS_URL=REDIS_URL)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first.stdout == "[True, True, True]\n"
    assert second.stdout == "[True, True, False]\n"  # the 4th and 5th uses pass, the 6th is refused


def test_a_session_signed_with_a_previous_secret_key_survives_its_rotation(tmp_path):
    """SECRET_KEY_FALLBACKS: rotating the key does not sign everyone out at once."""
    sign = "from django.core import signing; print(signing.dumps('session'))"
    old_key = "o" * 20 + "-an-older-production-secret-key-with-entropy-4h2k"
    signed = run_manage(tmp_path, "shell", "--no-imports", "-c", sign, SECRET_KEY=old_key)
    assert signed.returncode == 0, signed.stderr
    check = f"from django.core import signing; print(signing.loads('{signed.stdout.strip()}'))"
    rotated = run_manage(tmp_path, "shell", "--no-imports", "-c", check, SECRET_KEY_FALLBACKS=old_key)
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout == "session\n"
    refused = run_manage(tmp_path, "shell", "--no-imports", "-c", check)
    assert "BadSignature" in refused.stderr
