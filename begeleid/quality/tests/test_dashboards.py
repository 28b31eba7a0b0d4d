"""Dashboards, the model at a glance and quality reports: happy paths, demo data,
query counts that do not grow with the data, isolation, background jobs."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.demo.generator import generate
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment
from begeleid.quality import jobs
from begeleid.quality.dashboards import build_dashboard
from begeleid.quality.glance import build_glance
from begeleid.quality.models import ReportJob
from begeleid.quality.models.reports import JobStatus, ReportFormat, ReportKind

pytestmark = pytest.mark.django_db


def _add_enrolments(cast, n):
    base = cast.enrolment
    for i in range(n):
        learner = type(cast.learner).objects.create(
            organisation=cast.organisation, email=f"extra{i}@test.example", full_name=f"Extra {i}"
        )
        Enrolment.objects.create(
            organisation=cast.organisation,
            learner=learner,
            version=base.version,
            team=cast.team,
            start_date=base.start_date,
            planned_end_date=base.planned_end_date,
            status=EnrolmentStatus.ACTIVE,
            current_phase=base.current_phase,
        )


def _count(client, url):
    # The figures are built, not served from a snapshot (quality.snapshots).
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_team_dashboard_shows_the_team_figures(client, cast):
    client.force_login(cast.team_leader)
    response = client.get(reverse("quality:team_dashboard", args=[cast.team.uuid]))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.team == cast.team
    assert board.learner_count == 2
    phases = dict(board.phases)
    assert phases["instructie"] == 1
    assert sum(phases.values()) == 2
    assert board.survey is None
    assert "te weinig reacties" in response.content.decode()
    assert "<svg" in response.content.decode()


def test_dashboard_query_count_does_not_grow_with_learners(client, cast):
    client.force_login(cast.hr)
    urls = [
        reverse("quality:team_dashboard", args=[cast.team.uuid]),
        reverse("quality:organisation_dashboard"),
        reverse("quality:team_glance", args=[cast.team.uuid]),
        reverse("quality:organisation_glance"),
    ]
    before = [_count(client, url) for url in urls]
    _add_enrolments(cast, 2)
    after = [_count(client, url) for url in urls]
    assert before == after


def test_dashboard_of_another_organisation_is_not_found(client, cast):
    client.force_login(cast.stranger)
    response = client.get(reverse("quality:team_dashboard", args=[cast.team.uuid]))
    assert response.status_code == 404


def test_organisation_dashboard_counts_only_own_organisation(cast):
    board = build_dashboard(organisation=cast.other_organisation)
    assert board.learner_count == 0
    assert board.sessions == []


def test_retention_counts_completed_learners_still_employed(cast):
    other = cast.other_enrolment
    Enrolment.objects.filter(pk=other.pk).update(status=EnrolmentStatus.COMPLETED)
    board = build_dashboard(organisation=cast.organisation, team=cast.team)
    assert (board.retention.completed, board.retention.still_employed) == (1, 1)
    type(cast.other_learner).objects.filter(pk=cast.other_learner.pk).update(is_active=False)
    board = build_dashboard(organisation=cast.organisation, team=cast.team)
    assert (board.retention.completed, board.retention.still_employed) == (1, 0)


def test_glance_on_demo_data_shows_every_element_with_something_in_place_and_missing():
    ctx = generate("DEMO", seed=1)
    org = ctx.organisations[0]
    glance = build_glance(organisation=org)
    assert [e.number for e in glance.elements] == [1, 2, 3, 4, 5, 6, 7]
    for element in glance.elements:
        assert element.in_place, element.title
        assert element.missing, element.title
    vision = glance.elements[0]
    assert any("gepubliceerd op" in f.text for f in vision.in_place)


def test_report_runs_inline_for_a_small_organisation(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.team_leader)
    today = timezone.localdate()
    response = client.post(
        reverse("quality:report_new"),
        {
            "kind": ReportKind.QUALITY_CYCLE,
            "output": ReportFormat.PDF,
            "team": cast.team.uuid,
            "start": (today - datetime.timedelta(days=90)).isoformat(),
            "end": today.isoformat(),
        },
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert (job.status, job.progress, job.team) == (JobStatus.DONE, 100, cast.team)
    download = client.get(reverse("quality:report_download", args=[job.uuid]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_report_is_queued_above_the_inline_limit_and_run_by_the_command(cast, settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    settings.REPORT_INLINE_MAX_LEARNERS = 1
    today = timezone.localdate()
    job = jobs.request_report(
        organisation=cast.organisation,
        team=None,
        kind=ReportKind.QUALITY_CYCLE,
        output=ReportFormat.CSV,
        start=today - datetime.timedelta(days=30),
        end=today,
        by=cast.hr,
    )
    assert job.status == JobStatus.QUEUED
    call_command("run_report_jobs")
    call_command("run_report_jobs")  # idempotent: nothing left to do
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    text = job.file.read().decode("utf-8-sig")
    assert "Actieve lerenden" in text.splitlines()[1]


def test_model_pdf_is_generated(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    job = jobs.request_report(
        organisation=cast.organisation,
        team=None,
        kind=ReportKind.MODEL,
        output=ReportFormat.PDF,
        start=today,
        end=today,
        by=cast.hr,
    )
    assert job.status == JobStatus.DONE
    assert job.file.read().startswith(b"%PDF")


def test_report_job_page_polls_until_done(client, cast):
    job = ReportJob.objects.create(
        organisation=cast.organisation,
        kind=ReportKind.MODEL,
        output=ReportFormat.PDF,
        requested_by=cast.hr,
    )
    client.force_login(cast.hr)
    response = client.get(
        reverse("quality:report_job", args=[job.uuid]), headers={"HX-Request": "true"}
    )
    assert 'hx-trigger="every 2s"' in response.content.decode()
    assert "<html" not in response.content.decode()
