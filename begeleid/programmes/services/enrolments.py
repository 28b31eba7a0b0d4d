"""Writes about enrolments: enrolling, supervision, phase and status changes. Each is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from ..enums import Capacity, EnrolmentStatus, VersionStatus
from ..models import Enrolment, PhaseTransition, SupervisionAssignment
from .common import locked

FINAL_STATUSES = frozenset({EnrolmentStatus.COMPLETED, EnrolmentStatus.STOPPED})


def _ensure_same_organisation(organisation_id, *objects):
    for obj in objects:
        if obj is not None and obj.organisation_id != organisation_id:
            raise ValidationError(_("Dit hoort niet bij je organisatie."))


def _ensure_open(enrolment):
    if enrolment.status in FINAL_STATUSES:
        raise ValidationError(
            _("Dit leertraject is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": enrolment.get_status_display()}
        )


@transaction.atomic
def enrol_learner(
    *, learner, version, team, start_date, planned_end_date, first_supervisor, reason="", by
):
    """Enrol a learner on a published version in its first phase, with a first supervisor."""
    _ensure_same_organisation(version.organisation_id, learner, team, first_supervisor)
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Alleen een gepubliceerde versie kan worden gekozen."))
    if planned_end_date < start_date:
        raise ValidationError(_("De geplande einddatum ligt voor de startdatum."))
    if first_supervisor.pk == learner.pk:
        raise ValidationError(_("Een lerende kan niet de eigen eerste begeleider zijn."))
    first_phase = version.phases.order_by("position", "id").first()
    enrolment = Enrolment.objects.create(
        organisation_id=version.organisation_id,
        learner=learner,
        version=version,
        team=team,
        start_date=start_date,
        planned_end_date=planned_end_date,
        status=EnrolmentStatus.ACTIVE,
        current_phase=first_phase,
    )
    PhaseTransition.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        from_phase=None,
        to_phase=first_phase,
        by=by,
        reason=reason or _("Start van het leertraject."),
    )
    SupervisionAssignment.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        person=first_supervisor,
        capacity=Capacity.FIRST_SUPERVISOR,
        profession=first_supervisor.profession,
        valid_from=start_date,
    )
    record_audit(
        by=by,
        action="programmes.enrol_learner",
        obj=enrolment,
        changes={
            "learner": {"old": None, "new": str(learner)},
            "version": {"old": None, "new": str(version)},
            "team": {"old": None, "new": str(team)},
            "first_supervisor": {"old": None, "new": str(first_supervisor)},
            "current_phase": {"old": None, "new": str(first_phase)},
        },
    )
    return enrolment


@transaction.atomic
def assign_supervisor(*, enrolment, person, capacity, profession=None, valid_from=None, by):
    """Add an assignment. A new first supervisor ends the current one on the same day."""
    enrolment = locked(Enrolment, enrolment)
    _ensure_open(enrolment)
    _ensure_same_organisation(enrolment.organisation_id, person, profession)
    valid_from = valid_from or timezone.localdate()
    if person.pk == enrolment.learner_id:
        raise ValidationError(_("Een lerende kan zichzelf niet begeleiden of beoordelen."))
    current = enrolment.assignments.select_for_update().filter(
        valid_until__isnull=True, capacity=capacity
    )
    if current.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s is al %(capacity)s in dit leertraject.")
            % {"name": person.full_name, "capacity": Capacity(capacity).label}
        )
    changes = {
        "person": {"old": None, "new": str(person)},
        "capacity": {"old": None, "new": str(capacity)},
        "valid_from": {"old": None, "new": valid_from.isoformat()},
    }
    if capacity == Capacity.FIRST_SUPERVISOR:
        for previous in current:
            previous.valid_until = max(valid_from, previous.valid_from)
            previous.save(update_fields=["valid_until", "updated_at"])
            changes["previous_first_supervisor"] = {"old": str(previous.person), "new": None}
    assignment = SupervisionAssignment.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        person=person,
        capacity=capacity,
        # Left empty, the assignment carries the person's own profession (as the form says).
        profession=profession or person.profession,
        valid_from=valid_from,
    )
    record_audit(by=by, action="programmes.assign_supervisor", obj=enrolment, changes=changes)
    return assignment


@transaction.atomic
def end_assignment(*, assignment, on=None, by):
    """End an assignment from ``on`` (today). The first supervisor of an open enrolment is
    ended by assigning a new one, so there is always exactly one."""
    assignment = locked(SupervisionAssignment, assignment)
    enrolment = assignment.enrolment
    if assignment.valid_until is not None:
        raise ValidationError(_("Deze begeleiding is al beëindigd."))
    if assignment.capacity == Capacity.FIRST_SUPERVISOR and enrolment.status not in FINAL_STATUSES:
        raise ValidationError(
            _(
                "Een leertraject heeft altijd een eerste begeleider. Wijs een nieuwe eerste "
                "begeleider aan; daarmee eindigt de huidige."
            )
        )
    on = on or timezone.localdate()
    assignment.valid_until = max(on, assignment.valid_from)
    assignment.save(update_fields=["valid_until", "updated_at"])
    record_audit(
        by=by,
        action="programmes.end_assignment",
        obj=enrolment,
        changes={
            "person": {"old": str(assignment.person), "new": None},
            "capacity": {"old": assignment.capacity, "new": None},
            "valid_until": {"old": None, "new": assignment.valid_until.isoformat()},
        },
    )
    return assignment


@transaction.atomic
def change_phase(*, enrolment, to_phase, reason, by):
    enrolment = locked(Enrolment, enrolment)
    _ensure_open(enrolment)
    if to_phase.version_id != enrolment.version_id:
        raise ValidationError(_("Kies een fase van het traject van deze lerende."))
    if to_phase.pk == enrolment.current_phase_id:
        raise ValidationError(_("De lerende zit al in deze fase."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor de faseovergang."))
    from_phase = enrolment.current_phase
    PhaseTransition.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        from_phase=from_phase,
        to_phase=to_phase,
        by=by,
        reason=reason,
    )
    enrolment.current_phase = to_phase
    enrolment.save(update_fields=["current_phase", "updated_at"])
    record_audit(
        by=by,
        action="programmes.change_phase",
        obj=enrolment,
        changes={
            "current_phase": {"old": str(from_phase), "new": str(to_phase)},
            "reason": reason,
        },
    )
    return enrolment


@transaction.atomic
def change_enrolment_status(*, enrolment, status, reason, by):
    """Pause, resume, complete or stop. Completed and stopped are final: the open
    assignments end that day."""
    enrolment = locked(Enrolment, enrolment)
    _ensure_open(enrolment)
    if status not in EnrolmentStatus.values:
        raise ValueError(f"unknown status {status!r}")
    if status == enrolment.status:
        raise ValidationError(_("Het leertraject heeft deze status al."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor de statuswijziging."))
    old = enrolment.status
    enrolment.status = status
    enrolment.status_reason = reason
    enrolment.save(update_fields=["status", "status_reason", "updated_at"])
    if status in FINAL_STATUSES:
        today = timezone.localdate()
        for assignment in enrolment.assignments.filter(valid_until__isnull=True):
            assignment.valid_until = max(today, assignment.valid_from)
            assignment.save(update_fields=["valid_until", "updated_at"])
    record_audit(
        by=by,
        action="programmes.change_enrolment_status",
        obj=enrolment,
        changes={"status": {"old": old, "new": status}, "reason": reason},
    )
    return enrolment
