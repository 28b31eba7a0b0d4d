"""The guidance survey: anonymity threshold on every page and export, answering once.

Figures are read from closed rounds only (test_survey_rounds.py covers open rounds); the
tests here close the cast's round after the answers are in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.quality import queries_survey, services_survey
from begeleid.quality.models import SurveyParticipation, SurveyResponse, SurveyRound
from begeleid.quality.models.survey import default_min_responses
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db

K = 5


def _respond(cast, n, supervisor=None, answer="Goede uitleg", survey_round=None):
    survey_round = survey_round or cast.survey_round
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            organisation=cast.organisation,
            round=survey_round,
            supervisor=supervisor or cast.supervisor,
            learning_climate=4,
            feedback=2 + i % 2,
            safety=5,
            open_answer=f"{answer} {i}",
        )
        for i in range(n)
    )


def _close(cast, survey_round=None):
    services_survey.close_round(round=survey_round or cast.survey_round, by=cast.team_leader)


def _pages(client, cast):
    client.force_login(cast.team_leader)
    detail = reverse("quality:survey_round_detail", kwargs={"uuid": cast.survey_round.uuid})
    export = reverse("quality:survey_round_export", kwargs={"uuid": cast.survey_round.uuid})
    filtered = f"{detail}?supervisor={cast.supervisor.uuid}"
    client_hr = client
    pages = [client.get(detail), client.get(filtered), client.get(export)]
    client_hr.force_login(cast.supervisor)
    person = reverse("quality:development_person", kwargs={"uuid": cast.supervisor.uuid})
    pages.append(client_hr.get(person))
    return [p.content.decode() for p in pages]


def test_survey_default_min_responses_is_five_from_the_setting_and_never_below_three(settings):
    assert default_min_responses() == 5
    settings.GUIDANCE_SURVEY_MIN_RESPONSES = 7
    assert default_min_responses() == 7
    settings.GUIDANCE_SURVEY_MIN_RESPONSES = 1
    assert default_min_responses() == 3


def test_survey_below_threshold_shows_no_figure_on_any_page_or_export(client, cast):
    _respond(cast, K - 1)
    _close(cast)
    assert queries_survey.survey_results(organisation=cast.organisation, team=cast.team) is None
    detail, filtered, export, person = _pages(client, cast)
    for html in (detail, filtered, person):
        assert "Geen uitkomsten te tonen." in html
        assert "Goede uitleg" not in html
        assert "4,0" not in html and "4.0" not in html
    assert export.strip().splitlines() == ["begeleider;antwoorden;learning_climate;feedback;safety"]


def test_survey_at_threshold_shows_figures_everywhere(client, cast):
    _respond(cast, K)
    _close(cast)
    results = queries_survey.survey_results(organisation=cast.organisation, team=cast.team)
    assert results.response_count == 5
    assert results.means == {"learning_climate": 4.0, "feedback": 2.4, "safety": 5.0}
    assert sorted(results.open_answers) == [f"Goede uitleg {i}" for i in range(5)]
    detail, filtered, export, person = _pages(client, cast)
    for html in (detail, filtered, person):
        assert "5 antwoorden" in html
        assert "Goede uitleg 3" in html
    assert export.strip().splitlines() == [
        "begeleider;antwoorden;learning_climate;feedback;safety",
        ";5;4,0;2,4;5,0",
        "Bea Begeleider;5;4,0;2,4;5,0",
    ]


def test_survey_filter_narrowing_below_threshold_hides_figures(client, cast):
    _respond(cast, 3, supervisor=cast.supervisor)
    _respond(cast, 2, supervisor=cast.practice_trainer, answer="Rustig")
    _close(cast)
    team = queries_survey.survey_results(organisation=cast.organisation, team=cast.team)
    assert team.response_count == 5
    assert (
        queries_survey.survey_results(organisation=cast.organisation, supervisor=cast.supervisor)
        is None
    )
    assert queries_survey.survey_results_by_supervisor(organisation=cast.organisation) == {}
    detail, filtered, export, person = _pages(client, cast)
    # Neither supervisor's row is shown, so neither is offered in the filter, and asking for
    # one by address gives an error, the team's figures and no name.
    for html in (detail, filtered):
        assert "Bea Begeleider" not in html and "Piet Praktijkopleider" not in html
    assert 'name="supervisor"' not in detail
    assert "Kies een begeleider uit de lijst." in filtered
    assert "5 antwoorden" in filtered and "<h2>Hele team</h2>" in filtered
    assert "Geen uitkomsten te tonen." in person
    # The export gives the team figure, but no line per supervisor.
    assert export.strip().splitlines()[1:] == [";5;4,0;2,4;5,0"]


def test_survey_period_filter_counts_only_matching_rounds(cast):
    today = timezone.localdate()
    old = SurveyRound.objects.create(
        organisation=cast.organisation,
        team=cast.team,
        title="Vorig jaar",
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=380),
        created_by=cast.team_leader,
    )
    _respond(cast, 5, survey_round=old)
    _respond(cast, 3)
    since = today - datetime.timedelta(days=30)
    assert queries_survey.survey_results(organisation=cast.organisation, since=since) is None
    # Over all periods: the old round only; the current one (3 < k) is left out.
    assert queries_survey.survey_results(organisation=cast.organisation).response_count == 5


def test_survey_answer_stores_response_without_respondent_and_marks_participation(client, cast):
    client.force_login(cast.learner)
    url = reverse(
        "quality:survey_answer",
        kwargs={"uuid": cast.survey_round.uuid, "person": cast.supervisor.uuid},
    )
    response = client.post(
        url, {"learning_climate": 4, "feedback": 5, "safety": 3, "open_answer": " Fijn. "}
    )
    assert response.url == reverse(
        "quality:survey_answer_list", kwargs={"uuid": cast.survey_round.uuid}
    )
    answer = SurveyResponse.objects.get()
    assert (answer.learning_climate, answer.feedback, answer.safety) == (4, 5, 3)
    assert answer.open_answer == "Fijn."
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {
        "id", "uuid", "organisation", "round", "supervisor",
        "learning_climate", "feedback", "safety", "open_answer",
    }  # fmt: skip
    assert SurveyParticipation.objects.filter(
        round=cast.survey_round, supervisor=cast.supervisor, person=cast.learner
    ).exists()
    assert {f.name for f in SurveyParticipation._meta.get_fields()}.isdisjoint({"response"})
    # A second answer about the same supervisor in the same round is refused.
    again = client.post(url, {"learning_climate": 1, "feedback": 1, "safety": 1})
    assert "al geëvalueerd" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_survey_answer_keeps_input_on_error(client, cast):
    client.force_login(cast.learner)
    url = reverse(
        "quality:survey_answer",
        kwargs={"uuid": cast.survey_round.uuid, "person": cast.supervisor.uuid},
    )
    html = client.post(url, {"learning_climate": 4, "open_answer": "Half af"}).content.decode()
    assert "Half af" in html
    assert "Dit veld is verplicht." in html
    assert not SurveyResponse.objects.exists()


def test_survey_closed_round_refuses_answers(cast):
    cast.survey_round.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    cast.survey_round.save()
    with pytest.raises(services_survey.SurveyError):
        services_survey.submit_response(
            round=cast.survey_round,
            respondent=cast.learner,
            supervisor=cast.supervisor,
            answers={"learning_climate": 3, "feedback": 3, "safety": 3},
        )


def test_survey_round_add_happy_path(client, cast):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("quality:survey_round_add", kwargs={"uuid": cast.team.uuid}),
        {"title": "Najaar", "opens_on": "2026-09-01", "closes_on": "2026-09-30"},
    )
    survey_round = SurveyRound.objects.get(title="Najaar")
    assert response.url == reverse(
        "quality:survey_round_detail", kwargs={"uuid": survey_round.uuid}
    )
    assert survey_round.team == cast.team


def test_survey_home_query_count_does_not_grow(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:survey_home")
    one = count_queries(client.get, url)
    for n in range(2):
        services_survey.open_round(
            team=cast.team,
            title=f"Extra {n}",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
            by=cast.team_leader,
        )
    assert count_queries(client.get, url) == one


def test_survey_round_detail_query_count_does_not_grow(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:survey_round_detail", kwargs={"uuid": cast.survey_round.uuid})
    _respond(cast, K)
    _close(cast)
    one = count_queries(client.get, url)
    _respond(cast, K, supervisor=cast.practice_trainer)
    _respond(cast, K, supervisor=cast.specialist)
    assert count_queries(client.get, url) == one


def test_survey_isolation_other_organisation_sees_nothing(client, cast):
    _respond(cast, K)
    _close(cast)
    client.force_login(cast.stranger)
    assert queries_survey.survey_results(organisation=cast.other_organisation) is None
    detail = reverse("quality:survey_round_detail", kwargs={"uuid": cast.survey_round.uuid})
    assert client.get(detail).status_code == 404
    assert list(queries_survey.rounds_for(cast.stranger)) == []
