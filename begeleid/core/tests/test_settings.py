"""Settings that depend on the environment: sessions from the shared cache only with Redis;
prepared statements on PostgreSQL unless switched off."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from begeleid.accounts.models import Person

ROOT = Path(__file__).resolve().parents[3]
CACHED = "django.contrib.sessions.backends.cached_db"


def _settings(code, **env) -> str:
    """What ``code`` prints with the settings loaded in a fresh process under ``env``."""
    unset = {"REDIS_URL", "DATABASE_URL", "DATABASE_PREPARE_THRESHOLD"}
    environment = {k: v for k, v in os.environ.items() if k not in unset} | env
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _session_engine(**env) -> str:
    return _settings(
        "from django.conf import settings; "
        "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])",
        **env,
    )


def _database_options(**env) -> str:
    return _settings(
        "from django.conf import settings; "
        "o = settings.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))",
        **env,
    )


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


def test_postgresql_prepares_statements_unless_switched_off():
    postgres = "postgres://postgres@127.0.0.1:5432/test"
    assert _database_options(DATABASE_URL=postgres) == "True 5"
    # Behind a pooler in transaction mode a prepared statement may be on another server
    # connection: switched off, psycopg binds on the client as Django does by default.
    assert _database_options(DATABASE_URL=postgres, DATABASE_PREPARE_THRESHOLD="off") == (
        "None None"
    )
    assert _database_options() == "None None"  # SQLite


@pytest.mark.django_db
def test_a_read_run_five_times_is_prepared_on_postgresql(cast):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL matter")
    learners = Person.objects.values_list("full_name", flat=True)
    for _ in range(6):
        assert list(learners.filter(pk=cast.learner.pk)) == [cast.learner.full_name]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['SELECT "accounts_person"."full_name" AS "full_name" FROM "accounts_person" WHERE%'],
        )
        assert cursor.fetchone()[0] == 1
