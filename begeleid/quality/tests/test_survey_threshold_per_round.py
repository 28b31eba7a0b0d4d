"""Each survey round has its own threshold k (``min_responses``).

Set when the round is opened (default from settings.GUIDANCE_SURVEY_MIN_RESPONSES, 5), at
least 3 (form error in Dutch and English, model validator, database check), changeable
only while the round has no responses, and every disclosure of the round uses it. Also:
the round page's supervisor filter offers only the supervisors whose row is shown, and its
empty option is translated.
"""

import csv
import datetime
import io
import re

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from begeleid.core.models import AuditEvent
from begeleid.quality import jobs, queries_survey, services_survey
from begeleid.quality.models import SurveyResponse, SurveyRound
from begeleid.quality.models.reports import ReportFormat, ReportKind

pytestmark = pytest.mark.django_db

TOO_LOW_NL = "Kies minstens 3: met minder antwoorden is te herleiden wie wat heeft geantwoord."
TOO_LOW_EN = "Choose at least 3: with fewer responses, who answered what can be worked out."
FIXED_NL = "Het minimum aantal antwoorden ligt vast: in deze ronde is al geantwoord."
FIXED_EN = "The minimum number of responses is fixed: this round already has responses."


def _respond(cast, survey_round, supervisor, n, value=4):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            organisation=cast.organisation,
            round=survey_round,
            supervisor=supervisor,
            learning_climate=value,
            feedback=value,
            safety=value,
            open_answer=f"Antwoord {supervisor.full_name} {i}",
        )
        for i in range(n)
    )


def _text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def _add(client, cast, **data):
    today = timezone.localdate().isoformat()
    data = {"title": "Najaar", "opens_on": today, "closes_on": today} | data
    return client.post(reverse("quality:survey_round_add", args=[cast.team.uuid]), data)


def _change(client, survey_round, **data):
    return client.post(reverse("quality:survey_round_change", args=[survey_round.uuid]), data)


def _options(html):
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)


def test_survey_round_add_takes_k_from_the_form_with_the_setting_as_default(client, cast, settings):
    settings.GUIDANCE_SURVEY_MIN_RESPONSES = 7
    client.force_login(cast.team_leader)
    form = _text(client.get(reverse("quality:survey_round_add", args=[cast.team.uuid])))
    assert re.search(r'<input type="number" name="min_responses" value="7" [^>]*min="3"', form)
    assert _add(client, cast, title="Standaard", min_responses="").status_code == 302
    assert _add(client, cast, title="Drie", min_responses="3").status_code == 302
    rounds = dict(SurveyRound.objects.values_list("title", "min_responses"))
    assert (rounds["Standaard"], rounds["Drie"]) == (7, 3)
    event = AuditEvent.objects.get(action="quality.open_survey_round", object_repr="Drie")
    assert event.changes["min_responses"] == 3


def test_survey_round_add_below_three_is_refused_in_dutch_and_english(client, cast):
    client.force_login(cast.team_leader)
    page = _text(_add(client, cast, min_responses="2"))
    assert f'<ul class="errorlist" id="id_min_responses_error"><li>{TOO_LOW_NL}</li></ul>' in page
    assert "Kies hoogstens 100." in _text(_add(client, cast, min_responses="101"))
    _english(client)
    assert TOO_LOW_EN in _text(_add(client, cast, min_responses="2"))
    assert not SurveyRound.objects.filter(title="Najaar").exists()


def test_survey_round_below_three_is_refused_by_service_model_and_database(cast):
    with (
        translation.override("nl"),
        pytest.raises(services_survey.SurveyError, match="ligt tussen 3 en 100"),
    ):
        services_survey.open_round(
            team=cast.team,
            title="Te klein",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
            min_responses=2,
            by=cast.team_leader,
        )
    cast.survey_round.min_responses = 2
    with pytest.raises(ValidationError) as error:
        cast.survey_round.full_clean()
    assert list(error.value.message_dict) == ["min_responses"]
    with transaction.atomic(), pytest.raises(IntegrityError):
        SurveyRound.objects.filter(pk=cast.survey_round.pk).update(min_responses=2)
    assert SurveyRound.objects.get(pk=cast.survey_round.pk).min_responses == 5


def test_survey_change_round_threshold_while_nobody_has_answered(client, cast):
    client.force_login(cast.hr)
    url = reverse("quality:survey_round_change", args=[cast.survey_round.uuid])
    form = _text(client.get(url))
    assert re.search(r'name="min_responses" value="5"', form)
    response = _change(client, cast.survey_round, title="Evaluatie voorjaar", min_responses=3)
    assert response.url == reverse("quality:survey_round_detail", args=[cast.survey_round.uuid])
    assert SurveyRound.objects.get(pk=cast.survey_round.pk).min_responses == 3
    event = AuditEvent.objects.get(action="quality.change_survey_round")
    assert (event.actor, event.changes) == (cast.hr, {"min_responses": [5, 3]})
    assert (
        _text(_change(client, cast.survey_round, title="X", min_responses=2)).count(TOO_LOW_NL) == 1
    )


def test_survey_change_round_threshold_once_answered_is_refused_and_nothing_changes(client, cast):
    _respond(cast, cast.survey_round, cast.supervisor, 1)
    client.force_login(cast.team_leader)
    page = _text(_change(client, cast.survey_round, title="Nieuwe titel", min_responses=3))
    assert f'<ul class="errorlist" id="id_min_responses_error"><li>{FIXED_NL}</li></ul>' in page
    survey_round = SurveyRound.objects.get(pk=cast.survey_round.pk)
    assert (survey_round.title, survey_round.min_responses) == ("Evaluatie voorjaar", 5)
    assert not AuditEvent.objects.filter(action="quality.change_survey_round").exists()
    _english(client)
    assert FIXED_EN in _text(_change(client, cast.survey_round, title="X", min_responses=4))
    # The title may still change, with the same k.
    assert (
        _change(client, cast.survey_round, title="Nieuwe titel", min_responses=5).status_code == 302
    )
    assert SurveyRound.objects.get(pk=cast.survey_round.pk).title == "Nieuwe titel"


def test_survey_every_disclosure_uses_the_rounds_own_threshold(client, cast, settings, tmp_path):
    """Round A (k=3): Bea 3 and Piet 3, both shown (with k=5 neither would be). Round B
    (k=7): Bea 6, nothing shown. Over time and per team only round A counts."""
    settings.MEDIA_ROOT = tmp_path
    a = services_survey.change_round(
        round=cast.survey_round, title="Ronde A", min_responses=3, by=cast.team_leader
    )
    b = services_survey.open_round(
        team=cast.team,
        title="Ronde B",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
        min_responses=7,
        by=cast.team_leader,
    )
    _respond(cast, a, cast.supervisor, 3, value=4)
    _respond(cast, a, cast.practice_trainer, 3, value=2)
    _respond(cast, b, cast.supervisor, 6, value=1)
    for survey_round in (a, b):
        services_survey.close_round(round=survey_round, by=cast.team_leader)
    client.force_login(cast.team_leader)

    page_a = _text(client.get(reverse("quality:survey_round_detail", args=[a.uuid])))
    assert "Uitkomsten vanaf 3 antwoorden." in page_a and "6 antwoorden" in page_a
    for name, mean in (("Bea Begeleider", "4,0"), ("Piet Praktijkopleider", "2,0")):
        assert (
            f'<th scope="row" data-label="Begeleider">{name}</th>'
            f'<td data-label="Antwoorden">3</td>'
            f'<td data-label="Het leerklimaat in het team helpt mij te leren.">{mean}</td>'
        ) in page_a
    assert _options(page_a) == [
        ("", "Alle begeleiders"),
        (str(cast.supervisor.uuid), "Bea Begeleider"),
        (str(cast.practice_trainer.uuid), "Piet Praktijkopleider"),
    ]
    export_a = client.get(reverse("quality:survey_round_export", args=[a.uuid])).content.decode()
    assert export_a.strip().splitlines()[1:] == [
        ";6;3,0;3,0;3,0",
        "Bea Begeleider;3;4,0;4,0;4,0",
        "Piet Praktijkopleider;3;2,0;2,0;2,0",
    ]

    page_b = _text(client.get(reverse("quality:survey_round_detail", args=[b.uuid])))
    assert "Uitkomsten vanaf 7 antwoorden." in page_b
    assert "Geen uitkomsten te tonen." in page_b
    assert "1 begeleider staat hier niet: met minder dan 7 antwoorden" in page_b
    assert "Bea Begeleider" not in page_b and 'name="supervisor"' not in page_b
    export_b = client.get(reverse("quality:survey_round_export", args=[b.uuid])).content.decode()
    assert export_b.strip().splitlines()[1:] == []

    org = cast.organisation
    assert queries_survey.survey_results(organisation=org).response_count == 6
    bea = queries_survey.survey_results(organisation=org, supervisor=cast.supervisor)
    assert (bea.response_count, bea.means["safety"]) == (3, 4.0)
    piet = reverse("quality:development_person", args=[cast.practice_trainer.uuid])
    assert "3 antwoorden" in _text(client.get(piet))
    dashboard = _text(client.get(reverse("quality:team_dashboard", args=[cast.team.uuid])))
    assert "6 reacties (schaal 1 tot 5)." in dashboard
    glance = _text(client.get(reverse("quality:team_glance", args=[cast.team.uuid])))
    assert "Evaluatie begeleiding: 6 reacties in het afgelopen jaar." in glance
    today = timezone.localdate()
    job = jobs.request_report(
        organisation=org,
        team=cast.team,
        kind=ReportKind.QUALITY_CYCLE,
        output=ReportFormat.CSV,
        start=today - datetime.timedelta(days=365),
        end=today,
        by=cast.hr,
    )
    rows = csv.reader(io.StringIO(job.file.read().decode("utf-8-sig")), delimiter=";")
    values = {row[4]: row[5] for row in rows}
    assert values["Evaluatie begeleiding, reacties"] == "6"


def test_survey_filter_empty_option_is_translated(client, cast):
    _respond(cast, cast.survey_round, cast.supervisor, 5)
    services_survey.close_round(round=cast.survey_round, by=cast.team_leader)
    client.force_login(cast.team_leader)
    url = reverse("quality:survey_round_detail", args=[cast.survey_round.uuid])
    page = _text(client.get(url))
    assert '<option value="" selected>Alle begeleiders</option>' in page
    assert "Select an option" not in page
    _english(client)
    page = _text(client.get(url))
    assert '<option value="" selected>All supervisors</option>' in page
    assert _options(page) == [
        ("", "All supervisors"),
        (str(cast.supervisor.uuid), "Bea Begeleider"),
    ]
