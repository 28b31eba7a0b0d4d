import datetime

import pytest
from django.db.models import Count, Q

from begeleid.demo.generator import generate
from begeleid.organisations.enums import Role
from begeleid.programmes.enums import Capacity, EnrolmentStatus, PhaseKind, VersionStatus
from begeleid.programmes.models import Enrolment, ProgrammeVersion, SupervisionAssignment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def test_demo_programmes_are_published_with_their_phases():
    generate("DEMO", seed=3, today=TODAY)
    versions = ProgrammeVersion.objects.select_related("programme").order_by("programme__name")
    assert [(v.programme.name, v.status) for v in versions] == [
        ("Inservice-opleiding verpleegkunde", VersionStatus.PUBLISHED),
        ("Inwerkprogramma nieuwe medewerkers", VersionStatus.PUBLISHED),
        ("Vervolgopleiding IC-verpleegkunde", VersionStatus.PUBLISHED),
    ]
    nursing = versions[0]
    assert list(nursing.phases.order_by("position").values_list("kind", flat=True)) == [
        PhaseKind.SOCIALISATION,
        PhaseKind.INSTRUCTION,
        PhaseKind.EXPLORATION,
        PhaseKind.EVALUATION,
    ]
    assert all(phase.guidance_targets.exists() for phase in nursing.phases.all())


def test_demo_enrols_every_learner_with_one_first_supervisor():
    ctx = generate("DEMO", seed=3, today=TODAY)
    org = ctx.organisations[0]
    learners = {person.pk for person, _ in ctx.of(org, Role.LEARNER)}
    enrolments = Enrolment.objects.filter(organisation=org)
    assert set(enrolments.values_list("learner_id", flat=True)) == learners
    assert len(ctx.enrolments[org.id]) == len(learners)
    open_firsts = (
        enrolments.filter(status__in=[EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED])
        .annotate(
            firsts=Count(
                "assignments",
                filter=Q(
                    assignments__capacity=Capacity.FIRST_SUPERVISOR,
                    assignments__valid_until__isnull=True,
                ),
            )
        )
        .values_list("firsts", flat=True)
    )
    assert set(open_firsts) == {1}
    # Every enrolment's history ends in its current phase.
    for enrolment in enrolments.prefetch_related("phase_transitions"):
        latest = max(enrolment.phase_transitions.all(), key=lambda t: (t.at, t.pk))
        assert latest.to_phase_id == enrolment.current_phase_id


def test_demo_persona_learner_is_in_exploration_with_the_persona_guides():
    ctx = generate("DEMO", seed=3, today=TODAY)
    p = ctx.personas
    enrolment = Enrolment.objects.get(learner=p["learner"])
    assert enrolment.version.programme.name == "Inservice-opleiding verpleegkunde"
    assert enrolment.current_phase.kind == PhaseKind.EXPLORATION
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assigned = set(
        SupervisionAssignment.objects.filter(enrolment=enrolment).values_list(
            "person_id", "capacity"
        )
    )
    assert assigned == {
        (p["supervisor"].pk, Capacity.FIRST_SUPERVISOR),
        (p["specialist"].pk, Capacity.SPECIALIST),
        (p["practice_trainer"].pk, Capacity.PRACTICE_TRAINER),
        (p["assessor"].pk, Capacity.ASSESSOR),
    }
    assert list(
        enrolment.phase_transitions.order_by("at").values_list("to_phase__kind", flat=True)
    ) == [
        PhaseKind.SOCIALISATION,
        PhaseKind.INSTRUCTION,
        PhaseKind.EXPLORATION,
    ]


def test_demo_spreads_enrolments_over_every_phase():
    generate("S", seed=5, today=TODAY)
    kinds = set(Enrolment.objects.values_list("current_phase__kind", flat=True))
    assert {PhaseKind.SOCIALISATION, PhaseKind.INSTRUCTION, PhaseKind.EXPLORATION} <= kinds
    assert PhaseKind.EVALUATION in kinds
    # Skewed: the busiest supervisor has clearly more learners than the median one.
    counts = sorted(
        SupervisionAssignment.objects.filter(capacity=Capacity.FIRST_SUPERVISOR)
        .values("person")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert counts[-1] >= 3 * counts[len(counts) // 2]
    assert SupervisionAssignment.objects.filter(capacity=Capacity.SPECIALIST).exists()
