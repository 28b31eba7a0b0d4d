"""A closed calibration session makes its participants eligible to sign (DESIGN §5).

quality grants the calibration declaration; assessment checks it when someone signs.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.enums import AssessmentStatus
from begeleid.assessment.services.qualifications import (
    ASSESSOR_TRAINING,
    CALIBRATION,
    save_signing_requirements,
)
from begeleid.assessment.tests.cast import decide
from begeleid.quality import services

pytestmark = pytest.mark.django_db


def _calibrate(cast, held_on):
    """Create, score and close a session with the assessor and the practice trainer."""
    session = services.create_session(
        team=cast.team,
        title="Kalibratie afvinklijst",
        held_on=held_on,
        rubric_version=cast.epa_version,
        participants=[cast.assessor, cast.practice_trainer],
        case={"title": "Casus C", "description": "Avonddienst.", "evidence": "Observatie."},
        by=cast.team_leader,
    )
    case = session.cases.get()
    for person, value in ((cast.assessor, 3), (cast.practice_trainer, 3)):
        services.record_scores(
            case=case,
            assessor=person,
            values={c: value for c in cast.epa_version.criteria.all()},
            by=person,
        )
    return services.close_session(
        session=session, agreed_reading="Niveau 3 is zelfstandig.", by=cast.team_leader
    )


def test_assessor_signs_only_after_a_calibration_session_closes(cast, login):
    decide(cast, cast.assessment, cast.assessor)  # recorded before the rule came in
    save_signing_requirements(
        organisation=cast.organisation,
        settings={ASSESSOR_TRAINING: (True, None), CALIBRATION: (True, 12)},
        by=cast.hr,
    )
    url = reverse("assessment:assessment_sign", kwargs={"uuid": cast.assessment.uuid})

    refused = login(cast.assessor).post(url)

    assert refused.status_code == 403
    assert "Je mist: kalibratiesessie in de afgelopen 12 maanden." in refused.content.decode()

    _calibrate(cast, held_on=timezone.localdate() - datetime.timedelta(days=10))
    signed = login(cast.assessor).post(url)

    assert signed.status_code == 302
    cast.assessment.refresh_from_db()
    assert cast.assessment.status == AssessmentStatus.SIGNED
    assert cast.assessment.signed_at is not None


def test_a_calibration_older_than_the_window_does_not_count(cast, login):
    save_signing_requirements(
        organisation=cast.organisation, settings={CALIBRATION: (True, 6)}, by=cast.hr
    )
    _calibrate(cast, held_on=timezone.localdate() - datetime.timedelta(days=250))

    response = login(cast.assessor).get(
        reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    )

    assert response.status_code == 403
    assert "Je mist: kalibratiesessie in de afgelopen 6 maanden." in response.content.decode()
