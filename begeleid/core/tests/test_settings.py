"""Settings that depend on the environment: sessions from the shared cache only with Redis."""

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
CACHED = "django.contrib.sessions.backends.cached_db"


def _session_engine(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | env
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = (
        "from django.conf import settings; "
        "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_sessions_come_from_the_cache_only_when_every_worker_shares_it():
    assert _session_engine(REDIS_URL="redis://127.0.0.1:6379/9") == (
        f"{CACHED} django.core.cache.backends.redis.RedisCache"
    )
    # The local-memory cache is per process: a logout would not reach the other workers.
    assert _session_engine() == (
        "django.contrib.sessions.backends.db django.core.cache.backends.locmem.LocMemCache"
    )


def test_a_cached_session_ends_at_logout(client, cast, settings):
    settings.SESSION_ENGINE = CACHED
    client.force_login(cast.learner)
    home = reverse("reports:home")
    assert client.get(home).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get(home)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
