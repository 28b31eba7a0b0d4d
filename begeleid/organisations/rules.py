"""Who may do what with organisations, teams, people and roles."""

import rules

from .enums import Role
from .queries import roles_of


@rules.predicate
def is_org_admin(user):
    return roles_of(user).has(Role.ADMIN)


@rules.predicate
def is_hr(user):
    return roles_of(user).has(Role.HR)


@rules.predicate
def is_manager(user):
    return roles_of(user).has(Role.MANAGER)


@rules.predicate
def is_team_leader(user):
    return roles_of(user).has(Role.TEAM_LEADER, Role.COORDINATOR)


@rules.predicate
def is_practice_trainer(user):
    return roles_of(user).has(Role.PRACTICE_TRAINER)


@rules.predicate
def is_supervisor(user):
    return roles_of(user).has(Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)


@rules.predicate
def is_learner(user):
    return roles_of(user).has(Role.LEARNER)


@rules.predicate
def is_assessor(user):
    return roles_of(user).has(Role.ASSESSOR)


@rules.predicate
def same_organisation(user, obj):
    return obj is not None and obj.organisation_id == user.organisation_id


rules.add_perm("organisations.manage_organisation", rules.is_authenticated & is_org_admin)
rules.add_perm("organisations.read_audit_log", rules.is_authenticated & is_org_admin)
