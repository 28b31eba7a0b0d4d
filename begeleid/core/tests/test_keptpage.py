"""Whole pages kept per session until what they show changes (core.pagecache.keeps_page,
KeptPageMiddleware, decision 28).

Each test reads a page through the real request chain. A page served whole is the same
response as the one built, reads nothing from the database (it is served before the person
is read), and still logs the access it stands for; any write that could change what the
viewer may see or is shown makes the next request build the page again, through the
view's own permission check.
"""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AccessEvent
from begeleid.formative.models import Notification
from begeleid.formative.services.feedback import record_feedback
from begeleid.programmes.models import SupervisionAssignment


def _timeline(cast):
    return reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})


def _read(client, url):
    """The response and its queries, but for the session's own read (without Redis the
    tests keep sessions in the database; in production they come from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [
        q["sql"] for q in queries.captured_queries if '"django_session"' not in q["sql"]
    ]


@pytest.fixture
def supervisor(cast, login):
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))  # the CSRF cookie
    return client


@pytest.mark.parametrize("page", ["reports:home", "formative:feedback_create"])
def test_a_page_is_served_whole_without_reading_the_database(cast, supervisor, page):
    url = reverse(page, kwargs={"uuid": cast.enrolment.uuid} if "feedback" in page else {})
    built, built_queries = _read(supervisor, url)
    served, served_queries = _read(supervisor, url)
    assert built.status_code == served.status_code == 200
    assert served.content == built.content
    assert built_queries
    assert served_queries == []
    # The headers the middleware around it adds are there as on a built page.
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options"):
        assert served[header] == built[header]


def test_a_served_timeline_logs_the_access_each_time(cast, supervisor):
    built, _ = _read(supervisor, _timeline(cast))
    served, served_queries = _read(supervisor, _timeline(cast))
    assert served.content == built.content
    # The only query is the access log's insert.
    assert len(served_queries) == 1 and "INSERT" in served_queries[0]
    events = AccessEvent.objects.filter(viewer=cast.supervisor, subject=cast.learner)
    assert events.count() == 2
    last = events.latest("id")
    assert last.organisation_id == cast.learner.organisation_id
    assert last.path == _timeline(cast)
    assert last.what == "tijdlijn leerdossier"


def test_the_learners_own_timeline_logs_nothing(cast, login):
    client = login(cast.learner)
    client.get(reverse("reports:home"))
    _read(client, _timeline(cast))
    _, served_queries = _read(client, _timeline(cast))
    assert served_queries == []
    assert not AccessEvent.objects.filter(subject=cast.learner).exists()


def test_an_ended_assignment_refuses_the_next_request(cast, supervisor):
    assert _read(supervisor, _timeline(cast))[0].status_code == 200
    assert _read(supervisor, _timeline(cast))[1]  # served
    SupervisionAssignment.objects.filter(enrolment=cast.enrolment, person=cast.supervisor).update(
        valid_until=timezone.localdate()
    )
    response, _ = _read(supervisor, _timeline(cast))
    assert response.status_code in (403, 404)


def test_a_deactivated_person_is_not_served(cast, supervisor):
    _read(supervisor, reverse("reports:home"))
    cast.supervisor.is_active = False
    cast.supervisor.save(update_fields=["is_active"])
    response, _ = _read(supervisor, reverse("reports:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_after_logging_out_nothing_is_served(cast, supervisor):
    _read(supervisor, reverse("reports:home"))
    supervisor.post(reverse("accounts:logout"))
    response, _ = _read(supervisor, reverse("reports:home"))
    assert response.status_code == 302


def test_another_session_of_the_same_person_builds_its_own_page(cast, supervisor):
    _read(supervisor, reverse("reports:home"))
    other = Client()
    other.force_login(cast.supervisor)
    other.cookies["csrftoken"] = supervisor.cookies["csrftoken"].value
    _, queries = _read(other, reverse("reports:home"))
    assert queries


def test_a_change_to_the_record_shows_on_the_next_request(cast, supervisor):
    before, _ = _read(supervisor, _timeline(cast))
    record_feedback(
        enrolment=cast.enrolment, by=cast.supervisor, kind="feedback", narrative="Net gegeven"
    )
    after, queries = _read(supervisor, _timeline(cast))
    assert "Net gegeven" not in before.content.decode()
    assert "Net gegeven" in after.content.decode()
    assert len(queries) > 1


def _leave_message(client, text):
    """A message waiting for the next page, as a redirect after a saved form leaves it."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.INFO, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value


def test_a_waiting_message_is_shown_once_and_never_kept(cast, supervisor):
    _read(supervisor, reverse("reports:home"))
    kept, _ = _read(supervisor, reverse("reports:home"))
    _leave_message(supervisor, "Eenmalige melding")
    shown, queries = _read(supervisor, reverse("reports:home"))
    again, _ = _read(supervisor, reverse("reports:home"))
    assert "Eenmalige melding" in shown.content.decode() and queries
    assert "Eenmalige melding" not in again.content.decode()
    assert "Eenmalige melding" not in kept.content.decode()


def test_switched_off_every_request_builds(cast, supervisor, settings):
    settings.PAGE_BODY_CACHE = False
    _read(supervisor, reverse("reports:home"))
    _, queries = _read(supervisor, reverse("reports:home"))
    assert queries


def test_a_page_of_another_view_is_never_kept(cast, supervisor):
    url = reverse("formative:overview")
    _read(supervisor, url)
    _, queries = _read(supervisor, url)
    assert queries


def test_with_sessions_in_the_cache_a_served_page_reads_no_database(cast, settings):
    # As in production (REDIS_URL): the session comes from the cache, with the kept
    # page, in one round trip; nothing is read from the database.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = Client()
    client.force_login(cast.supervisor)
    client.get(reverse("reports:home"))
    built = client.get(reverse("reports:home"))
    with CaptureQueriesContext(connection) as queries:
        served = client.get(reverse("reports:home"))
    assert served.content == built.content
    assert queries.captured_queries == []
    # A session the cache lost is read from the database, and the page still served.
    cache.delete(client.session.cache_key)
    again, left = _read(client, reverse("reports:home"))
    assert again.content == built.content and left == []
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("reports:home")).status_code == 302


def test_a_notification_moves_its_recipients_home_only(cast, login):
    clients = {}
    for role in ("learner", "other_learner", "team_leader"):
        client = clients[role] = Client()
        client.force_login(getattr(cast, role))
        client.get(reverse("reports:home"))
        _read(client, reverse("reports:home"))
    # Feedback for another learner of the same team: a notification to that learner.
    record_feedback(
        enrolment=cast.other_enrolment,
        by=cast.practice_trainer,
        kind="feedback",
        narrative="Voor Olaf",
    )
    assert _read(clients["learner"], reverse("reports:home"))[1] == []
    assert _read(clients["team_leader"], reverse("reports:home"))[1] == []
    shown, queries = _read(clients["other_learner"], reverse("reports:home"))
    assert queries and "1 ongelezen melding" in shown.content.decode()


@pytest.mark.parametrize(
    "role",
    ["learner", "supervisor", "specialist", "practice_trainer", "team_leader", "assessor", "hr"],
)
def test_the_homes_of_the_learner_and_guides_show_no_feedback(
    cast, role, build_pages, time_machine
):
    """The guard of what feedback moves (formative.apps): a feedback moves its record's
    pages (the timeline) and no home, so no home may show feedback. Only the notification
    about it reaches a home (and moves its recipient's). A section that starts showing
    feedback fails here: make feedback move the scope that home depends on."""
    time_machine.move_to(timezone.now(), tick=False)
    client = Client()
    client.force_login(getattr(cast, role))

    def home():
        page = client.get(reverse("reports:home")).content.decode()
        body = page[page.index("<main") : page.index("</main>")]
        # The header's CSRF mask differs per request; the body carries none of its own.
        return body

    before = home()
    record_feedback(
        enrolment=cast.enrolment, by=cast.supervisor, kind="feedback", narrative="Goed gedaan"
    )
    Notification.objects.all().delete()
    assert home() == before
