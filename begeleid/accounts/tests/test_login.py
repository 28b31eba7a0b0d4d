from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_login_with_email_and_password_lands_on_home(cast, client):
    response = client.post(
        reverse("accounts:login"), {"username": "LEARNER@test.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:home")
    assert client.get(reverse("reports:home")).context["user"] == cast.learner


def test_login_with_a_wrong_password_says_so_and_keeps_the_email(cast, client):
    response = client.post(
        reverse("accounts:login"), {"username": "learner@test.example", "password": "nope"}
    )
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in response.content.decode()
    assert response.context["form"]["username"].value() == "learner@test.example"


def test_login_is_paused_after_too_many_failures_even_with_the_right_password(
    cast, client, settings
):
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        client.post(
            reverse("accounts:login"), {"username": "learner@test.example", "password": "nope"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "learner@test.example", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert (
        "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_login_rate_limit_message_is_translated(cast, client, settings):
    settings.LOGIN_RATE_LIMIT = 1
    client.post(reverse("accounts:login"), {"username": "learner@test.example", "password": "nope"})
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("accounts:login"), {"username": "learner@test.example", "password": "nope"}
    )
    assert "Too many failed attempts. Try again in 15 minutes." in response.content.decode()


def test_pages_require_login(client, db):
    response = client.get(reverse("reports:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_demo_mode_lists_the_personas_and_normal_mode_does_not(client, db, settings):
    settings.DEMO_MODE = False
    assert "lerende@demo.begeleid.nl" not in client.get(reverse("accounts:login")).content.decode()
    settings.DEMO_MODE = True
    page = client.get(reverse("accounts:login")).content.decode()
    assert "lerende@demo.begeleid.nl" in page
    assert "beheer@demo.begeleid.nl" in page


def test_password_reset_sends_a_working_link(cast, client):
    client.post(reverse("accounts:password_reset"), {"email": "learner@test.example"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Een-nieuw-wachtwoord-7", "new_password2": "Een-nieuw-wachtwoord-7"},
    )
    assert done.status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.check_password("Een-nieuw-wachtwoord-7")


def test_password_reset_for_an_unknown_address_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(cast, login):
    client = login(cast.learner)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nog-een-wachtwoord-9",
            "new_password2": "Nog-een-wachtwoord-9",
        },
    )
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.check_password("Nog-een-wachtwoord-9")


def test_logout_ends_the_session(cast, login):
    client = login(cast.learner)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_profile_shows_my_roles_and_not_others(cast, login):
    response = login(cast.supervisor).get(reverse("accounts:profile"))
    roles = [(m.role, m.team) for m in response.context["memberships"]]
    assert roles == [("supervisor", cast.team)]


def test_denied_permissions_cost_no_queries(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from begeleid.organisations.queries import roles_of

    roles_of(cast.learner)  # the roles are read once per request
    with CaptureQueriesContext(connection) as queries:
        assert cast.learner.has_perm("organisations.manage_organisation") is False
        assert cast.learner.has_perm("auth.change_user") is False
    assert len(queries.captured_queries) == 0
