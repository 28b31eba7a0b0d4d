"""Who may do what with guidance moments, series, feeds, team settings and capacity."""

import rules

from begeleid.organisations.queries import roles_of
from begeleid.organisations.rules import is_supervisor
from begeleid.programmes.queries import TEAM_TRAINER_ROLES
from begeleid.programmes.rules import (
    is_current_supervisor_of,
    is_enrolment_learner,
    is_team_trainer,
    is_team_trainer_of,
    is_trainer_of_team,
)


def _same_organisation(user, obj):
    return obj is not None and user.is_authenticated and obj.organisation_id == user.organisation_id


def _enrolments_of(moment_or_series):
    if hasattr(moment_or_series, "learners"):
        return [ml.enrolment for ml in moment_or_series.learners.all()]
    return list(moment_or_series.enrolments.all())


def _participant_ids(moment_or_series):
    if hasattr(moment_or_series, "learners"):
        return {p.person_id for p in moment_or_series.participants.all()}
    return {p.pk for p in moment_or_series.participants.all()}


@rules.predicate
def takes_part_in(user, moment):
    return _same_organisation(user, moment) and user.pk in _participant_ids(moment)


@rules.predicate
def is_learner_in(user, moment):
    return _same_organisation(user, moment) and any(
        e.learner_id == user.pk for e in _enrolments_of(moment)
    )


@rules.predicate
def guides_a_learner_in(user, moment):
    """Guides (active, guiding capacity) or trains the team of one of its learners."""
    return _same_organisation(user, moment) and any(
        is_current_supervisor_of(user, e) or is_team_trainer_of(user, e)
        for e in _enrolments_of(moment)
    )


@rules.predicate
def planned_it(user, moment):
    return _same_organisation(user, moment) and moment.created_by_id == user.pk


@rules.predicate
def trains_its_team(user, obj):
    return _same_organisation(user, obj) and roles_of(user).in_team(
        obj.team_id, *TEAM_TRAINER_ROLES
    )


@rules.predicate
def plans_guidance(user):
    """Guiding roles and team trainers plan moments; learners and office roles do not."""
    return user.is_authenticated and (is_supervisor(user) or is_team_trainer(user))


can_change_moment = takes_part_in | guides_a_learner_in | planned_it | trains_its_team

rules.add_perm("guidance.plan_moments", plans_guidance)
rules.add_perm("guidance.plan_for_enrolment", is_current_supervisor_of | is_team_trainer_of)
rules.add_perm("guidance.view_moment", can_change_moment | is_learner_in)
rules.add_perm("guidance.change_moment", can_change_moment)
rules.add_perm("guidance.view_series", can_change_moment | is_learner_in)
rules.add_perm("guidance.change_series", can_change_moment)
rules.add_perm(
    "guidance.view_enrolment_guidance",
    is_enrolment_learner | is_current_supervisor_of | is_team_trainer_of,
)
rules.add_perm("guidance.manage_team_guidance", is_trainer_of_team)
rules.add_perm("guidance.view_team_capacity", is_trainer_of_team)
rules.add_perm("guidance.manage_reservation", trains_its_team)
