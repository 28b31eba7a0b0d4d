import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from begeleid.core.models import AuditEvent
from begeleid.programmes import services
from begeleid.programmes.enums import (
    Capacity,
    EnrolmentStatus,
    GuidanceForm,
    PhaseKind,
    VersionStatus,
)
from begeleid.programmes.models import PhaseTransition, SupervisionAssignment
from begeleid.programmes.queries import supervised_enrolments

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
FROZEN = "Versie 1 is gepubliceerd en kan niet meer worden gewijzigd. Maak een nieuwe versie om iets aan te passen."


def _actions(obj):
    return list(AuditEvent.objects.filter(object_uuid=obj.uuid).values_list("action", flat=True))


def test_create_programme_starts_a_draft_with_the_four_phases(cast):
    programme = services.create_programme(
        organisation=cast.organisation,
        name="Inwerken OK",
        description="",
        by=cast.hr,
        target_professions=[cast.nurse],
    )
    version = programme.versions.get()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert list(version.target_professions.all()) == [cast.nurse]
    phases = list(version.phases.order_by("position"))
    assert [(p.position, p.kind, p.name, p.expected_autonomy) for p in phases] == [
        (1, PhaseKind.SOCIALISATION, "Socialisatie", 1),
        (2, PhaseKind.INSTRUCTION, "Instructie", 2),
        (3, PhaseKind.EXPLORATION, "Exploratie", 3),
        (4, PhaseKind.EVALUATION, "Evaluatie", 4),
    ]
    assert {t.form: t.per_four_weeks for t in phases[1].guidance_targets.all()} == {
        GuidanceForm.INSTRUCTION: 4,
        GuidanceForm.COACHING_ON_THE_JOB: 4,
        GuidanceForm.REFLECTION: 2,
    }
    assert programme.code == "inwerken-ok"
    assert _actions(programme) == ["programmes.create_programme"]


def _phase_fields(**overrides):
    fields = {
        "name": "Verdieping",
        "kind": PhaseKind.CUSTOM,
        "goals": "Complexe zorg.",
        "expected_autonomy": 4,
        "typical_weeks": 6,
        "targets": {GuidanceForm.REFLECTION: 2},
    }
    fields.update(overrides)
    return fields


def test_published_version_refuses_every_edit(cast):
    version, phase = cast.version, cast.phases[PhaseKind.INSTRUCTION]
    attempts = [
        lambda: services.update_phase(phase=phase, by=cast.hr, **_phase_fields()),
        lambda: services.add_phase(version=version, by=cast.hr, **_phase_fields()),
        lambda: services.move_phase(phase=phase, direction="up", by=cast.hr),
        lambda: services.remove_phase(phase=phase, by=cast.hr),
        lambda: services.update_version(
            version=version, description="x", target_professions=[], by=cast.hr
        ),
        lambda: services.publish_version(version=version, by=cast.hr),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [FROZEN]
    phase.refresh_from_db()
    assert (phase.name, phase.position) == ("Instructie", 2)
    assert version.phases.count() == 4


def test_draft_new_version_copies_the_latest_and_publishing_retires_it(cast):
    draft = services.draft_new_version(programme=cast.programme, by=cast.hr)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert list(draft.phases.order_by("position").values_list("name", "expected_autonomy")) == [
        ("Socialisatie", 1),
        ("Instructie", 2),
        ("Exploratie", 3),
        ("Evaluatie", 4),
    ]
    assert list(draft.target_professions.all()) == [cast.nurse]
    copied = draft.phases.get(kind=PhaseKind.INSTRUCTION)
    assert copied.guidance_targets.count() == 3
    with pytest.raises(ValidationError):
        services.draft_new_version(programme=cast.programme, by=cast.hr)

    services.publish_version(version=draft, by=cast.hr)
    cast.version.refresh_from_db()
    draft.refresh_from_db()
    assert (cast.version.status, draft.status) == (VersionStatus.RETIRED, VersionStatus.PUBLISHED)
    assert draft.published_by == cast.hr
    cast.enrolment.refresh_from_db()
    assert cast.enrolment.version == cast.version
    assert _actions(draft) == ["programmes.publish_version", "programmes.draft_new_version"]


def test_phases_of_a_draft_can_be_added_moved_edited_and_removed(cast):
    draft = services.draft_new_version(programme=cast.programme, by=cast.hr)
    extra = services.add_phase(
        version=draft, by=cast.hr, **_phase_fields(kind=PhaseKind.INSTRUCTION, name="Instructie 2")
    )
    assert extra.position == 5
    services.move_phase(phase=extra, direction="up", by=cast.hr)
    names = lambda: list(draft.phases.order_by("position").values_list("name", flat=True))  # noqa: E731
    assert names() == ["Socialisatie", "Instructie", "Exploratie", "Instructie 2", "Evaluatie"]
    with pytest.raises(ValidationError):
        services.move_phase(phase=draft.phases.get(position=1), direction="up", by=cast.hr)
    services.update_phase(
        phase=extra,
        by=cast.hr,
        **_phase_fields(name="Herhaling instructie", targets={GuidanceForm.INSTRUCTION: 3}),
    )
    extra.refresh_from_db()
    assert extra.name == "Herhaling instructie"
    assert [(t.form, t.per_four_weeks) for t in extra.guidance_targets.all()] == [
        (GuidanceForm.INSTRUCTION, 3)
    ]
    services.remove_phase(phase=draft.phases.get(name="Socialisatie"), by=cast.hr)
    assert list(draft.phases.order_by("position").values_list("position", "name")) == [
        (1, "Instructie"),
        (2, "Exploratie"),
        (3, "Herhaling instructie"),
        (4, "Evaluatie"),
    ]


def test_enrol_learner_starts_in_the_first_phase_with_a_first_supervisor(cast):
    start = TODAY()
    enrolment = services.enrol_learner(
        learner=cast.outsider,
        version=cast.version,
        team=cast.team,
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=200),
        first_supervisor=cast.supervisor,
        by=cast.practice_trainer,
    )
    assert enrolment.current_phase == cast.phases[PhaseKind.SOCIALISATION]
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.first_supervisor == cast.supervisor
    transition = enrolment.phase_transitions.get()
    assert (transition.from_phase, transition.to_phase, transition.by) == (
        None,
        cast.phases[PhaseKind.SOCIALISATION],
        cast.practice_trainer,
    )
    assert _actions(enrolment) == ["programmes.enrol_learner"]


def test_enrol_learner_refuses_a_draft_version(cast):
    draft = services.draft_new_version(programme=cast.programme, by=cast.hr)
    with pytest.raises(ValidationError) as error:
        services.enrol_learner(
            learner=cast.outsider,
            version=draft,
            team=cast.team,
            start_date=TODAY(),
            planned_end_date=TODAY(),
            first_supervisor=cast.supervisor,
            by=cast.practice_trainer,
        )
    assert error.value.messages == ["Alleen een gepubliceerde versie kan worden gekozen."]


def test_new_first_supervisor_ends_the_previous_one(cast):
    enrolment = cast.enrolment
    services.assign_supervisor(
        enrolment=enrolment,
        person=cast.outsider,
        capacity=Capacity.FIRST_SUPERVISOR,
        valid_from=TODAY(),
        by=cast.practice_trainer,
    )
    firsts = enrolment.assignments.filter(capacity=Capacity.FIRST_SUPERVISOR)
    assert list(firsts.order_by("id").values_list("person_id", "valid_until")) == [
        (cast.supervisor.pk, TODAY()),
        (cast.outsider.pk, None),
    ]
    assert list(firsts.active().values_list("person_id", flat=True)) == [cast.outsider.pk]
    assert list(supervised_enrolments(cast.supervisor)) == []
    assert "programmes.assign_supervisor" in _actions(enrolment)


def test_database_refuses_two_open_first_supervisors(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionAssignment.objects.create(
            organisation=cast.organisation,
            enrolment=cast.enrolment,
            person=cast.outsider,
            capacity=Capacity.FIRST_SUPERVISOR,
            valid_from=TODAY(),
        )


def test_end_assignment_ends_a_specialist_but_not_the_first_supervisor(cast):
    specialist = cast.enrolment.assignments.get(capacity=Capacity.SPECIALIST)
    services.end_assignment(assignment=specialist, by=cast.practice_trainer)
    specialist.refresh_from_db()
    assert specialist.valid_until == TODAY()
    assert list(supervised_enrolments(cast.specialist)) == []
    first = cast.enrolment.assignments.get(capacity=Capacity.FIRST_SUPERVISOR)
    with pytest.raises(ValidationError) as error:
        services.end_assignment(assignment=first, by=cast.practice_trainer)
    assert error.value.messages == [
        "Een leertraject heeft altijd een eerste begeleider. Wijs een nieuwe eerste "
        "begeleider aan; daarmee eindigt de huidige."
    ]


def test_change_phase_records_the_transition_and_audits(cast):
    enrolment = cast.enrolment
    exploration = cast.phases[PhaseKind.EXPLORATION]
    services.change_phase(
        enrolment=enrolment, to_phase=exploration, reason="Klaar voor meer.", by=cast.supervisor
    )
    enrolment.refresh_from_db()
    assert enrolment.current_phase == exploration
    latest = PhaseTransition.objects.filter(enrolment=enrolment).order_by("-at", "-id").first()
    assert (latest.from_phase, latest.to_phase, latest.by, latest.reason) == (
        cast.phases[PhaseKind.INSTRUCTION],
        exploration,
        cast.supervisor,
        "Klaar voor meer.",
    )
    event = AuditEvent.objects.get(object_uuid=enrolment.uuid, action="programmes.change_phase")
    assert event.changes == {
        "current_phase": {"old": "Instructie", "new": "Exploratie"},
        "reason": "Klaar voor meer.",
    }
    with pytest.raises(ValidationError):
        services.change_phase(enrolment=enrolment, to_phase=exploration, reason="x", by=cast.hr)
    with pytest.raises(ValidationError):
        services.change_phase(
            enrolment=enrolment,
            to_phase=cast.phases[PhaseKind.EVALUATION],
            reason=" ",
            by=cast.hr,
        )


def test_change_enrolment_status_audits_and_final_status_ends_assignments(cast):
    enrolment = cast.enrolment
    services.change_enrolment_status(
        enrolment=enrolment, status=EnrolmentStatus.PAUSED, reason="Verlof.", by=cast.team_leader
    )
    services.change_enrolment_status(
        enrolment=enrolment,
        status=EnrolmentStatus.STOPPED,
        reason="Vertrokken.",
        by=cast.team_leader,
    )
    events = AuditEvent.objects.filter(
        object_uuid=enrolment.uuid, action="programmes.change_enrolment_status"
    ).order_by("id")
    assert [e.changes for e in events] == [
        {"status": {"old": "active", "new": "paused"}, "reason": "Verlof."},
        {"status": {"old": "paused", "new": "stopped"}, "reason": "Vertrokken."},
    ]
    assert not enrolment.assignments.filter(valid_until__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.change_enrolment_status(
            enrolment=enrolment, status=EnrolmentStatus.ACTIVE, reason="Terug.", by=cast.team_leader
        )


def test_assignment_without_a_profession_takes_the_persons_own(cast):
    from begeleid.programmes.enums import Capacity
    from begeleid.programmes.services import assign_supervisor

    assignment = assign_supervisor(
        enrolment=cast.other_enrolment,
        person=cast.specialist,
        capacity=Capacity.SPECIALIST,
        by=cast.practice_trainer,
    )
    assert assignment.profession == cast.physio
    chosen = assign_supervisor(
        enrolment=cast.other_enrolment,
        person=cast.supervisor,
        capacity=Capacity.SUPERVISOR,
        profession=cast.physio,
        by=cast.practice_trainer,
    )
    assert chosen.profession == cast.physio
