"""Survey rounds: figures only once a round is closed, and closing a round.

An open round's figures change with every answer, so two looks a day apart would give one
respondent away (the time-differencing leak). While a round is open (or not opened yet) its
page shows the response count and why there is nothing more; every other reader of survey
figures (CSV, development page, dashboards, glance) leaves the round out. HR or the team
leader closes a round early (audited); a round past its last day is closed by itself.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from begeleid.core.models import AuditEvent
from begeleid.quality import queries_survey, services_survey
from begeleid.quality.models import SurveyResponse, SurveyRound

pytestmark = pytest.mark.django_db

OPEN_NOTE = (
    "De uitkomsten verschijnen als de ronde gesloten is: na {day}, of eerder als de ronde "
    "gesloten wordt. Zolang de ronde open is, verandert elk cijfer met ieder nieuw antwoord, "
    "en wie twee keer kijkt, zou uit het verschil kunnen afleiden wat één lerende heeft "
    "geantwoord."
)


def _respond(cast, n, supervisor=None, value=4, answer="Open antwoord"):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            organisation=cast.organisation,
            round=cast.survey_round,
            supervisor=supervisor or cast.supervisor,
            learning_climate=value,
            feedback=value,
            safety=value,
            open_answer=f"{answer} {i}",
        )
        for i in range(n)
    )


def _text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _main(response):
    """The page's main content (the header holds a CSRF token that differs per request)."""
    return re.search(r"<main.*</main>", _text(response)).group(0)


def _detail(cast, query=""):
    return reverse("quality:survey_round_detail", args=[cast.survey_round.uuid]) + query


def _export_lines(client, cast):
    url = reverse("quality:survey_round_export", args=[cast.survey_round.uuid])
    return client.get(url).content.decode().strip().splitlines()


def _open_note(cast):
    return OPEN_NOTE.format(day=date_format(cast.survey_round.closes_on, "j M Y"))


def test_survey_open_round_shows_only_its_response_count_everywhere(client, cast):
    _respond(cast, 8, cast.supervisor)
    _respond(cast, 6, cast.practice_trainer, value=2)
    client.force_login(cast.team_leader)
    for url in (_detail(cast), _detail(cast, f"?supervisor={cast.supervisor.uuid}")):
        page = _text(client.get(url))
        assert "Tot nu toe 14 antwoorden." in page
        assert _open_note(cast) in page
        for name in ("Bea Begeleider", "Piet Praktijkopleider"):
            assert name not in page
        assert 'name="supervisor"' not in page
        assert "Open antwoord" not in page
        assert "4,0" not in page and "2,0" not in page
        assert "Exporteren (CSV)" not in page
    assert _export_lines(client, cast) == ["begeleider;antwoorden;learning_climate;feedback;safety"]
    org = cast.organisation
    assert queries_survey.survey_results(organisation=org, round=cast.survey_round) is None
    assert queries_survey.survey_results(organisation=org) is None
    assert queries_survey.survey_results(organisation=org, supervisor=cast.supervisor) is None
    assert queries_survey.survey_results_by_supervisor(organisation=org) == {}
    development = reverse("quality:development_person", args=[cast.supervisor.uuid])
    assert "Geen uitkomsten te tonen." in _text(client.get(development))
    dashboard = _text(client.get(reverse("quality:team_dashboard", args=[cast.team.uuid])))
    assert "te weinig reacties" in dashboard
    assert (
        "1 ronde is nog niet gesloten: de uitkomsten verschijnen als de ronde gesloten is."
        in dashboard
    )
    assert "reacties (schaal 1 tot 5)" not in dashboard
    glance = _text(client.get(reverse("quality:team_glance", args=[cast.team.uuid])))
    assert (
        "Evaluatie begeleiding: 1 ronde loopt nog; de uitkomsten verschijnen als de ronde "
        "gesloten is." in glance
    )
    assert "Evaluatie begeleiding: 14 reacties" not in glance


def test_survey_two_looks_at_an_open_round_differ_only_in_the_count(client, cast):
    """One answer between two looks changes the count and nothing else: no mean, no row."""
    _respond(cast, 7, cast.supervisor)
    client.force_login(cast.team_leader)
    dashboard = reverse("quality:team_dashboard", args=[cast.team.uuid])
    survey_card = r'<section class="card" aria-labelledby="q-survey">.*?</section>'
    before = _main(client.get(_detail(cast)))
    card_before = re.search(survey_card, _text(client.get(dashboard))).group(0)
    _respond(cast, 1, cast.supervisor, value=1, answer="Later")
    after = _main(client.get(_detail(cast)))
    card_after = re.search(survey_card, _text(client.get(dashboard))).group(0)
    assert "Tot nu toe 7 antwoorden." in before and "Tot nu toe 8 antwoorden." in after
    assert before.replace("Tot nu toe 7", "Tot nu toe 8") == after
    assert card_before == card_after


def test_survey_close_round_by_team_leader_shows_the_figures_and_is_audited(client, cast):
    _respond(cast, 5, cast.supervisor)
    client.force_login(cast.team_leader)
    page = _text(client.get(_detail(cast)))
    close = reverse("quality:survey_round_close", args=[cast.survey_round.uuid])
    assert f'<a class="button" href="{close}">Ronde sluiten</a>' in page
    confirm = _text(client.get(close))
    assert "Evaluatie voorjaar · Chirurgie · 5 antwoorden tot nu toe" in confirm
    assert (
        "Na het sluiten kunnen lerenden niet meer antwoorden en verschijnen de uitkomsten: van "
        "de ronde en van de begeleiders met genoeg antwoorden (minstens 5). Een gesloten ronde "
        "gaat niet meer open." in confirm
    )
    response = client.post(close)
    assert response.status_code == 302
    assert response.url == _detail(cast)
    survey_round = SurveyRound.objects.get(pk=cast.survey_round.pk)
    assert survey_round.closed_by == cast.team_leader
    assert survey_round.closed_at is not None
    event = AuditEvent.objects.get(action="quality.close_survey_round")
    assert (event.actor, event.object_uuid) == (cast.team_leader, survey_round.uuid)
    assert event.changes == {
        "closed_at": survey_round.closed_at.isoformat(),
        "closes_on": survey_round.closes_on.isoformat(),
    }
    page = _text(client.get(_detail(cast)))
    today = date_format(timezone.localdate(), "j M Y")
    assert f"gesloten op {today} · Uitkomsten vanaf 5 antwoorden." in page
    assert "5 antwoorden" in page and "Open antwoord 4" in page
    assert '<th scope="row" data-label="Begeleider">Bea Begeleider</th>' in page
    assert "Ronde sluiten" not in page and "Tot nu toe" not in page
    assert _export_lines(client, cast)[1:] == [";5;4,0;4,0;4,0", "Bea Begeleider;5;4,0;4,0;4,0"]
    # Closed for good: not again, and no more answers.
    assert client.get(close).status_code == 403
    assert client.post(close).status_code == 403
    client.force_login(cast.learner)
    answer = reverse("quality:survey_answer", args=[cast.survey_round.uuid, cast.supervisor.uuid])
    assert client.get(answer).status_code == 403
    assert list(queries_survey.open_rounds_for_learner(cast.learner, timezone.localdate())) == []
    with (
        translation.override("nl"),
        pytest.raises(services_survey.SurveyError, match="Deze evaluatieronde is gesloten."),
    ):
        services_survey.submit_response(
            round=survey_round,
            respondent=cast.learner,
            supervisor=cast.supervisor,
            answers={"learning_climate": 3, "feedback": 3, "safety": 3},
        )
    assert SurveyResponse.objects.count() == 5


def test_survey_close_round_twice_is_refused_and_audited_once(cast):
    services_survey.close_round(round=cast.survey_round, by=cast.hr)
    with (
        translation.override("nl"),
        pytest.raises(services_survey.SurveyError, match="Deze evaluatieronde is al gesloten."),
    ):
        services_survey.close_round(round=cast.survey_round, by=cast.team_leader)
    assert AuditEvent.objects.filter(action="quality.close_survey_round").count() == 1
    assert SurveyRound.objects.get(pk=cast.survey_round.pk).closed_by == cast.hr


def test_survey_round_past_its_last_day_is_closed_without_closing_it(client, cast):
    today = timezone.localdate()
    SurveyRound.objects.filter(pk=cast.survey_round.pk).update(
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    _respond(cast, 5, cast.supervisor)
    client.force_login(cast.team_leader)
    page = _text(client.get(_detail(cast)))
    assert "· gesloten · Uitkomsten vanaf 5 antwoorden." in page
    assert '<th scope="row" data-label="Begeleider">Bea Begeleider</th>' in page
    assert "Ronde sluiten" not in page
    home = _text(client.get(reverse("quality:survey_home")))
    assert '<td data-label="Status"><span class="badge badge--ok">gesloten</span></td>' in home


def test_survey_round_not_opened_yet_shows_no_figures(client, cast):
    today = timezone.localdate()
    SurveyRound.objects.filter(pk=cast.survey_round.pk).update(
        opens_on=today + datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=20),
    )
    cast.survey_round.refresh_from_db()
    client.force_login(cast.hr)
    page = _text(client.get(_detail(cast)))
    assert "· nog niet geopend · Uitkomsten vanaf 5 antwoorden." in page
    assert "Tot nu toe 0 antwoorden." in page
    assert _open_note(cast) in page
    home = _text(client.get(reverse("quality:survey_home")))
    assert (
        '<td data-label="Status"><span class="badge badge--muted">nog niet geopend</span></td>'
        in home
    )
