import json

from django.db import connection
from django.urls import reverse


def test_health_answers_ok_when_the_database_answers(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_does_not(client, db, settings, monkeypatch):
    def broken_cursor(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("database is gone")

    # The database driver is not our code: we make the connection itself fail, and
    # restore it before the test database is torn down.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unavailable"}


def test_every_response_carries_a_request_id(client, db):
    response = client.get(reverse("core:health"), headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    generated = client.get(reverse("core:health"))["X-Request-ID"]
    assert len(generated) == 32


def test_strict_content_security_policy_is_sent(client, db):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_ui_is_dutch_even_for_an_english_browser_until_english_is_chosen(client, db):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page["Content-Language"] == "nl"
    assert "Log in met je e-mailadres van het werk." in page.content.decode()
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"))
    assert page["Content-Language"] == "en"
    assert "Log in with your work e-mail address." in page.content.decode()
