"""Dashboards: at most ten queries a page, the same for a small and a bigger organisation,
and the merged reads give the figures of the reads they replaced (dashboard_reference)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.demo.generator import generate
from begeleid.formative.models import Feedback, FeedbackRequest
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CapacityReservation, GuidanceMoment, MomentLearner
from begeleid.organisations.models import Team
from begeleid.programmes.enums import EnrolmentStatus, GuidanceForm
from begeleid.programmes.models import Enrolment
from begeleid.quality.dashboards import build_dashboard, default_period
from begeleid.quality.models import Budget, TrainingRecord
from begeleid.quality.queries_survey import rounds_not_closed, survey_results
from tests.querycount import count_queries

from . import dashboard_reference as before
from .test_survey_threshold_everywhere import K
from .test_survey_threshold_everywhere import _respond as respond

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
FILLED = (
    "learner_count",
    "competence_days",
    "feedback_total",
    "turnaround_hours",
    "open_requests",
    "active_enrolments",
    "balance_breaches",
    "time_rows",
    "survey",
)


def _grow(cast, teams=3, learners=3):
    """More teams, each with learners, feedback, requests, moments, time and budget."""
    org, base, now = cast.organisation, cast.enrolment, timezone.now()
    today = timezone.localdate()
    for t in range(teams):
        team = Team.objects.create(organisation=org, name=f"Groei {t}", code=f"G{t}")
        Budget.objects.create(
            organisation=org, team=team, year=today.year, amount=Decimal("1000"), set_by=cast.hr
        )
        CapacityReservation.objects.create(
            organisation=org,
            person=cast.supervisor,
            team=team,
            hours_per_week=Decimal("2.5"),
            valid_from=today - datetime.timedelta(days=30),
        )
        TrainingRecord.objects.create(
            organisation=org,
            person=cast.supervisor,
            team=team,
            course="Feedback geven",
            date=today,
            hours=Decimal("4"),
            cost=Decimal("125.10"),
            recorded_by=cast.hr,
        )
        moment = GuidanceMoment.objects.create(
            organisation=org,
            team=team,
            form=GuidanceForm.REFLECTION,
            title="Gesprek",
            starts_at=now - datetime.timedelta(days=2),
            duration_minutes=45,
            status=MomentStatus.HELD,
            created_by=cast.supervisor,
        )
        for i in range(learners):
            learner = type(cast.learner).objects.create(
                organisation=org, email=f"groei{t}-{i}@test.example", full_name=f"Groei {t} {i}"
            )
            enrolment = Enrolment.objects.create(
                organisation=org,
                learner=learner,
                version=base.version,
                team=team,
                start_date=base.start_date,
                planned_end_date=base.planned_end_date,
                status=EnrolmentStatus.COMPLETED if i == 0 else EnrolmentStatus.ACTIVE,
                current_phase=base.current_phase,
            )
            MomentLearner.objects.create(organisation=org, moment=moment, enrolment=enrolment)
            Feedback.objects.create(organisation=org, enrolment=enrolment, narrative="Goed")
            for answered in (now - datetime.timedelta(days=1), None):
                FeedbackRequest.objects.create(
                    organisation=org,
                    enrolment=enrolment,
                    question="Hoe ging het?",
                    recipient=cast.supervisor,
                    expires_at=now + datetime.timedelta(days=10),
                    answered_at=answered,
                )


@pytest.mark.parametrize("survey", [False, True], ids=["no-survey", "survey-shown"])
@pytest.mark.parametrize("page", ["organisation", "team"])
def test_dashboard_makes_at_most_ten_queries_whatever_the_size(client, cast, page, survey):
    if survey:  # a closed round of K responses: figures and open answers are read
        respond(cast, K)
    client.force_login(cast.hr)
    if page == "team":
        url = reverse("quality:team_dashboard", args=[cast.team.uuid])
    else:
        url = reverse("quality:organisation_dashboard")
    client.get(url)  # the first request of the process fills caches (compiled subqueries, ...)
    small = count_queries(client.get, url)
    _grow(cast)
    big = count_queries(client.get, url)
    assert big == small
    assert small <= MAX_QUERIES


def _reference(organisation, team, now):
    """Every figure of the board, read as before (one query per figure)."""
    start, end = default_period(timezone.localdate(now))
    feedback_start = max(start, end - datetime.timedelta(weeks=12) + datetime.timedelta(days=1))
    return {
        "phases": before.learners_per_phase(organisation, team),
        "competence_days": sorted(before.days_to_competence(organisation, team, start, end)),
        "feedback_weeks": before.feedback_per_week(organisation, team, feedback_start, end),
        "turnaround": _sorted_hours(*before.turnaround(organisation, team, feedback_start, end)),
        "breaches": before.breaches(organisation, team, now),
        "time_rows": before.time_and_budget(organisation, team, start, end),
        "retention": before.retention(organisation, team, start, end),
        "open_rounds": rounds_not_closed(
            organisation=organisation, team=team, since=start, until=end
        ),
        "survey": survey_results(organisation=organisation, team=team, since=start, until=end),
    }


def _sorted_hours(hours, still_open):
    return sorted(hours), still_open


def _figures(board):
    return {
        "phases": board.phases,
        "competence_days": sorted(board.competence_days),
        "feedback_weeks": board.feedback_weeks,
        "turnaround": (sorted(board.turnaround_hours), board.open_requests),
        "breaches": (board.active_enrolments, board.balance_breaches, board.load_breaches),
        "time_rows": board.time_rows,
        "retention": board.retention,
        "open_rounds": board.survey_open_rounds,
        "survey": board.survey,
    }


def _comparable(figures):
    survey = figures["survey"]
    if survey is not None:
        figures["survey"] = (survey.response_count, survey.means, sorted(survey.open_answers))
    return figures


def test_merged_reads_give_the_figures_of_the_reads_they_replaced():
    ctx = generate("DEMO", seed=1)
    organisation = ctx.organisations[0]
    now = timezone.now()
    scopes = [None, *Team.objects.filter(organisation=organisation).order_by("pk")]
    boards = []
    for team in scopes:
        board = build_dashboard(organisation=organisation, team=team, now=now)
        assert _comparable(_figures(board)) == _comparable(_reference(organisation, team, now))
        boards.append(board)
    # The comparison covered figures with something in them, not only empty ones.
    assert all(any(getattr(b, name) for b in boards) for name in FILLED), FILLED


def test_the_organisation_dashboard_shows_the_ten_teams_to_look_at_first(client, cast):
    from begeleid.quality.dashboards import TIME_ROWS_SHOWN

    _grow(cast, teams=TIME_ROWS_SHOWN + 2, learners=1)
    client.force_login(cast.hr)
    response = client.get(reverse("quality:organisation_dashboard"))
    assert response.status_code == 200
    # The page shows the snapshot (quality.snapshots), which keeps the rows it shows.
    board = response.context["board"]
    every = build_dashboard(organisation=cast.organisation)
    shown = board.time_rows_shown
    assert len(every.time_rows) > TIME_ROWS_SHOWN
    assert len(shown) == TIME_ROWS_SHOWN
    assert [r.team.pk for r in shown] == [r.team.pk for r in every.time_rows_shown]
    assert board.time_rows_hidden == len(every.time_rows) - TIME_ROWS_SHOWN
    # Lowest realised share first; teams without reserved time after every other team.
    percents = [r.realised_percent for r in shown]
    known = [p for p in percents if p is not None]
    assert known == sorted(known)
    assert percents[: len(known)] == known
    page = response.content.decode()
    assert f"nog {board.time_rows_hidden} teams staan in het" in page
    assert reverse("quality:report_new") in page
    # The totals still count every team.
    assert board.reserved_hours == round(sum(r.reserved_hours for r in every.time_rows), 1)
    assert (board.realised_hours, board.budget_total, board.spent_total) == (
        every.realised_hours,
        every.budget_total,
        every.spent_total,
    )


def test_the_snapshot_keeps_of_each_team_only_what_its_row_and_links_use(client, cast):
    """The organisation dashboard is unpickled from the snapshot on every view: its time
    rows keep each team's id, uuid, name and organisation, not the team's figures."""
    import pickle

    from begeleid.quality.glance import build_glance

    _grow(cast, teams=3, learners=1)
    board = build_dashboard(organisation=cast.organisation)
    assert len(board.time_rows) >= 3
    kept = pickle.loads(pickle.dumps(board))
    for row, original in zip(kept.time_rows, board.time_rows, strict=True):
        assert {k for k in vars(row.team) if not k.startswith("_")} == {
            "id",
            "uuid",
            "name",
            "organisation_id",
        }
        assert (row.team.pk, row.team.uuid, row.team.name) == (
            original.team.pk,
            original.team.uuid,
            original.team.name,
        )
    # The glance names teams from these rows; the permission checks on a team's links (per
    # viewer, after the snapshot) and its name read nothing more of it.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from begeleid.organisations.queries import roles_of

    assert build_glance(organisation=cast.organisation).elements
    roles_of(cast.hr)  # read once per request
    with CaptureQueriesContext(connection) as captured:
        answers = [cast.hr.has_perm("guidance.view_team_capacity", r.team) for r in kept.time_rows]
        names = [str(r.team) for r in kept.time_rows]
    assert captured.captured_queries == []
    assert names == [r.team.name for r in board.time_rows]
    assert len(answers) == len(names)
