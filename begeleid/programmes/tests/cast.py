"""The cast's programme, its published version, and the learners' enrolments."""

import datetime

from django.utils import timezone

from begeleid.programmes.defaults import DEFAULT_PHASES
from begeleid.programmes.enums import Capacity, EnrolmentStatus, PhaseKind, VersionStatus
from begeleid.programmes.models import (
    Enrolment,
    Phase,
    PhaseGuidanceTarget,
    PhaseTransition,
    Programme,
    ProgrammeVersion,
    SupervisionAssignment,
)


def extend(cast):
    org = cast.organisation
    today = timezone.localdate()
    programme = Programme.objects.create(
        organisation=org,
        name="Inservice-opleiding verpleegkunde",
        code="inservice-verpleegkunde",
        description="Opleiding tot verpleegkundige in de praktijk.",
    )
    version = ProgrammeVersion.objects.create(
        organisation=org,
        programme=programme,
        number=1,
        status=VersionStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=200),
        published_by=cast.people["hr"],
    )
    version.target_professions.add(cast.nurse)
    phases = {}
    for position, spec in enumerate(DEFAULT_PHASES, start=1):
        phase = Phase.objects.create(
            organisation=org,
            version=version,
            position=position,
            kind=spec["kind"],
            name=str(spec["name"]),
            goals=str(spec["goals"]),
            expected_autonomy=spec["expected_autonomy"],
            typical_weeks=spec["typical_weeks"],
        )
        for form, count in spec["targets"].items():
            PhaseGuidanceTarget.objects.create(
                organisation=org, phase=phase, form=form, per_four_weeks=count
            )
        phases[spec["kind"]] = phase

    def enrol(learner, phase):
        enrolment = Enrolment.objects.create(
            organisation=org,
            learner=learner,
            version=version,
            team=cast.team,
            start_date=today - datetime.timedelta(days=60),
            planned_end_date=today + datetime.timedelta(days=300),
            status=EnrolmentStatus.ACTIVE,
            current_phase=phase,
        )
        PhaseTransition.objects.create(
            organisation=org,
            enrolment=enrolment,
            from_phase=None,
            to_phase=phases[PhaseKind.SOCIALISATION],
            at=timezone.now() - datetime.timedelta(days=60),
            by=cast.people["practice_trainer"],
            reason="Start van het leertraject.",
        )
        if phase.kind != PhaseKind.SOCIALISATION:
            PhaseTransition.objects.create(
                organisation=org,
                enrolment=enrolment,
                from_phase=phases[PhaseKind.SOCIALISATION],
                to_phase=phase,
                at=timezone.now() - datetime.timedelta(days=30),
                by=cast.people["practice_trainer"],
                reason="Socialisatie afgerond.",
            )
        return enrolment

    def assign(enrolment, person, capacity, *, profession=None, since=60, until=None):
        return SupervisionAssignment.objects.create(
            organisation=org,
            enrolment=enrolment,
            person=person,
            capacity=capacity,
            profession=profession or person.profession,
            valid_from=today - datetime.timedelta(days=since),
            valid_until=until,
        )

    enrolment = enrol(cast.people["learner"], phases[PhaseKind.INSTRUCTION])
    assign(enrolment, cast.people["supervisor"], Capacity.FIRST_SUPERVISOR)
    assign(enrolment, cast.people["specialist"], Capacity.SPECIALIST, profession=cast.physio)
    assign(
        enrolment,
        cast.people["former_supervisor"],
        Capacity.SUPERVISOR,
        until=today - datetime.timedelta(days=10),
    )
    assign(enrolment, cast.people["practice_trainer"], Capacity.PRACTICE_TRAINER)
    assign(enrolment, cast.people["assessor"], Capacity.ASSESSOR)

    other_enrolment = enrol(cast.people["other_learner"], phases[PhaseKind.SOCIALISATION])
    assign(other_enrolment, cast.people["practice_trainer"], Capacity.FIRST_SUPERVISOR)

    cast.extra["programme"] = programme
    cast.extra["version"] = version
    cast.extra["phases"] = phases
    cast.extra["enrolment"] = enrolment
    cast.extra["other_enrolment"] = other_enrolment
