"""Who may do what with organisations, teams, people and roles."""

import rules
from django.utils import timezone

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


@rules.predicate
def is_self(user, person):
    return person is not None and person.pk == user.pk


@rules.predicate
def is_active_person(user, person):
    return person is not None and person.is_active


@rules.predicate
def is_own_admin_role(user, membership):
    # Ending your own admin role could leave nobody to manage the organisation.
    return (
        membership is not None and membership.person_id == user.pk and membership.role == Role.ADMIN
    )


@rules.predicate
def is_current_membership(user, membership):
    return membership is not None and (
        membership.valid_until is None or membership.valid_until >= timezone.localdate()
    )


admin_of_same_organisation = rules.is_authenticated & is_org_admin & same_organisation

rules.add_perm("organisations.manage_organisation", rules.is_authenticated & is_org_admin)
rules.add_perm("organisations.read_audit_log", rules.is_authenticated & is_org_admin)
# Object permissions: the object must belong to the admin's own organisation.
rules.add_perm("organisations.manage_person", admin_of_same_organisation)
rules.add_perm("organisations.deactivate_person", admin_of_same_organisation & ~is_self)
rules.add_perm("organisations.send_password_reset", admin_of_same_organisation & is_active_person)
rules.add_perm("organisations.add_membership", admin_of_same_organisation)
rules.add_perm(
    "organisations.end_membership",
    admin_of_same_organisation & is_current_membership & ~is_own_admin_role,
)
rules.add_perm("organisations.manage_team", admin_of_same_organisation)
rules.add_perm("organisations.manage_profession", admin_of_same_organisation)
