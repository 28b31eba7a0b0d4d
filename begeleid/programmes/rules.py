"""Who may do what with programmes and enrolments."""

import rules

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of

from .enums import GUIDING_CAPACITIES, Capacity
from .queries import TEAM_TRAINER_ROLES


def _active_assignments_of(user, enrolment):
    """The user's active assignments on the enrolment; uses prefetched rows when present."""
    from django.utils import timezone

    today = timezone.localdate()
    cache = getattr(enrolment, "_prefetched_objects_cache", {})
    if "assignments" in cache:
        return [a for a in cache["assignments"] if a.person_id == user.pk and a.is_active(today)]
    return list(enrolment.assignments.active(today).filter(person_id=user.pk))


def _same_organisation(user, obj):
    return (
        obj is not None
        and user.is_authenticated
        and getattr(obj, "organisation_id", None) == user.organisation_id
    )


@rules.predicate
def is_enrolment_learner(user, enrolment):
    return _same_organisation(user, enrolment) and enrolment.learner_id == user.pk


@rules.predicate
def is_current_supervisor_of(user, enrolment):
    """An active assignment as first supervisor, supervisor, specialist or practice trainer."""
    if not _same_organisation(user, enrolment):
        return False
    return any(a.capacity in GUIDING_CAPACITIES for a in _active_assignments_of(user, enrolment))


@rules.predicate
def is_first_supervisor_of(user, enrolment):
    if not _same_organisation(user, enrolment):
        return False
    return any(
        a.capacity == Capacity.FIRST_SUPERVISOR for a in _active_assignments_of(user, enrolment)
    )


@rules.predicate
def is_assigned_to(user, enrolment):
    """Any active assignment, assessor included."""
    return _same_organisation(user, enrolment) and bool(_active_assignments_of(user, enrolment))


@rules.predicate
def is_team_trainer_of(user, enrolment):
    """Practice trainer, team leader or coordinator of the enrolment's team."""
    if not _same_organisation(user, enrolment):
        return False
    return roles_of(user).in_team(enrolment.team_id, *TEAM_TRAINER_ROLES)


@rules.predicate
def is_team_trainer(user):
    """Practice trainer, team leader or coordinator of at least one team."""
    return user.is_authenticated and roles_of(user).has(*TEAM_TRAINER_ROLES)


@rules.predicate
def is_trainer_of_team(user, team):
    """For a team object: the user trains that team (or, without a team, any team)."""
    if team is None:
        return is_team_trainer(user)
    if not _same_organisation(user, team):
        return False
    return roles_of(user).in_team(team.pk, *TEAM_TRAINER_ROLES)


@rules.predicate
def is_programme_manager(user):
    """Practice trainers, coordinators and HR manage the organisation's programmes."""
    return user.is_authenticated and roles_of(user).has(
        Role.PRACTICE_TRAINER, Role.COORDINATOR, Role.HR
    )


@rules.predicate
def programme_in_organisation(user, programme):
    return programme is None or _same_organisation(user, programme)


can_see_enrolment = is_enrolment_learner | is_assigned_to | is_team_trainer_of

rules.add_perm("programmes.view_programmes", is_programme_manager)
rules.add_perm("programmes.manage_programme", is_programme_manager & programme_in_organisation)
rules.add_perm("programmes.view_enrolment_list", is_team_trainer)
rules.add_perm("programmes.enrol_learner", is_trainer_of_team)
rules.add_perm("programmes.view_enrolment", can_see_enrolment)
rules.add_perm("programmes.change_phase", is_team_trainer_of | is_first_supervisor_of)
rules.add_perm("programmes.change_enrolment_status", is_team_trainer_of)
rules.add_perm("programmes.manage_assignments", is_team_trainer_of)
