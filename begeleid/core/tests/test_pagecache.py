"""Page bodies kept until their data change (core.pagecache, core.freshness).

Each test reads a page twice through the real request chain and checks that the second
read is served from the cache (it makes fewer queries and shows the same body) or, after
a change, that it shows the change.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.core import freshness
from begeleid.core.audit import record_access
from begeleid.formative.models import Feedback, Notification
from begeleid.formative.services.feedback import record_feedback


def _timeline(cast):
    return reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})


def _get(client, url):
    """The page's body (inside <main>: the header carries a per-request CSRF mask) and
    the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")], len(queries)


def _feedback(cast, narrative, by=None):
    return record_feedback(
        enrolment=cast.enrolment, by=by or cast.supervisor, kind="feedback", narrative=narrative
    )


def _version(scope):
    from django.core.cache import cache

    return cache.get(freshness.key(scope))


def test_a_second_read_is_served_from_the_cache_with_fewer_queries(cast, login):
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))  # sets the CSRF cookie
    first, built = _get(client, _timeline(cast))
    second, served = _get(client, _timeline(cast))
    assert second == first
    assert served < built
    home_first, home_built = _get(client, reverse("reports:home"))
    home_second, home_served = _get(client, reverse("reports:home"))
    assert home_second == home_first
    assert home_served < home_built


def test_new_feedback_shows_at_once_on_timeline_and_homes(cast, login, client):
    client.force_login(cast.supervisor)
    client.get(reverse("reports:home"))
    before, _ = _get(client, _timeline(cast))
    _get(client, reverse("reports:home"))
    _feedback(cast, "Mooi gewerkt vandaag")
    after, _ = _get(client, _timeline(cast))
    assert "Mooi gewerkt vandaag" not in before
    assert "Mooi gewerkt vandaag" in after


def test_feedback_moves_the_scopes_of_the_pages_that_show_it(cast):
    scopes = [
        f"enrolment:{cast.enrolment.pk}",  # the record's pages: the timeline
        f"person:{cast.learner.pk}",  # by the learner's notification, not the feedback
    ]
    # No home shows feedback (test_keptpage): not the team's, the organisation's, nor
    # those of the people who guide the learner.
    unrelated = [
        f"enrolment:{cast.other_enrolment.pk}",
        f"team:{cast.enrolment.team_id}",
        f"org:{cast.organisation.pk}",
        f"person:{cast.outsider.pk}",
        f"person:{cast.supervisor.pk}",
    ]
    before = {s: _version(s) for s in scopes + unrelated + [freshness.GLOBAL]}
    _feedback(cast, "Goed overgedragen")
    for scope in scopes:
        assert _version(scope) != before[scope], scope
    for scope in unrelated:
        assert _version(scope) == before[scope], scope
    # Feedback, its competences and the learner's notification are tracked; the audit
    # log is ignored: nothing moved the version every page depends on.
    assert _version(freshness.GLOBAL) == before[freshness.GLOBAL]


def test_the_learners_home_shows_the_new_notification(cast, login):
    client = login(cast.learner)
    client.get(reverse("reports:home"))
    before, _ = _get(client, reverse("reports:home"))
    _feedback(cast, "Goed overgedragen")
    after, _ = _get(client, reverse("reports:home"))
    assert before != after
    assert Notification.objects.filter(recipient=cast.learner, read_at=None).count() == 1
    assert "1 ongelezen melding" in after


def test_any_other_write_moves_every_page(cast, login):
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))
    before, _ = _get(client, _timeline(cast))
    learner = cast.learner
    learner.full_name = "Lies Hernoemd"
    learner.save()
    after, _ = _get(client, _timeline(cast))
    assert "Lies Lerende" in before
    assert "Lies Hernoemd" in after


def test_a_bulk_update_of_a_tracked_table_moves_every_page(cast, login):
    _feedback(cast, "Eerste versie")
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))
    before, _ = _get(client, _timeline(cast))
    # No signal: the write is not covered by a single object's save, so it counts as
    # global.
    Feedback.objects.filter(enrolment=cast.enrolment).update(narrative="Bijgewerkte versie")
    after, _ = _get(client, _timeline(cast))
    assert "Eerste versie" in before
    assert "Bijgewerkte versie" in after


def test_competences_linked_from_either_side(cast):
    feedback = _feedback(cast, "Met competentie")
    scope = f"enrolment:{cast.enrolment.pk}"
    before = (_version(freshness.GLOBAL), _version(scope))
    feedback.competences.add(cast.competence)  # from the feedback: its own scopes
    assert _version(freshness.GLOBAL) == before[0]
    assert _version(scope) != before[1]
    feedback.competences.clear()
    cast.competence.feedback.add(feedback)  # from the competence: only ids, so global
    assert _version(freshness.GLOBAL) != before[0]


def test_logged_views_and_sessions_move_nothing(cast, rf):
    request = rf.get("/")
    request.user = cast.supervisor
    before = _version(freshness.GLOBAL)
    record_access(request=request, subject=cast.learner, what="tijdlijn")
    cast.supervisor.last_login = timezone.now()
    cast.supervisor.save(update_fields=["last_login"])
    assert _version(freshness.GLOBAL) == before


def test_viewers_languages_and_days_do_not_share_a_body(cast, login, client, time_machine):
    evening = timezone.localtime().replace(hour=22, minute=0)
    time_machine.move_to(evening, tick=False)
    client.force_login(cast.learner)
    client.get(reverse("reports:home"))
    learner_page, _ = _get(client, _timeline(cast))
    client.force_login(cast.supervisor)
    client.get(reverse("reports:home"))
    supervisor_page, _ = _get(client, _timeline(cast))
    assert "Reflectie of bewijs toevoegen" in learner_page
    assert "Reflectie of bewijs toevoegen" not in supervisor_page

    _, served = _get(client, _timeline(cast))
    client.cookies["django_language"] = "en"
    english, in_english = _get(client, _timeline(cast))
    assert "Timeline of" in english and in_english > served
    del client.cookies["django_language"]

    _, again = _get(client, _timeline(cast))
    assert again == served
    time_machine.shift(datetime.timedelta(hours=3))  # the next day, within the session
    _, next_day = _get(client, _timeline(cast))
    assert next_day > served


def test_a_body_is_rebuilt_after_its_timeout(cast, login, settings, time_machine):
    settings.PAGE_BODY_TIMEOUT = 60
    time_machine.move_to(timezone.now(), tick=False)
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))
    _, built = _get(client, _timeline(cast))
    _, served = _get(client, _timeline(cast))
    time_machine.shift(datetime.timedelta(seconds=61))
    _, rebuilt = _get(client, _timeline(cast))
    assert served < built and rebuilt == built


def test_switched_off_or_without_csrf_secret_every_read_builds(cast, login, settings):
    client = login(cast.supervisor)
    # No CSRF cookie yet: the first read builds and keeps nothing.
    _, first = _get(client, _timeline(cast))
    _, second = _get(client, _timeline(cast))
    assert second == first
    settings.PAGE_BODY_CACHE = False
    _, third = _get(client, _timeline(cast))
    _, fourth = _get(client, _timeline(cast))
    assert third == fourth == first


def test_the_filter_form_keeps_what_was_asked_per_query(cast, login):
    client = login(cast.supervisor)
    client.get(reverse("reports:home"))
    _feedback(cast, "Alleen feedback")
    everything, _ = _get(client, _timeline(cast))
    moments, _ = _get(client, _timeline(cast) + "?kind=moment")
    assert "Alleen feedback" in everything
    assert "Alleen feedback" not in moments


@pytest.mark.django_db(transaction=True)
def test_versions_move_again_when_the_transaction_commits(cast):
    scope = f"enrolment:{cast.enrolment.pk}"
    before = _version(scope)
    with transaction.atomic():
        _feedback(cast, "In een transactie")
        during = _version(scope)
        assert during != before  # this request's own next read is fresh
    # Another request may have built the page between the write and the commit, from
    # the data as they were: the commit moves the version once more.
    assert _version(scope) not in {before, during}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_keeps_the_versions_of_the_writes_around_it(cast):
    scope = f"enrolment:{cast.enrolment.pk}"
    with transaction.atomic():
        _feedback(cast, "Voor het savepoint")
        try:
            with transaction.atomic():
                freshness.touch(f"person:{cast.outsider.pk}")
                raise RuntimeError
        except RuntimeError:
            pass
        freshness.touch(f"team:{cast.team.pk}")
        after_writes = _version(scope)
    # The commit moved the feedback's scope again, although a savepoint in between was
    # rolled back.
    assert _version(scope) != after_writes


def test_reading_and_mailing_notifications_move_only_the_recipients_home(cast, login):
    from begeleid.formative.services.notifications import mark_all_read, send_immediately

    _feedback(cast, "Met melding")
    notification = Notification.objects.get(recipient=cast.learner)
    home = f"person:{cast.learner.pk}"
    before = (_version(freshness.GLOBAL), _version(home))
    assert send_immediately(notification.pk)  # e-mailed_at: shown on no kept page
    assert (_version(freshness.GLOBAL), _version(home)) == before

    client = login(cast.learner)
    client.get(reverse("reports:home"))
    unread, _ = _get(client, reverse("reports:home"))
    assert mark_all_read(person=cast.learner) == 1
    read, _ = _get(client, reverse("reports:home"))
    assert _version(freshness.GLOBAL) == before[0]
    assert _version(home) != before[1]
    assert "1 ongelezen melding" in unread
    assert "0 ongelezen meldingen" in read


def test_only_tracked_models_can_be_written_quietly():
    from begeleid.programmes.models import Enrolment

    with pytest.raises(ValueError), freshness.writes(Enrolment):
        pass


def test_a_kept_feedback_form_still_saves(cast, login):
    import re

    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    client.get(reverse("reports:home"))
    first, built = _get(client, url)
    second, served = _get(client, url)
    assert second == first and served < built
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second).group(1)
    client.handler.enforce_csrf_checks = True
    response = client.post(
        url, {"csrfmiddlewaretoken": token, "kind": "feedback", "narrative": "Uit de cache"}
    )
    assert response.status_code == 302
    assert Feedback.objects.filter(narrative="Uit de cache").exists()
    client.get(response["Location"])  # shows the message "opgeslagen"
    # The blank form shows no feedback: the next one is still served from the cache.
    _, again = _get(client, url)
    assert again == served


def test_a_refused_feedback_form_keeps_what_was_typed(cast, login):
    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    client.get(reverse("reports:home"))
    client.get(url)
    response = client.post(url, {"kind": "feedback", "narrative": "", "went_well": "Rustig"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rustig" in page and 'class="errorlist"' in page
