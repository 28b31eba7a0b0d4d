"""Writes for calibration sessions: set up, score, close (and grant the calibration declaration)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.assessment.enums import RubricStatus, ScaleKind
from begeleid.assessment.models import Competence
from begeleid.assessment.services import qualifications
from begeleid.assessment.services.qualifications import ensure_qualification_competences
from begeleid.assessment.services.register import declare_competence, validity_end
from begeleid.core.audit import record_audit

from .agreement import session_results
from .enums import SessionStatus
from .models import CalibrationCase, CalibrationParticipant, CalibrationScore, CalibrationSession

# Well-known identifiers, defined by the assessment app (which checks them when someone signs).
QUALIFICATIONS_FRAMEWORK = qualifications.QUALIFICATIONS_FRAMEWORK
CALIBRATION_COMPETENCE = qualifications.CALIBRATION
CALIBRATION_VALIDITY_MONTHS = 12


class CalibrationError(ValueError):
    """A request the session's state does not allow; the message is for the user."""


def calibration_competence(*, organisation, by) -> Competence:
    """The organisation's calibration competence (the assessment app creates it on first use)."""
    return ensure_qualification_competences(organisation=organisation, by=by)[
        CALIBRATION_COMPETENCE
    ]


def measurement_level(rubric_version) -> str:
    """Ordered scale levels are ordinal; a two-valued competent/not yet scale is nominal."""
    return "nominal" if rubric_version.scale.kind == ScaleKind.BINARY else "ordinal"


def create_session(*, team, title, held_on, rubric_version, participants, case, by):
    """A session with its assessors and first case; ``case`` has title, description, evidence."""
    if rubric_version.status != RubricStatus.PUBLISHED:
        raise CalibrationError(_("Kies een gepubliceerde rubric."))
    if len(participants) < 2:
        raise CalibrationError(_("Kies minstens twee beoordelaars."))
    with transaction.atomic():
        session = CalibrationSession.objects.create(
            organisation_id=team.organisation_id,
            team=team,
            title=title,
            held_on=held_on,
            rubric_version=rubric_version,
            created_by=by,
        )
        CalibrationParticipant.objects.bulk_create(
            CalibrationParticipant(organisation_id=team.organisation_id, session=session, person=p)
            for p in participants
        )
        CalibrationCase.objects.create(
            organisation_id=team.organisation_id, session=session, position=1, **case
        )
        record_audit(
            by=by,
            action="quality.create_calibration_session",
            obj=session,
            changes={"participants": [str(p.uuid) for p in participants]},
        )
    return session


def add_case(*, session, title, description, evidence, by) -> CalibrationCase:
    with transaction.atomic():
        session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
        if not session.is_open:
            raise CalibrationError(_("Deze sessie is afgesloten."))
        position = (
            session.cases.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        case = CalibrationCase.objects.create(
            organisation_id=session.organisation_id,
            session=session,
            position=position,
            title=title,
            description=description,
            evidence=evidence,
        )
        record_audit(by=by, action="quality.add_calibration_case", obj=case)
    return case


def record_scores(*, case, assessor, values: dict, by) -> None:
    """Save (or change, while the session is open) one assessor's scores for one case.

    ``values`` maps each criterion of the session's rubric version to a scale value.
    """
    with transaction.atomic():
        session = CalibrationSession.objects.select_for_update().get(pk=case.session_id)
        if not session.is_open:
            raise CalibrationError(_("Deze sessie is afgesloten; scores liggen vast."))
        allowed = set(session.rubric_version.scale.levels.values_list("value", flat=True))
        criteria = set(session.rubric_version.criteria.values_list("pk", flat=True))
        if {c.pk for c in values} != criteria or not set(values.values()) <= allowed:
            raise CalibrationError(_("Geef voor elk criterium een niveau van de schaal."))
        for criterion, value in values.items():
            CalibrationScore.objects.update_or_create(
                case=case,
                criterion=criterion,
                assessor=assessor,
                defaults={
                    "organisation_id": session.organisation_id,
                    "session": session,
                    "value": value,
                },
            )
    # Scores are not accountable changes until the session closes; closing audits them all.


def close_session(*, session, agreed_reading: str, by) -> CalibrationSession:
    """Freeze the scores, compute agreement, record the agreed reading, grant declarations.

    Every participant who scored every criterion of every case receives the
    organisation's calibration declaration, valid for twelve months from the session date.
    """
    if not agreed_reading.strip():
        raise CalibrationError(_("Schrijf de afgesproken lezing van de rubric op."))
    with transaction.atomic():
        session = (
            CalibrationSession.objects.select_for_update()
            .select_related("rubric_version__scale", "organisation")
            .get(pk=session.pk)
        )
        if not session.is_open:
            raise CalibrationError(_("Deze sessie is al afgesloten."))
        cases = list(session.cases.values_list("pk", flat=True))
        criteria = list(session.rubric_version.criteria.values_list("pk", flat=True))
        participants = list(session.participants.select_related("person"))
        scores = {(s.case_id, s.criterion_id, s.assessor_id): s.value for s in session.scores.all()}
        raters = [p.person_id for p in participants if any(k[2] == p.person_id for k in scores)]
        if len(raters) < 2:
            raise CalibrationError(_("Er zijn scores van minstens twee beoordelaars nodig."))
        session.results = session_results(
            cases=cases,
            criteria=criteria,
            assessors=raters,
            scores=scores,
            categories=list(session.rubric_version.scale.levels.values_list("value", flat=True)),
            level=measurement_level(session.rubric_version),
        )
        session.status = SessionStatus.CLOSED
        session.closed_at = timezone.now()
        session.closed_by = by
        session.agreed_reading = agreed_reading.strip()
        session.save()
        competence = calibration_competence(organisation=session.organisation, by=by)
        units = len(cases) * len(criteria)
        granted = []
        for participant in participants:
            done = sum(1 for k in scores if k[2] == participant.person_id)
            if units and done == units:
                participant.declaration = declare_competence(
                    person=participant.person,
                    competence=competence,
                    valid_from=session.held_on,
                    valid_until=validity_end(session.held_on, CALIBRATION_VALIDITY_MONTHS),
                    by=by,
                )
                participant.save(update_fields=["declaration", "updated_at"])
                granted.append(str(participant.person.uuid))
        record_audit(
            by=by,
            action="quality.close_calibration_session",
            obj=session,
            changes={
                "scores": len(scores),
                "overall": session.results["overall"],
                "declarations": granted,
            },
        )
    return session
