import datetime

from django.utils import timezone

from begeleid.programmes import services
from begeleid.programmes.enums import Capacity, PhaseKind
from tests.authz import Case, only

MANAGERS = ("practice_trainer", "hr")
TRAINERS = ("practice_trainer", "team_leader")
# Who sees the learner's enrolment at all; the rest of the organisation gets 404.
SEES_ENROLMENT = (
    "learner",
    "supervisor",
    "specialist",
    "practice_trainer",
    "assessor",
    "team_leader",
)
NOT_SEEING = dict.fromkeys(
    ("other_learner", "former_supervisor", "hr", "admin", "outsider", "stranger"), 404
)


def _draft(cast):
    cast.extra["draft"] = services.draft_new_version(programme=cast.programme, by=cast.hr)
    cast.extra["draft_phase"] = cast.draft.phases.order_by("position").first()


def _enrolment_only(*personas, ok=200):
    return only(*personas, ok=ok, **NOT_SEEING)


def _phase_data(cast):
    return {
        "name": "Verdieping",
        "kind": PhaseKind.CUSTOM,
        "goals": "Verdiepen in complexe zorg.",
        "expected_autonomy": "4",
        "typical_weeks": "6",
        "target_instruction": "0",
        "target_coaching_on_the_job": "2",
        "target_shadow_day": "0",
        "target_reflection": "2",
        "target_intervision": "1",
    }


def _enrol_data(cast):
    return {
        "learner": cast.other_learner.uuid,
        "version": cast.version.uuid,
        "team": cast.team.uuid,
        "first_supervisor": cast.supervisor.uuid,
        "start_date": timezone.localdate().isoformat(),
        "planned_end_date": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
    }


def _specialist_assignment(cast):
    return cast.enrolment.assignments.get(capacity=Capacity.SPECIALIST).uuid


CASES = [
    Case("programmes:programme_list", only(*MANAGERS, stranger=403)),
    Case("programmes:programme_create", only(*MANAGERS, stranger=403)),
    Case(
        "programmes:programme_create",
        only(*MANAGERS, ok=302, stranger=403),
        method="post",
        data=lambda c: {"name": "Inwerkprogramma", "description": "Voor nieuwe collega's."},
    ),
    Case(
        "programmes:programme_detail",
        only(*MANAGERS),
        kwargs=lambda c: {"uuid": c.programme.uuid},
    ),
    Case(
        "programmes:programme_version_new",
        only(*MANAGERS, ok=302),
        method="post",
        kwargs=lambda c: {"uuid": c.programme.uuid},
    ),
    Case(
        "programmes:programme_version_detail",
        only(*MANAGERS),
        kwargs=lambda c: {"uuid": c.version.uuid},
    ),
    Case(
        "programmes:programme_version_edit",
        only(*MANAGERS),
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft.uuid},
    ),
    Case(
        "programmes:programme_version_edit",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft.uuid},
        data=lambda c: {"description": "Nieuwe versie.", "target_professions": [c.nurse.uuid]},
    ),
    Case(
        "programmes:programme_version_publish",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft.uuid},
    ),
    Case(
        "programmes:programme_phase_add",
        only(*MANAGERS),
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft.uuid},
    ),
    Case(
        "programmes:programme_phase_add",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft.uuid},
        data=_phase_data,
    ),
    Case(
        "programmes:programme_phase_edit",
        only(*MANAGERS),
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft_phase.uuid},
    ),
    Case(
        "programmes:programme_phase_edit",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft_phase.uuid},
        data=_phase_data,
    ),
    Case(
        "programmes:programme_phase_move",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft_phase.uuid},
        data=lambda c: {"direction": "down"},
    ),
    Case(
        "programmes:programme_phase_remove",
        only(*MANAGERS, ok=302),
        method="post",
        setup=_draft,
        kwargs=lambda c: {"uuid": c.draft_phase.uuid},
    ),
    Case("programmes:enrolment_list", only(*TRAINERS, stranger=403)),
    Case("programmes:enrol", only(*TRAINERS, stranger=403)),
    Case(
        "programmes:enrol",
        only(*TRAINERS, ok=302, stranger=403),
        method="post",
        data=_enrol_data,
    ),
    Case(
        "programmes:enrolment_detail",
        _enrolment_only(*SEES_ENROLMENT),
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
    ),
    Case(
        "programmes:enrolment_phase",
        _enrolment_only("supervisor", *TRAINERS),
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
    ),
    Case(
        "programmes:enrolment_phase",
        _enrolment_only("supervisor", *TRAINERS, ok=302),
        method="post",
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
        data=lambda c: {
            "to_phase": c.phases[PhaseKind.EXPLORATION].uuid,
            "reason": "Instructie afgerond.",
        },
    ),
    Case(
        "programmes:enrolment_status",
        _enrolment_only(*TRAINERS),
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
    ),
    Case(
        "programmes:enrolment_status",
        _enrolment_only(*TRAINERS, ok=302),
        method="post",
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
        data=lambda c: {"status": "paused", "reason": "Zwangerschapsverlof."},
    ),
    Case(
        "programmes:assignment_add",
        _enrolment_only(*TRAINERS),
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
    ),
    Case(
        "programmes:assignment_add",
        _enrolment_only(*TRAINERS, ok=302),
        method="post",
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
        data=lambda c: {
            "person": c.outsider.uuid,
            "capacity": Capacity.SUPERVISOR,
            "valid_from": timezone.localdate().isoformat(),
        },
    ),
    Case(
        "programmes:assignment_end",
        _enrolment_only(*TRAINERS, ok=302),
        method="post",
        kwargs=lambda c: {"uuid": _specialist_assignment(c)},
    ),
]
