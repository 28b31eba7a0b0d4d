"""Dashboards and the model at a glance are served from a snapshot (quality.snapshots):
built once per scope and language, shown with the moment they were computed, rebuilt by
the worker or on request."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from begeleid.quality import snapshots

from .test_dashboards import _add_enrolments

pytestmark = pytest.mark.django_db


def _learners(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["board"].learner_count, response.content.decode()


def test_the_dashboard_is_served_from_its_snapshot_until_refreshed(client, cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(cast.hr)
    url = reverse("quality:organisation_dashboard")
    first, page = _learners(client, url)
    assert "Cijfers berekend op" in page
    assert "Nu bijwerken" in page

    _add_enrolments(cast, 2)
    assert _learners(client, url)[0] == first  # the snapshot, not the new data

    # A refresh right after the last one keeps the snapshot (no rebuild on every click).
    assert client.post(url).status_code == 302
    assert _learners(client, url)[0] == first

    time_machine.shift(datetime.timedelta(seconds=snapshots.MIN_REFRESH_SECONDS + 1))
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    assert _learners(client, url)[0] == first + 2


def test_a_snapshot_expires_after_its_age(client, cast, settings):
    settings.QUALITY_SNAPSHOT_SECONDS = 0  # the cache keeps nothing: built every time
    client.force_login(cast.team_leader)
    url = reverse("quality:team_dashboard", args=[cast.team.uuid])
    first, _page = _learners(client, url)
    _add_enrolments(cast, 1)
    assert _learners(client, url)[0] == first + 1


def test_a_served_snapshot_costs_a_few_queries_whatever_the_data(client, cast):
    client.force_login(cast.hr)
    urls = [
        reverse("quality:organisation_dashboard"),
        reverse("quality:organisation_glance"),
        reverse("quality:team_dashboard", args=[cast.team.uuid]),
        reverse("quality:team_glance", args=[cast.team.uuid]),
    ]

    def served():
        counts = []
        for url in urls:
            client.get(url)  # builds the snapshot
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    small = served()
    cache.clear()
    _add_enrolments(cast, 3)
    assert served() == small
    # Session, person, roles; the team pages also read the team.
    assert max(small) <= 5


def test_the_worker_builds_every_organisations_snapshots_in_each_language(client, cast):
    call_command("refresh_dashboards")
    for language in ("nl", "en"):
        with translation.override(language):
            for kind in ("dashboard", "glance"):
                kept = cache.get(snapshots._key(kind, cast.organisation.pk, None))
                assert kept is not None
                assert kept.computed_at <= timezone.now()
    client.force_login(cast.hr)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("quality:organisation_dashboard"))
    assert response.status_code == 200
    assert len(captured) <= 4  # served, not built


def test_each_language_has_its_own_snapshot(client, cast):
    client.force_login(cast.hr)
    url = reverse("quality:organisation_dashboard")
    assert "Lerenden per fase" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Lerenden per fase" not in english
    assert "Figures computed on" in english


def test_glance_links_are_decided_per_viewer_after_the_snapshot(client, cast):
    # HR builds the organisation's snapshot; its links stay HR's to follow.
    client.force_login(cast.hr)
    glance = client.get(reverse("quality:team_glance", args=[cast.team.uuid])).context["glance"]
    hr_links = {f.text: f.url for e in glance.elements for f in e.in_place + e.missing}
    client.force_login(cast.team_leader)
    glance = client.get(reverse("quality:team_glance", args=[cast.team.uuid])).context["glance"]
    leader_links = {f.text: f.url for e in glance.elements for f in e.in_place + e.missing}
    assert hr_links.keys() == leader_links.keys()
    # The same findings, but a link HR may follow and the team leader may not is plain text.
    assert any(hr_links[t] and not leader_links[t] for t in hr_links)
