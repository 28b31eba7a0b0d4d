import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import Assessment, Score
from begeleid.assessment.progress import level_text, radar_geometry
from begeleid.assessment.services.decisions import (
    ScoreInput,
    open_assessment,
    record_decision,
    sign_assessment,
)
from begeleid.core.models import AccessEvent
from begeleid.organisations.enums import Role
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment
from tests.factories import PersonFactory, give_role

POINT = re.compile(
    r'<circle cx="([\d.]+)" cy="([\d.]+)" r="5" [^>]*data-competence="([^"]*)" data-level="([^"]*)"'
)


def _sign(cast, enrolment, competence, levels):
    """Open, score (one level value per criterion, in order), decide and sign."""
    assessment = open_assessment(
        enrolment=enrolment, competence=competence, by=cast.practice_trainer, as_learner=False
    )
    version = cast.rubric_version
    scale = {level.value: level for level in version.scale.levels.all()}
    criteria = list(version.criteria.order_by("position"))
    scores = [ScoreInput(c, scale[levels[i % len(levels)]], "") for i, c in enumerate(criteria)]
    decided = record_decision(
        assessment=assessment,
        by=cast.assessor,
        rubric_version=version,
        scores=scores,
        evidence=[],
        outcome="competent",
        rationale="Voert de handeling volgens protocol uit.",
        feedforward="Blijf de dubbele controle hardop benoemen.",
    )
    return sign_assessment(assessment=decided, by=cast.assessor)


def _progress_url(enrolment):
    return reverse("assessment:learner_progress", kwargs={"uuid": enrolment.uuid})


def _cohort_url(cast):
    return reverse("assessment:cohort_progress", kwargs={"uuid": cast.programme.uuid})


def _expected_latest(enrolment):
    """Mean score level of the latest signed decision per competence code, from the rows."""
    expected = {}
    for a in Assessment.objects.filter(enrolment=enrolment, signed_at__isnull=False).order_by(
        "signed_at", "id"
    ):
        values = [s.level.value for s in Score.objects.filter(assessment=a)]
        expected[a.competence.code] = round(sum(values) / len(values), 2)
    return expected


def test_learner_progress_radar_points_match_the_latest_signed_scores(cast, client):
    care = cast.signed_assessment.competence
    _sign(cast, cast.enrolment, care, [1])  # later decision on the same competence: level 1
    cast.assessment.delete()  # the open request for injecting makes way for a signed one
    _sign(cast, cast.enrolment, cast.competence, [2, 1])
    client.force_login(cast.learner)
    response = client.get(_progress_url(cast.enrolment))
    assert response.status_code == 200
    points = POINT.findall(response.content.decode())
    expected = _expected_latest(cast.enrolment)
    assert {code: float(level) for _x, _y, code, level in points} == expected
    assert expected["VH"] == 1.0
    progress = response.context["progress"]
    geometry = radar_geometry(progress.axes)
    assert [(x, y, code, level) for x, y, code, level in points] == [
        (f"{px:.1f}", f"{py:.1f}", a.competence.code, level_text(a.level))
        for a, _end, (px, py), _self in geometry
    ]


def test_learner_progress_draws_a_line_per_competence_with_every_signed_decision(cast, client):
    _sign(cast, cast.enrolment, cast.signed_assessment.competence, [1])
    client.force_login(cast.supervisor)
    response = client.get(_progress_url(cast.enrolment))
    series = response.context["progress"].series
    assert [(s.competence.code, [p.level for p in s.points]) for s in series] == [
        ("VH", [2.0, 1.0])
    ]
    body = response.content.decode()
    assert body.count("<polyline ") == 1
    assert 'aria-labelledby="trend-title trend-desc"' in body
    assert "Er is nog geen zelfbeoordeling met een eigen inschatting per bekwaamheid." in body
    assert "data-self-level" not in body


def test_learner_progress_leaves_out_a_decision_replaced_by_a_signed_correction(cast, client):
    original = cast.signed_assessment
    correction = Assessment.objects.create(
        organisation=cast.organisation,
        enrolment=cast.enrolment,
        competence=original.competence,
        requested_by=cast.assessor,
        supersedes=original,
        correction_reason="Verkeerd criterium gescoord.",
    )
    record_decision(
        assessment=correction,
        by=cast.assessor,
        rubric_version=cast.rubric_version,
        scores=[
            ScoreInput(c, cast.rubric_version.scale.levels.get(value=1), "")
            for c in cast.rubric_version.criteria.all()
        ],
        evidence=[],
        outcome="competent",
        rationale="Gecorrigeerd.",
        feedforward="Oefen verder.",
    )
    sign_assessment(assessment=Assessment.objects.get(pk=correction.pk), by=cast.assessor)
    client.force_login(cast.learner)
    series = client.get(_progress_url(cast.enrolment)).context["progress"].series
    assert [[p.level for p in s.points] for s in series] == [[1.0]]


def test_learner_progress_without_signed_decisions_says_so(cast, client):
    client.force_login(cast.other_learner)
    response = client.get(_progress_url(cast.other_enrolment))
    assert response.status_code == 200
    assert "Er zijn nog geen ondertekende beoordelingen met scores" in response.content.decode()
    assert b"<svg xmlns" not in response.content


def test_learner_progress_records_access_by_others_only(cast, client):
    client.force_login(cast.learner)
    client.get(_progress_url(cast.enrolment))
    assert AccessEvent.objects.filter(subject=cast.learner).count() == 0
    client.force_login(cast.team_leader)
    client.get(_progress_url(cast.enrolment))
    event = AccessEvent.objects.get(subject=cast.learner)
    assert (event.viewer, event.what) == (cast.team_leader, "assessment.progress")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_learner_progress_queries_do_not_grow_with_decisions(cast, client):
    client.force_login(cast.supervisor)
    one = _count(client, _progress_url(cast.enrolment))
    _sign(cast, cast.enrolment, cast.signed_assessment.competence, [1])
    cast.assessment.delete()
    _sign(cast, cast.enrolment, cast.competence, [2])
    assert Assessment.objects.filter(enrolment=cast.enrolment, signed_at__isnull=False).count() == 3
    assert _count(client, _progress_url(cast.enrolment)) == one


def _enrol(cast, name):
    learner = PersonFactory(organisation=cast.organisation, full_name=name)
    give_role(learner, Role.LEARNER, cast.team)
    return Enrolment.objects.create(
        organisation=cast.organisation,
        learner=learner,
        version=cast.version,
        team=cast.team,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        planned_end_date=timezone.localdate() + datetime.timedelta(days=300),
        status=EnrolmentStatus.ACTIVE,
        current_phase=cast.enrolment.current_phase,
    )


def test_cohort_progress_counts_learners_per_current_level(cast, client):
    care = cast.signed_assessment.competence
    _sign(cast, cast.other_enrolment, care, [1])
    _sign(cast, _enrol(cast, "Derde Lerende"), care, [2])
    client.force_login(cast.practice_trainer)
    response = client.get(_cohort_url(cast))
    data = response.context["progress"]
    assert data.learners == 3
    assert [(r.competence.code, r.counts) for r in data.rows] == [("VH", [1, 2])]
    body = response.content.decode()
    assert body.count('role="img"') == 1
    assert "Verdeling van niveaus: VH" in body


def test_cohort_progress_queries_do_not_grow_with_learners(cast, client):
    care = cast.signed_assessment.competence
    client.force_login(cast.team_leader)
    one = _count(client, _cohort_url(cast))
    _sign(cast, cast.other_enrolment, care, [1])
    _sign(cast, _enrol(cast, "Derde Lerende"), care, [2])
    assert _count(client, _cohort_url(cast)) == one


def test_cohort_progress_shows_only_the_trainers_own_teams(cast, client):
    trainer = PersonFactory(organisation=cast.organisation, full_name="Andere Opleider")
    give_role(trainer, Role.PRACTICE_TRAINER, cast.other_team)
    client.force_login(trainer)
    response = client.get(_cohort_url(cast))
    assert response.status_code == 200
    assert response.context["progress"].learners == 0
    assert response.context["progress"].rows == []
    assert "Derde" not in response.content.decode()


def test_progress_of_another_organisation_is_not_found(cast, client):
    client.force_login(cast.stranger)
    assert client.get(_progress_url(cast.enrolment)).status_code == 404
    assert client.get(_cohort_url(cast)).status_code == 404


def test_cohort_progress_names_learners_without_a_signed_level(cast, client):
    client.force_login(cast.practice_trainer)
    response = client.get(_cohort_url(cast))
    row = response.context["progress"].rows[0]
    assert (row.competence.code, row.counts, row.unassessed) == ("VH", [0, 1], 1)
    assert "1 lerende heeft hier nog geen ondertekend niveau." in response.content.decode()
