"""Writes for supervisor development: self-assessments, training records, recognition."""

from django.db import transaction

from begeleid.assessment.models import Competence
from begeleid.assessment.services.qualifications import ensure_qualification_competences
from begeleid.assessment.services.register import declare_competence, validity_end
from begeleid.core.audit import record_audit

from .enums import SupervisorSkill
from .models import SelfAssessment, TrainingRecord
from .queries_development import RECOGNITION_COMPETENCE

RECOGNITION_VALIDITY_MONTHS = 36


def record_self_assessment(*, person, ratings: dict, assessed_on, note="", by) -> list:
    """Add one dated rating per skill given (``ratings``: skill value → 1..5); history stays."""
    rows = [
        SelfAssessment(
            organisation_id=person.organisation_id,
            person=person,
            skill=SupervisorSkill(skill),
            level=level,
            assessed_on=assessed_on,
            note=note,
        )
        for skill, level in ratings.items()
        if level is not None
    ]
    with transaction.atomic():
        SelfAssessment.objects.bulk_create(rows)
        record_audit(
            by=by,
            action="quality.record_self_assessment",
            obj=person,
            changes={"date": assessed_on.isoformat(), **{r.skill: r.level for r in rows}},
        )
    return rows


def add_training_record(
    *, person, team, course, provider, date, hours, cost, certificate_note="", by
) -> TrainingRecord:
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            team=team,
            course=course,
            provider=provider,
            date=date,
            hours=hours,
            cost=cost,
            certificate_note=certificate_note,
            recorded_by=by,
        )
        record_audit(
            by=by,
            action="quality.add_training_record",
            obj=record,
            changes={"person": str(person.uuid), "team": str(team.uuid), "cost": str(cost)},
        )
    return record


def recognition_competence(*, organisation, by) -> Competence:
    """The organisation's 'erkend begeleider' competence (created by assessment on first use)."""
    return ensure_qualification_competences(organisation=organisation, by=by)[
        RECOGNITION_COMPETENCE
    ]


def recognise_supervisor(*, person, valid_from, by):
    """Grant the formal recognition of the supervisor role, valid for three years."""
    with transaction.atomic():
        competence = recognition_competence(organisation=person.organisation, by=by)
        declaration = declare_competence(
            person=person,
            competence=competence,
            valid_from=valid_from,
            valid_until=validity_end(valid_from, RECOGNITION_VALIDITY_MONTHS),
            by=by,
        )
        record_audit(
            by=by,
            action="quality.recognise_supervisor",
            obj=person,
            changes={"declaration": str(declaration.uuid), "from": valid_from.isoformat()},
        )
    return declaration
