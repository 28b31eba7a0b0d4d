"""Query counts (1 vs 3 items) and isolation for the survey, development and budget pages
that had none yet: the answer list, the survey export, the survey home seen from another organisation,
a supervisor's development page, the team time-and-budget page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.programmes import services as programmes
from begeleid.programmes.enums import Capacity
from begeleid.quality import services_development, services_survey
from begeleid.quality.models import SurveyResponse
from tests.factories import PersonFactory, TeamFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db

K = 5


def _new_learner(cast):
    learner = PersonFactory(organisation=cast.organisation, full_name="Lotte Nieuw")
    today = timezone.localdate()
    enrolment = programmes.enrol_learner(
        learner=learner,
        version=cast.enrolment.version,
        team=cast.team,
        start_date=today - datetime.timedelta(days=10),
        planned_end_date=today + datetime.timedelta(days=300),
        first_supervisor=cast.supervisor,
        by=cast.team_leader,
    )
    return learner, enrolment


def test_survey_answer_list_query_count_does_not_grow(client, cast):
    learner, enrolment = _new_learner(cast)
    client.force_login(learner)
    url = reverse("quality:survey_answer_list", kwargs={"uuid": cast.survey_round.uuid})
    one = count_queries(client.get, url)
    for person in (cast.practice_trainer, cast.specialist):
        programmes.assign_supervisor(
            enrolment=enrolment, person=person, capacity=Capacity.SUPERVISOR, by=cast.team_leader
        )
    assert count_queries(client.get, url) == one
    html = client.get(url).content.decode()
    for person in (cast.supervisor, cast.practice_trainer, cast.specialist):
        assert person.full_name in html


def test_survey_answer_list_and_export_of_another_organisation_are_not_found(client, cast):
    client.force_login(cast.stranger)
    for name in ("survey_answer_list", "survey_round_export", "survey_round_detail"):
        url = reverse(f"quality:{name}", kwargs={"uuid": cast.survey_round.uuid})
        assert client.get(url).status_code == 404, name


def test_survey_home_of_hr_in_another_organisation_shows_no_round_of_ours(client, cast):
    other_hr = PersonFactory(organisation=cast.other_organisation, full_name="Hanna Elders")
    give_role(other_hr, Role.HR)
    client.force_login(other_hr)
    response = client.get(reverse("quality:survey_home"))
    assert response.status_code == 200
    assert cast.survey_round.title not in response.content.decode()
    assert cast.team.name not in response.content.decode()


def _answers(cast, supervisor):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            organisation=cast.organisation,
            round=cast.survey_round,
            supervisor=supervisor,
            learning_climate=4,
            feedback=3,
            safety=5,
        )
        for _ in range(K)
    )


def test_survey_export_query_count_does_not_grow(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:survey_round_export", kwargs={"uuid": cast.survey_round.uuid})
    _answers(cast, cast.supervisor)
    services_survey.close_round(round=cast.survey_round, by=cast.team_leader)
    one = count_queries(client.get, url)
    _answers(cast, cast.practice_trainer)
    _answers(cast, cast.specialist)
    assert count_queries(client.get, url) == one
    lines = client.get(url).content.decode().strip().splitlines()
    assert len(lines) == 1 + 1 + 3  # header, the round, one line per supervisor


def _training(cast, n):
    services_development.add_training_record(
        person=cast.supervisor,
        team=cast.team,
        course=f"Extra cursus {n}",
        provider="Leerhuis",
        date=timezone.localdate() - datetime.timedelta(days=n),
        hours=Decimal("4"),
        cost=Decimal("100.00"),
        by=cast.team_leader,
    )


def test_development_person_query_count_does_not_grow(client, cast):
    client.force_login(cast.supervisor)
    url = reverse("quality:development_person", kwargs={"uuid": cast.supervisor.uuid})
    one = count_queries(client.get, url)  # the cast's one training record
    _training(cast, 1)
    _training(cast, 2)
    assert count_queries(client.get, url) == one
    html = client.get(url).content.decode()
    assert "Extra cursus 1" in html and "Extra cursus 2" in html


def test_time_budget_of_another_organisation_is_not_found(client, cast):
    client.force_login(cast.stranger)
    for name in ("team_time_budget", "budget_set"):
        url = reverse(f"quality:{name}", kwargs={"uuid": cast.team.uuid})
        assert client.get(url).status_code == 404, name


def test_development_home_query_count_does_not_grow_with_led_teams(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:development_home")
    one = count_queries(client.get, url)  # the team leader leads Chirurgie
    for name in ("Interne geneeskunde", "Neurologie"):
        give_role(
            cast.team_leader,
            Role.TEAM_LEADER,
            TeamFactory(organisation=cast.organisation, name=name),
        )
    assert count_queries(client.get, url) == one
    html = client.get(url).content.decode()
    for name in ("Chirurgie", "Interne geneeskunde", "Neurologie"):
        assert name in html


def test_development_home_of_hr_in_another_organisation_shows_none_of_our_teams(client, cast):
    other_hr = PersonFactory(organisation=cast.other_organisation, full_name="Hanna Elders")
    give_role(other_hr, Role.HR)
    client.force_login(other_hr)
    response = client.get(reverse("quality:development_home"))
    assert response.status_code == 200
    html = response.content.decode()
    for team in ("Chirurgie", "Cardiologie", "Snijdende specialismen"):
        assert team not in html
