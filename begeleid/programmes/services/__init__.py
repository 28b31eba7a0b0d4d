"""Writes about programmes, versions, phases and enrolments (split by aggregate)."""

from .design import (
    PHASE_FIELDS,
    add_phase,
    create_programme,
    draft_new_version,
    move_phase,
    publish_version,
    remove_phase,
    update_phase,
    update_version,
)
from .enrolments import (
    FINAL_STATUSES,
    assign_supervisor,
    change_enrolment_status,
    change_phase,
    end_assignment,
    enrol_learner,
)

__all__ = [
    "FINAL_STATUSES",
    "PHASE_FIELDS",
    "add_phase",
    "assign_supervisor",
    "change_enrolment_status",
    "change_phase",
    "create_programme",
    "draft_new_version",
    "end_assignment",
    "enrol_learner",
    "move_phase",
    "publish_version",
    "remove_phase",
    "update_phase",
    "update_version",
]
