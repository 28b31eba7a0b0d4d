"""The survey's anonymity threshold holds everywhere a survey figure could surface.

"A survey with fewer responses than the threshold shows no figures anywhere": the team and
organisation dashboards, the team and organisation model at a glance, the quality-cycle
CSV and PDF, and the model PDF. With exactly k responses every one of them shows them.

The responses go through the real services: learners enrolled with the cast's supervisor
as first supervisor, each answering the cast's open round once; then the round is closed
(only closed rounds have figures).
"""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from begeleid.programmes import services as programmes
from begeleid.quality import jobs, queries_survey, services_survey
from begeleid.quality.models.reports import JobStatus, ReportFormat, ReportKind

pytestmark = pytest.mark.django_db

K = 5
# Per response: learning_climate, feedback, safety. With all five the means are
# 4,2 / 2,4 / 5,0; with the first four 4,2 / 2,5 / 5,0 (and 4 responses).
ANSWERS = [(4, 2, 5), (4, 3, 5), (4, 2, 5), (5, 3, 5), (4, 2, 5)]
NO_CLOSED_ROUND = "Evaluatie begeleiding: geen gesloten ronde met genoeg reacties om te tonen."
ITEM_LABELS = [
    "Het leerklimaat in het team helpt mij te leren.",
    "Mijn begeleider geeft bruikbare feedback.",
    "Ik durf fouten te maken en daarover te praten.",
]


def _respond(cast, n):
    today = timezone.localdate()
    learners = []
    for i in range(n):
        learner = type(cast.learner).objects.create(
            organisation=cast.organisation,
            email=f"respondent{i}@test.example",
            full_name=f"Respondent {i}",
        )
        programmes.enrol_learner(
            learner=learner,
            version=cast.enrolment.version,
            team=cast.team,
            start_date=today - datetime.timedelta(days=30),
            planned_end_date=today + datetime.timedelta(days=300),
            first_supervisor=cast.supervisor,
            by=cast.team_leader,
        )
        climate, feedback, safety = ANSWERS[i]
        services_survey.submit_response(
            round=cast.survey_round,
            respondent=learner,
            supervisor=cast.supervisor,
            answers={"learning_climate": climate, "feedback": feedback, "safety": safety},
            open_answer=f"Fijne begeleiding {i}",
        )
        learners.append(learner)
    services_survey.close_round(round=cast.survey_round, by=cast.team_leader)
    return learners


def _pages(client, cast):
    client.force_login(cast.hr)
    urls = {
        "team_dashboard": reverse("quality:team_dashboard", args=[cast.team.uuid]),
        "organisation_dashboard": reverse("quality:organisation_dashboard"),
        "team_glance": reverse("quality:team_glance", args=[cast.team.uuid]),
        "organisation_glance": reverse("quality:organisation_glance"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = " ".join(response.content.decode().split())
    return pages


def _report(cast, kind, output, team):
    today = timezone.localdate()
    job = jobs.request_report(
        organisation=cast.organisation,
        team=team,
        kind=kind,
        output=output,
        start=today - datetime.timedelta(days=365),
        end=today,
        by=cast.hr,
    )
    assert job.status == JobStatus.DONE
    content = job.file.read()
    if output == ReportFormat.CSV:
        return content.decode("utf-8-sig")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _reports(cast):
    out = {}
    for scope, team in (("team", cast.team), ("organisation", None)):
        out[f"{scope}_csv"] = _report(cast, ReportKind.QUALITY_CYCLE, ReportFormat.CSV, team)
        out[f"{scope}_cycle_pdf"] = _report(cast, ReportKind.QUALITY_CYCLE, ReportFormat.PDF, team)
        out[f"{scope}_model_pdf"] = _report(cast, ReportKind.MODEL, ReportFormat.PDF, team)
    return out


def _csv_survey_rows(csv_text):
    rows = [line.split(";") for line in csv_text.strip().splitlines()[1:]]
    return [
        (indicator, value)
        for _scope, _start, _end, _section, indicator, value in rows
        if indicator.startswith("Evaluatie begeleiding") or indicator in ITEM_LABELS
    ]


def test_survey_threshold_below_k_no_figure_on_dashboards_or_glance(client, cast):
    _respond(cast, K - 1)
    assert queries_survey.survey_results(organisation=cast.organisation) is None
    pages = _pages(client, cast)
    for name in ("team_dashboard", "organisation_dashboard"):
        html = pages[name]
        assert "te weinig reacties" in html, name
        assert (
            "Uitkomsten verschijnen per gesloten ronde, vanaf het minimum aantal reacties van "
            "die ronde, zodat niemand herkenbaar is."
        ) in html
        assert "reacties (schaal 1 tot 5)" not in html, name
        for label in ITEM_LABELS:
            assert label not in html, name
        for figure in ("4,2", "2,5", "5,0", "4.2", "2.5"):
            assert figure not in html, (name, figure)
        assert "Fijne begeleiding" not in html, name
    for name in ("team_glance", "organisation_glance"):
        html = pages[name]
        assert NO_CLOSED_ROUND in html
        assert "Evaluatie begeleiding: 4 reacties" not in html, name
        assert "reacties in het afgelopen jaar" not in html, name


def test_survey_threshold_at_k_figures_on_dashboards_and_glance(client, cast):
    _respond(cast, K)
    pages = _pages(client, cast)
    for name in ("team_dashboard", "organisation_dashboard"):
        html = pages[name]
        assert "5 reacties (schaal 1 tot 5)." in html, name
        assert "te weinig reacties" not in html, name
        for label, mean in zip(ITEM_LABELS, ("4,2", "2,4", "5,0"), strict=True):
            assert f'{label}</td><td data-label="Gemiddeld">{mean}</td>' in html, (name, label)
    for name in ("team_glance", "organisation_glance"):
        html = pages[name]
        assert "Evaluatie begeleiding: 5 reacties in het afgelopen jaar." in html, name
        assert "te weinig reacties" not in html, name


def test_survey_threshold_below_k_no_figure_in_reports(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _respond(cast, K - 1)
    reports = _reports(cast)
    for scope in ("team", "organisation"):
        assert _csv_survey_rows(reports[f"{scope}_csv"]) == [
            ("Evaluatie begeleiding, reacties", "te weinig reacties")
        ]
        cycle = reports[f"{scope}_cycle_pdf"]
        assert "Evaluatie begeleiding, reacties te weinig reacties" in cycle, scope
        assert NO_CLOSED_ROUND in cycle
        model = reports[f"{scope}_model_pdf"]
        assert NO_CLOSED_ROUND in model
        for text in (cycle, model):
            assert "reacties in het afgelopen jaar" not in text, scope
            assert "Evaluatie begeleiding, reacties 4" not in text, scope
            for label in ITEM_LABELS:
                assert label not in text, (scope, label)
            for figure in ("4.2", "4,2", "2.5", "2,5"):
                assert figure not in text, (scope, figure)
            assert "Fijne begeleiding" not in text, scope


def test_survey_threshold_at_k_figures_in_reports(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _respond(cast, K)
    reports = _reports(cast)
    for scope in ("team", "organisation"):
        assert _csv_survey_rows(reports[f"{scope}_csv"]) == [
            ("Evaluatie begeleiding, reacties", "5"),
            (ITEM_LABELS[0], "4,2"),
            (ITEM_LABELS[1], "2,4"),
            (ITEM_LABELS[2], "5,0"),
        ]
        cycle = reports[f"{scope}_cycle_pdf"]
        assert "Evaluatie begeleiding, reacties 5" in cycle, scope
        for label, mean in zip(ITEM_LABELS, ("4,2", "2,4", "5,0"), strict=True):
            assert f"{label} {mean}" in cycle, (scope, label)
        # The cycle PDF lists what is in place for plan only; the survey figures are in check.
        assert "te weinig reacties" not in cycle, scope
        model = reports[f"{scope}_model_pdf"]
        assert "Evaluatie begeleiding: 5 reacties in het afgelopen jaar." in model, scope
        assert "te weinig reacties" not in model, scope


def test_survey_threshold_round_below_k_is_left_out_of_figures_over_several_rounds(client, cast):
    """A second round of the same team with k-1 answers adds nothing to the team, organisation
    or supervisor figures: 5 + 4 shown as 9 would give that round away by subtraction."""
    learners = _respond(cast, K)
    second = services_survey.open_round(
        team=cast.team,
        title="Evaluatie najaar",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        by=cast.team_leader,
    )
    for learner in learners[: K - 1]:
        services_survey.submit_response(
            round=second,
            respondent=learner,
            supervisor=cast.supervisor,
            answers={"learning_climate": 1, "feedback": 1, "safety": 1},
            open_answer="Tweede ronde",
        )
    services_survey.close_round(round=second, by=cast.team_leader)
    org = cast.organisation
    for results in (
        queries_survey.survey_results(organisation=org),
        queries_survey.survey_results(organisation=org, team=cast.team),
        queries_survey.survey_results(organisation=org, supervisor=cast.supervisor),
        queries_survey.survey_results_by_supervisor(organisation=org)[cast.supervisor.pk],
    ):
        assert (results.response_count, results.means) == (
            5,
            {"learning_climate": 4.2, "feedback": 2.4, "safety": 5.0},
        )
    assert "Tweede ronde" not in queries_survey.survey_results(organisation=org).open_answers
    assert queries_survey.survey_results(organisation=org, round=second) is None
    pages = _pages(client, cast)
    assert "5 reacties (schaal 1 tot 5)." in pages["team_dashboard"]
    assert "5 reacties (schaal 1 tot 5)." in pages["organisation_dashboard"]
    assert "Evaluatie begeleiding: 5 reacties in het afgelopen jaar." in pages["team_glance"]
    client.force_login(cast.supervisor)
    person = client.get(reverse("quality:development_person", args=[cast.supervisor.uuid]))
    html = person.content.decode()
    assert "5 antwoorden" in html
    assert "9 antwoorden" not in html and "Tweede ronde" not in html
